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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Redis, and on it more matchmaker replicas beside the one a {@code @QuarkusIntegrationTest}
 * starts: the same packaged artifact (the jar, or with -Dnative the native executable), each as
 * its own process. The init arg {@code replicas} says how many (default 1); the other init args
 * configure every replica. It fills the test's {@code OtherReplicas} field, through which a test
 * reaches, kills and starts again each of them by its index.
 */
public class OtherReplicas extends RedisTestResource {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(initArgs);
        settings.putAll(initArgs);
        int count = Integer.parseInt(settings.getOrDefault("replicas", "1"));
        settings.remove("replicas");
        for (int i = 0; i < count; i++) {
            processes.add(null);
            ports.add(0);
        }
    }

    @Override
    public Map<String, String> start() {
        settings.putAll(super.start());
        for (int i = 0; i < processes.size(); i++) {
            restart(i);
        }
        return Map.copyOf(settings);
    }

    @Override
    public void inject(TestInjector injector) {
        super.inject(injector);
        injector.injectIntoFields(this, new TestInjector.MatchesType(OtherReplicas.class));
    }

    @Override
    public void stop() {
        // A replica that failed to start again after kill() left no process to stop.
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.onExit().join();
            }
        }
        super.stop();
    }

    public URI uri(int replica) {
        return URI.create("http://127.0.0.1:" + ports.get(replica) + "/");
    }

    /** kill -9: no goodbye to Redis; the other replicas learn of it when its heartbeat lapses. */
    public void kill(int replica) {
        processes.get(replica).destroyForcibly().onExit().join();
    }

    /** Starts the replica on fresh ports and waits until it is ready. */
    public void restart(int replica) {
        int port;
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
        Path log = Path.of("target", "replica-" + port + ".log").toAbsolutePath();
        Process process;
        try {
            process = new ProcessBuilder(PackagedArtifact.of(Path.of("")).command(properties))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        processes.set(replica, process);
        ports.set(replica, port);
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("a replica exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
    }
}
