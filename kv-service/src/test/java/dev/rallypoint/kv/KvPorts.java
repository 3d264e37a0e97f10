package dev.rallypoint.kv;

import dev.rallypoint.common.testing.TestRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The RESP and line ports of the kv-service under test, chosen free here so that a test knows
 * them whether the service runs in its JVM ({@code @QuarkusTest}) or as the packaged jar or
 * native executable ({@code @QuarkusIntegrationTest}). Fills the test's {@code KvPorts} fields.
 */
public class KvPorts implements QuarkusTestResourceLifecycleManager {

    public record Ports(int respPort, int linePort) {
    }

    private Ports ports;
    private Path aofDir;

    @Override
    public Map<String, String> start() {
        try {
            ports = new Ports(TestRedis.freePort(), TestRedis.freePort());
            // A fresh append-only file each start: keys of an earlier run must not leak in.
            aofDir = Files.createTempDirectory("kv-aof");
            return Map.of("kv.resp.port", String.valueOf(ports.respPort()), "kv.line.port", String.valueOf(ports.linePort()),
                    "kv.aof.dir", aofDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(ports, new TestInjector.MatchesType(Ports.class));
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(aofDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
