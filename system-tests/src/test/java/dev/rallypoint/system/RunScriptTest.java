package dev.rallypoint.system;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command, started as a person would, then stopped as Ctrl-C would. With
 * {@code RALLYPOINT_NATIVE=true} in the environment it runs the native executables.
 */
class RunScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("rallypoint.root", "..")).toAbsolutePath();
    private static final List<String> SERVICES = List.of("matchmaker-service", "save-service", "leaderboard-service", "kv-service");
    private static final List<Integer> HTTP_PORTS = List.of(8081, 8082, 8083, 8084);
    // Health on the management ports; kv-service's HTTP port serves nothing else.
    private static final List<Integer> MANAGEMENT_PORTS = List.of(9081, 9082, 9083, 8084);

    @Test
    void startsEveryServiceReadyPrintsEveryAddressAndStopsCleanly() throws Exception {
        int offset = 20_000 + ThreadLocalRandom.current().nextInt(200) * 10;
        ProcessBuilder builder = new ProcessBuilder("bash", "run.sh").directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("RALLYPOINT_PORT_OFFSET", String.valueOf(offset));
        builder.environment().remove("QUARKUS_REDIS_HOSTS");
        Process script = builder.start();
        AtomicReference<String> output = new AtomicReference<>("");
        Thread reader = readInto(script, output);

        try {
            await().atMost(3, TimeUnit.MINUTES).until(() -> output.get().contains("Rallypoint is up") || !script.isAlive());
            assertTrue(output.get().contains("Rallypoint is up"), "the suite did not come up:\n" + output.get());

            HttpClient http = HttpClient.newHttpClient();
            for (int port : HTTP_PORTS) {
                int actual = port + offset;
                assertTrue(output.get().contains("http://127.0.0.1:" + actual), "prints where it listens: " + actual);
            }
            for (int port : MANAGEMENT_PORTS) {
                int actual = port + offset;
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + actual + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), "ready on " + actual + ": " + ready.body());
            }

            int respPort = printedPort(output.get(), "kv-service resp\\s+redis://127\\.0\\.0\\.1:(\\d+)");
            int linePort = printedPort(output.get(), "kv-service line\\s+127\\.0\\.0\\.1:(\\d+)");
            assertEquals(7379 + offset, respPort);
            assertEquals(7380 + offset, linePort);
            assertEquals("+PONG", ask(respPort, "*1\r\n$4\r\nPING\r\n"), "RESP on the printed port");
            assertEquals("OK", ask(linePort, "SET run-script-test ok\n"), "the line protocol on the printed port");
            assertTrue(output.get().contains("redis://127.0.0.1:" + (6379 + offset) + " (embedded"), output.get());
            assertTrue(output.get().contains("ws://127.0.0.1:" + (8081 + offset) + "/ws"), output.get());
            assertTrue(output.get().contains("http://localhost:" + (8081 + offset) + "/"), "the web client: " + output.get());

            List<ProcessHandle> started = script.descendants().toList();
            assertTrue(started.size() >= 5, "redis and four services: " + started);

            // SIGTERM, as a supervisor would (Ctrl-C is SIGINT, handled the same). Through the
            // handle: Process.destroy() would also close the pipe that the script reports on.
            script.toHandle().destroy();
            assertTrue(script.waitFor(90, TimeUnit.SECONDS), "the script stops");
            for (ProcessHandle child : started) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "left running: " + child.info());
            }
            reader.join(5_000);
            assertTrue(output.get().contains("Rallypoint stopped."), output.get());
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            reader.join(5_000);
        }

        // Redis outlives the services, so none of them logs a lost connection on the way out.
        for (String service : SERVICES) {
            List<String> lines = Files.readAllLines(ROOT.resolve("target/run/logs/" + service + ".log"));
            assertTrue(lines.stream().anyMatch(line -> line.contains(service + " stopped in")), service + " logged its stop");
            for (String line : lines) {
                assertFalse(LogLines.isWarningOrError(line) || LogLines.isStackTrace(line),
                        service + " logged a warning, an error or a stack trace:\n" + String.join("\n", lines));
            }
        }
    }

    private static int printedPort(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        assertTrue(matcher.find(), "prints " + regex + ":\n" + output);
        return Integer.parseInt(matcher.group(1));
    }

    /** Sends a request on a new connection and reads one reply line. */
    private static String ask(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
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
