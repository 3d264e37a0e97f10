package dev.rallypoint.system;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's run command, started as a person would, then stopped as Ctrl-C would. */
class RunScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("rallypoint.root", "..")).toAbsolutePath();
    private static final List<Integer> HTTP_PORTS = List.of(8081, 8082, 8083, 8084);

    @Test
    void startsEveryServiceReadyAndStopsEveryProcess() throws Exception {
        int offset = 20_000 + ThreadLocalRandom.current().nextInt(200) * 10;
        ProcessBuilder builder = new ProcessBuilder("bash", "run.sh").directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("RALLYPOINT_PORT_OFFSET", String.valueOf(offset));
        builder.environment().remove("QUARKUS_REDIS_HOSTS");
        Process script = builder.start();
        AtomicReference<String> output = new AtomicReference<>("");
        Thread reader = readInto(script, output);

        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!output.get().contains("Rallypoint is up") && System.nanoTime() < deadline && script.isAlive()) {
                Thread.sleep(200);
            }
            assertTrue(output.get().contains("Rallypoint is up"), "the suite did not come up:\n" + output.get());

            HttpClient http = HttpClient.newHttpClient();
            for (int port : HTTP_PORTS) {
                int actual = port + offset;
                assertTrue(output.get().contains("http://127.0.0.1:" + actual), "prints where it listens: " + actual);
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + actual + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), "ready on " + actual + ": " + ready.body());
            }

            List<ProcessHandle> started = script.descendants().toList();
            assertTrue(started.size() >= 5, "redis and four services: " + started);

            script.destroy(); // SIGTERM, as a supervisor or Ctrl-C would
            assertTrue(script.waitFor(30, TimeUnit.SECONDS), "the script stops");
            for (ProcessHandle child : started) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "left running: " + child.info());
            }
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            reader.join(5_000);
        }
    }

    private static Thread readInto(Process process, AtomicReference<String> output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String next = line;
                    output.updateAndGet(all -> all + next + "\n");
                }
            } catch (IOException e) {
                // The process ended; what was read is enough.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
