package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.PackagedArtifact;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestRedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Redis, and on it a second matchmaker replica beside the one a {@code @QuarkusIntegrationTest}
 * starts: the same packaged artifact (the jar, or with -Dnative the native executable) as its own
 * process. Its init args configure both replicas. It fills the test's {@code SecondReplica}
 * field, through which a test kills it and starts it again.
 */
public class SecondReplica extends RedisTestResource {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, String> settings = new LinkedHashMap<>();
    private Process process;
    private int port;

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(initArgs);
        settings.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        settings.putAll(super.start());
        restart();
        return Map.copyOf(settings);
    }

    @Override
    public void inject(TestInjector injector) {
        super.inject(injector);
        injector.injectIntoFields(this, new TestInjector.MatchesType(SecondReplica.class));
    }

    @Override
    public void stop() {
        // A replica that failed to start again after kill() left no process to stop.
        if (process != null && process.isAlive()) {
            process.destroy();
            process.onExit().join();
        }
        super.stop();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** kill -9: no goodbye to Redis; the other replica learns of it when its heartbeat lapses. */
    public void kill() {
        process.destroyForcibly().onExit().join();
    }

    /** Starts the replica on fresh ports and waits until it is ready. */
    public void restart() {
        int managementPort;
        try {
            port = TestRedis.freePort();
            managementPort = TestRedis.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>(settings);
        // The profile the integration test starts the first replica in.
        properties.put("quarkus.profile", "test");
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.put("quarkus.management.host", "127.0.0.1");
        properties.put("quarkus.management.port", String.valueOf(managementPort));
        Path log = Path.of("target", "second-replica-" + port + ".log").toAbsolutePath();
        try {
            process = new ProcessBuilder(PackagedArtifact.of(Path.of("")).command(properties))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second replica exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
    }
}
