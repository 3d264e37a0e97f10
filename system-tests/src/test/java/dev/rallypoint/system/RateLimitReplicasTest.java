package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A limit kept in Redis holds across replicas: two save-services let one address's burst through, not two. */
class RateLimitReplicasTest {

    private static final int BURST = 6;

    private static TestRedis redis;
    private static final List<ServiceProcess> saves = new ArrayList<>();

    @BeforeAll
    static void startSuite() {
        redis = TestRedis.start(false);
        // A slow refill: nothing comes back while the test runs, however slow the machine.
        Map<String, String> limited = Map.of("quarkus.redis.hosts", redis.url(),
                "rallypoint.save.limits.sessions-burst", String.valueOf(BURST),
                "rallypoint.save.limits.sessions-per-second", "0.001");
        saves.add(ServiceProcess.start("save-service", limited));
        saves.add(ServiceProcess.start("save-service", limited));
    }

    @AfterAll
    static void stopSuite() {
        saves.forEach(ServiceProcess::close);
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void oneAddressGetsOneBurstOfSessionsAcrossBothReplicas() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * BURST; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(saves.get(i % 2).uri().resolve("/api/session"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertTrue(response.headers().firstValue("Retry-After").isPresent(), response.headers().toString());
            }
        }
        assertEquals(BURST, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
        assertEquals(BURST, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
    }
}
