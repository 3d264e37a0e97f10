package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestRedis;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A service started with {@code QUARKUS_LOG_CONSOLE_JSON=true}, as a log collector expects it:
 * one JSON object a line, and no session token anywhere in them.
 */
class JsonLogsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyLineIsAJsonObjectAndNoTokenIsLogged() throws Exception {
        TestRedis redis = TestRedis.start(false);
        ServiceProcess saves = ServiceProcess.start("save-service",
                Map.of("quarkus.redis.hosts", redis.url()),
                Map.of("QUARKUS_LOG_CONSOLE_JSON", "true"));
        String token;
        try {
            URI base = saves.uri();
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Logan\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode());
            token = new JsonObject(created.body()).getString("token");
            HttpResponse<String> malformed = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/playerstate"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"level\":")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, malformed.statusCode());
            redis.stop();
            HttpResponse<String> unavailable = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/playerstate"))
                    .header("Authorization", "Bearer " + token + "x").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, unavailable.statusCode());
        } finally {
            saves.close();
            redis.stop();
        }

        List<String> lines = Files.readAllLines(saves.log());
        assertFalse(lines.isEmpty(), "the service wrote no log");
        boolean redisOutageLogged = false;
        for (String line : lines) {
            assertFalse(line.contains(token), "a token reached the log: " + line);
            JsonObject record = parse(line);
            assertTrue(record.containsKey("timestamp") && record.containsKey("level") && record.containsKey("message"), line);
            redisOutageLogged |= "WARN".equals(record.getString("level"))
                    && record.getString("message").startsWith("Redis unavailable");
        }
        assertTrue(redisOutageLogged, "the Redis outage left no warning in the log");
    }

    private static JsonObject parse(String line) {
        try {
            return new JsonObject(line);
        } catch (DecodeException e) {
            return fail("not a JSON object: " + line);
        }
    }
}
