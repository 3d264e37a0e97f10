package dev.rallypoint.system;

import dev.rallypoint.common.testing.PackagedArtifact;
import dev.rallypoint.common.testing.TestRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Rallypoint service run as its own process on a free loopback port, as in production:
 * the jar, or the native executable when that was built last.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("rallypoint.root", "..")).toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String service;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final int port;
    // Health and metrics: the management interface's own port; kv-service serves them on its HTTP port.
    private final int managementPort;
    private final Path log;
    private Process process;

    private ServiceProcess(String service, int port, Map<String, String> properties, Map<String, String> environment) {
        this.service = service;
        this.port = port;
        this.managementPort = service.equals("kv-service") ? port : freePort();
        this.properties = properties;
        this.environment = environment;
        this.log = ROOT.resolve("system-tests/target/logs").resolve(service + "-" + port + ".log");
    }

    /** Starts the service and waits until it reports ready. */
    static ServiceProcess start(String service, Map<String, String> properties) {
        return start(service, properties, Map.of());
    }

    /** Starts the service with extra environment variables, the way containers configure it. */
    static ServiceProcess start(String service, Map<String, String> properties, Map<String, String> environment) {
        ServiceProcess started = prepare(service, properties, environment);
        started.start();
        return started;
    }

    /** A service not started yet: {@link #start()} starts it, and its {@link #log()} is known before. */
    static ServiceProcess prepare(String service, Map<String, String> properties, Map<String, String> environment) {
        return new ServiceProcess(service, freePort(), properties, environment);
    }

    void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.http.host", "127.0.0.1");
        settings.put("quarkus.http.port", String.valueOf(port));
        if (managementPort != port) {
            settings.put("quarkus.management.host", "127.0.0.1");
            settings.put("quarkus.management.port", String.valueOf(managementPort));
        }
        settings.putAll(properties);
        List<String> command = PackagedArtifact.of(ROOT.resolve(service)).command(settings);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            // A service that never became ready must not outlive the test that started it.
            process.destroyForcibly();
            waitFor();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Everything the process wrote to stdout and stderr. */
    Path log() {
        return log;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Where health, metrics and OpenAPI are served. */
    URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    /** kill -9: no shutdown hook, no goodbye to Redis. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(managementUri().resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(service + " not ready on port " + port + " within 60 s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try {
            return TestRedis.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
