package dev.rallypoint.kv;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HealthTest {

    @Inject
    KvServer server;

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kv listeners' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kv listeners' }.data.resp", equalTo(server.respPort()));
    }

    @Test
    void metricsCountConnectionsKeysAndCommands() throws Exception {
        try (RawClient c = new RawClient(server.respPort())) {
            c.call("SET", "metrics:k", "v");
            c.call("GET", "metrics:k");
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"))
                    .body(containsString("kv_commands_total{command=\"get\"}"))
                    .body(containsString("kv_connections "))
                    .body(containsString("kv_keys "))
                    .body(containsString("kv_memory_used_bytes "));
        }
    }
}
