package dev.rallypoint.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./mvnw} on a machine whose JAVA_HOME and java are older than 21: it finds a JDK 21 or
 * newer by itself, or stops at once with one line that says what it found and what to do.
 * Skipped where no JDK older than 21 is installed.
 */
class MavenWrapperTest {

    private static final Path ROOT = ServiceProcess.ROOT;
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void stopsWithOneLineWhenNoJdk21IsInstalled(String shell) throws Exception {
        Path old = olderJdk();
        Result result = mvnw(shell, old, "");

        assertEquals(1, result.exitCode(), result.output());
        List<String> lines = result.output().lines().toList();
        assertEquals(1, lines.size(), "one line: " + result.output());
        String line = lines.getFirst();
        assertTrue(line.contains("needs JDK 21 or newer"), line);
        assertTrue(line.contains("found JDK " + major(old) + " at " + old), "names the JDK it found: " + line);
        assertTrue(line.contains("set JAVA_HOME"), "says what to do: " + line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void findsAnInstalledJdk21WhenJavaHomeIsOlder(String shell) throws Exception {
        Path old = olderJdk();
        // The JDK that runs this test is 21 or newer (the build requires it): the one to be found.
        Path current = Path.of(System.getProperty("java.home"));
        Result result = mvnw(shell, old, current.toString());

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("runtime: " + current), "Maven runs on " + current + ":\n" + result.output());
    }

    /** {@code <shell> mvnw -v} with JAVA_HOME and PATH on the older JDK, looking for JDKs only in {@code jdkDirs}. */
    private static Result mvnw(String shell, Path javaHome, String jdkDirs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(shell, "mvnw", "-v").directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("PATH", javaHome.resolve("bin") + ":/usr/bin:/bin");
        env.put("RALLYPOINT_JDK_DIRS", jdkDirs);
        env.remove("MAVEN_OPTS");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "mvnw ended");
        return new Result(process.exitValue(), output);
    }

    /** An installed JDK older than 21 (Debian's 17, say); the test is skipped without one. */
    private static Path olderJdk() {
        Optional<Path> found = Optional.empty();
        if (Files.isDirectory(JVMS)) {
            try (Stream<Path> homes = Files.list(JVMS)) {
                found = homes.filter(home -> Files.isExecutable(home.resolve("bin/javac")))
                        .filter(home -> major(home) > 0 && major(home) < 21)
                        .map(MavenWrapperTest::realPath)
                        .sorted()
                        .findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assumeTrue(found.isPresent(), "no JDK older than 21 in " + JVMS);
        return found.get();
    }

    /** The feature release a JDK's {@code release} file names (17 for "17.0.15", 1 for "1.8.0"), or 0. */
    private static int major(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not a JDK this test can use.
        }
        return 0;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String output) { }
}
