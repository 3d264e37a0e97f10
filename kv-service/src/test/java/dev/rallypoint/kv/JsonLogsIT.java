package dev.rallypoint.kv;

import dev.rallypoint.kv.aof.KvProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged kv-service logs one JSON object a line when asked to, like every Rallypoint service. */
class JsonLogsIT {

    @TempDir
    Path dir;

    @Test
    void logsOneJsonObjectALine() {
        try (KvProcess kv = KvProcess.start(dir.resolve("data"), Map.of("quarkus.log.console.json.enabled", "true"))) {
            // The port answers a moment before the line that says so is written.
            String listening = await().atMost(Duration.ofSeconds(10)).until(
                    () -> kv.log().lines().filter(line -> line.contains("kv-service listening")).findFirst(), Optional::isPresent).get();
            assertTrue(listening.startsWith("{") && listening.endsWith("}")
                    && listening.contains("\"level\":\"INFO\"") && listening.contains("\"message\":\"kv-service listening"), listening);
        }
    }
}
