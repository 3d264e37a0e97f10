package dev.rallypoint.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every example in the READMEs, run as written against the suite that the root README's
 * quickstart starts (./run.sh, on ports moved by an offset): the docs cannot drift from the code.
 * See {@link DocExamples} for how an example says what it prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocExamplesTest {

    private static final Path ROOT = ServiceProcess.ROOT;

    /** Tools the examples use (and setsid, which starts the suite as a terminal's job), and how to get each. */
    private static final Map<String, String> TOOLS = Map.of(
            "setsid", "apt-get install util-linux",
            "curl", "apt-get install curl",
            "jq", "apt-get install jq",
            "redis-cli", "apt-get install redis-tools",
            "wscat", "npm install -g wscat");

    /** Every page with examples: the READMEs and the Redis schema. */
    static final List<String> PAGES = List.of("README.md", "matchmaker-service/README.md", "save-service/README.md",
            "leaderboard-service/README.md", "kv-service/README.md", "deploy/README.md", "docs/redis.md");

    /** Pages with shell blocks that are not examples, each with the reason they cannot run here. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "README.md", "the two commands: ./run.sh runs as the quickstart's example, ./mvnw verify is what CI runs",
            "deploy/README.md", "image pushes, Docker Compose, Helm and kubectl need a registry, Docker or Kubernetes;"
                    + " .ci/container-smoke and deploy-tests check them");

    private final Map<String, String> environment = new LinkedHashMap<>();
    private ExampleShell.Background suite;

    @BeforeAll
    void startSuiteAsTheQuickstartDoes() throws Exception {
        List<String> missing = TOOLS.keySet().stream().filter(tool -> !ExampleShell.has(tool)).sorted().toList();
        if (!missing.isEmpty()) {
            String install = String.join("; ", missing.stream().map(TOOLS::get).toList());
            if (System.getenv("CI") != null) {
                fail("the README examples need " + missing + " (.ci/run installs them): " + install);
            }
            Assumptions.abort("the README examples need " + missing + "; install with: " + install);
        }
        int offset = 30_000 + ThreadLocalRandom.current().nextInt(100) * 10;
        environment.put("RALLYPOINT_PORT_OFFSET", String.valueOf(offset));
        environment.put("MATCHMAKER", "ws://localhost:" + (8081 + offset));
        environment.put("SAVE", "http://localhost:" + (8082 + offset));
        environment.put("LEADERBOARD", "http://localhost:" + (8083 + offset));
        environment.put("KV_HTTP", "http://localhost:" + (8084 + offset));
        environment.put("KV_RESP_PORT", String.valueOf(7379 + offset));
        environment.put("KV_LINE_PORT", String.valueOf(7380 + offset));
        environment.put("REDIS", "redis://localhost:" + (6379 + offset));

        DocExamples quickstart = DocExamples.read(ROOT.resolve("README.md"));
        List<DocExamples.Block> background = quickstart.blocks().stream().filter(DocExamples.Block::background).toList();
        assertEquals(1, background.size(), "the root README starts the suite in one example");
        suite = ExampleShell.start(ROOT, environment, background.get(0));
    }

    @AfterAll
    void stopSuiteAsCtrlCWould() throws Exception {
        if (suite != null) {
            suite.interruptAndAwait();
        }
    }

    @ParameterizedTest
    @FieldSource("PAGES")
    void examplesPrintWhatThePageSays(String page) throws Exception {
        DocExamples examples = DocExamples.read(ROOT.resolve(page));
        if (page.endsWith("-service/README.md") || page.equals("README.md")) {
            assertFalse(examples.blocks().isEmpty(), page + " shows no example");
        }
        List<DocExamples.Step> steps = new ArrayList<>();
        examples.blocks().stream().filter(block -> !block.background()).forEach(block -> steps.addAll(block.steps()));
        if (steps.isEmpty()) {
            return;
        }
        List<ExampleShell.Result> results = ExampleShell.run(ROOT, environment, steps, TimeUnit.MINUTES.toSeconds(4));
        for (int i = 0; i < steps.size(); i++) {
            DocExamples.Step step = steps.get(i);
            String where = page + ":" + step.line() + "\n" + step.command();
            assertTrue(i < results.size(), where + "\ndid not finish; the output so far:\n" + ExampleShell.describe(results));
            ExampleShell.Result result = results.get(i);
            assertEquals(0, result.exitStatus(), where + "\nfailed:\n" + String.join("\n", result.output()));
            assertNull(DocExamples.missing(step.expected(), result.output()),
                    where + "\nprinted:\n" + String.join("\n", result.output()) + "\nwhere the page says:\n"
                            + String.join("\n", step.expected()));
        }
    }

    @Test
    void everyShellBlockIsAnExampleOrSaysWhyNot() {
        for (String page : PAGES) {
            List<Integer> others = DocExamples.read(ROOT.resolve(page)).otherShellBlocks();
            assertTrue(others.isEmpty() || NOT_RUN.containsKey(page),
                    page + " has shell blocks at lines " + others + " that no test runs: make them `sh example`");
        }
    }
}
