package dev.rallypoint.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs documented commands in bash, from the repository root, as a reader pastes them into a terminal. */
final class ExampleShell {

    private static final String END = "@@rallypoint-example-end ";

    /** What one command printed (stdout and stderr together) and its exit status. */
    record Result(List<String> output, int exitStatus) {
    }

    private ExampleShell() {
    }

    static boolean has(String tool) {
        try {
            return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs the commands one after another in one shell and returns each one's result; fewer
     * results than commands when the shell ended early or ran out of time.
     */
    static List<Result> run(Path root, Map<String, String> environment, List<DocExamples.Step> steps, long timeoutSeconds)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("exec 2>&1\n");
        for (DocExamples.Step step : steps) {
            script.append(step.command()).append('\n')
                    .append("printf '\\n").append(END).append("%s\\n' \"$?\"\n");
        }
        Process shell = bash(root, environment, script.toString(), false);
        // Input stays open, as a terminal's does: wscat -x waits for its replies only while it is.
        OutputStream input = shell.getOutputStream();
        StringBuilder output = new StringBuilder();
        Thread reader = readInto(shell, output);
        boolean ended = shell.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
        input.close();
        reader.join(5_000);
        return results(output.toString());
    }

    /** A command that keeps running (the suite), started in its own process group like a terminal's job. */
    static Background start(Path root, Map<String, String> environment, DocExamples.Block block) throws Exception {
        assertTrue(block.steps().size() == 1, "a background example is one command");
        DocExamples.Step step = block.steps().get(0);
        Process process = bash(root, environment, "exec 2>&1\n" + step.command() + "\n", true);
        StringBuilder output = new StringBuilder();
        Background background = new Background(process, output, readInto(process, output));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (DocExamples.missing(step.expected(), background.lines()) != null) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                background.interruptAndAwait();
                throw new AssertionError(step.command() + " did not print " + step.expected() + ":\n" + output);
            }
            ServiceProcess.sleep(200);
        }
        return background;
    }

    static String describe(List<Result> results) {
        StringBuilder all = new StringBuilder();
        results.forEach(result -> all.append(String.join("\n", result.output())).append("\n(exit ")
                .append(result.exitStatus()).append(")\n"));
        return all.toString();
    }

    private static Process bash(Path root, Map<String, String> environment, String script, boolean ownGroup)
            throws IOException {
        Path file = Files.createTempFile("rallypoint-example", ".sh");
        Files.writeString(file, script);
        file.toFile().deleteOnExit();
        // A terminal's Ctrl-C always reaches run.sh; a test started from a background job inherits
        // SIGINT ignored, which bash could then not trap, so the suite gets it back first.
        List<String> command = new ArrayList<>(ownGroup
                ? List.of("setsid", "env", "--default-signal=INT", "bash") : List.of("bash"));
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_REDIS_HOSTS");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static List<Result> results(String output) {
        List<Result> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            String clean = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (clean.startsWith(END)) {
                // The marker starts with a newline of its own: drop the empty line it left.
                if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                    lines.remove(lines.size() - 1);
                }
                results.add(new Result(List.copyOf(lines), Integer.parseInt(clean.substring(END.length()).strip())));
                lines.clear();
            } else {
                lines.add(clean);
            }
        }
        if (!lines.isEmpty() && !(lines.size() == 1 && lines.get(0).isEmpty())) {
            results.add(new Result(List.copyOf(lines), -1));
        }
        return results;
    }

    private static Thread readInto(Process process, StringBuilder output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The process ended; what was read is enough.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** The suite started by the quickstart: stopped with Ctrl-C's signal to its whole process group. */
    record Background(Process process, StringBuilder output, Thread reader) {

        List<String> lines() {
            synchronized (output) {
                return Arrays.asList(output.toString().split("\n"));
            }
        }

        void interruptAndAwait() throws IOException, InterruptedException {
            List<ProcessHandle> started = process.descendants().toList();
            try {
                new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).start().waitFor();
                // run.sh gives the services 30 s and Redis 10 s before it kills them.
                assertTrue(process.waitFor(90, TimeUnit.SECONDS), () -> "Ctrl-C stops the suite; still running: "
                        + process.descendants().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()
                        + "\nits output:\n" + String.join("\n", lines()));
                for (ProcessHandle child : started) {
                    try {
                        child.onExit().get(60, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        throw new AssertionError("left running: " + child.info(), e);
                    }
                }
            } finally {
                started.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reader.join(5_000);
            }
        }
    }
}
