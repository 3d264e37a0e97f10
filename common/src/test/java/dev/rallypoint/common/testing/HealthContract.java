package dev.rallypoint.common.testing;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What every Redis-backed service promises about health and metrics, served on the management
 * interface and never on the API port. A service's test extends it with {@code @QuarkusTest} and
 * a profile of its own, because it stops that Redis.
 */
public abstract class HealthContract {

    @ConfigProperty(name = "quarkus.redis.hosts")
    protected String redisUrl;

    @Test
    void theApiPortServesNothingUnderQ() {
        for (String path : new String[] {"/q/health/ready", "/q/metrics", "/q/openapi", "/api/%2e%2e/q/metrics"}) {
            RestAssured.given().get(path).then().statusCode(404);
        }
    }

    @Test
    void livenessIsUp() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreServedForPrometheus() {
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void readinessFollowsRedis() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        TestRedis replacement = TestRedis.at(redisUrl);
        TestRedis.shutdown(replacement.port());
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    Management.given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
            Management.given().get("/q/health/live").then().statusCode(200);

            replacement.restart();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        } finally {
            replacement.stop();
        }
    }
}
