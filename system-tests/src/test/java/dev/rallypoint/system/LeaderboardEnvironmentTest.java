package dev.rallypoint.system;

import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.testing.TestRedis;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged leaderboard-service with board rules in environment variables only, the way a
 * container or the Helm chart's extraEnv sets them, and with the periodic boards it ships.
 */
class LeaderboardEnvironmentTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void boardRulesComeFromTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of(
                "RALLYPOINT_LEADERBOARD_BOARDS_LAPS_MATCH", "laps-*",
                "RALLYPOINT_LEADERBOARD_BOARDS_LAPS_ORDER", "asc",
                "RALLYPOINT_LEADERBOARD_BOARDS_LAPS_RESET", "monthly",
                // A board the packaged configuration declares: the environment changes one setting.
                "RALLYPOINT_LEADERBOARD_BOARDS_SURVIVOR_RESET", "daily");
        try (ServiceProcess boards = ServiceProcess.start("leaderboard-service",
                Map.of("quarkus.redis.hosts", redis.url()), environment)) {
            String ann = session("Ann");
            String bo = session("Bo");
            submit(boards, ann, "laps-oval", 61_000);
            submit(boards, bo, "laps-oval", 58_000);

            JsonObject laps = read(boards, ann, "laps-oval");
            assertEquals(58_000, laps.getJsonArray("entries").getJsonObject(0).getLong("score"), "asc: the lowest first");
            assertTrue(laps.getString("period").matches("\\d{4}-\\d{2}"), "monthly: " + laps);
            assertTrue(read(boards, ann, "survivor-Grassland").getString("period").matches("\\d{4}-\\d{2}-\\d{2}"),
                    "survivor boards reset daily now");
        }
    }

    @Test
    void aFreshStartServesDailyWeeklyAndMonthlyBoards() throws Exception {
        try (ServiceProcess boards = ServiceProcess.start("leaderboard-service", Map.of("quarkus.redis.hosts", redis.url()))) {
            String ann = session("Ann");
            assertTrue(read(boards, ann, "daily-race").getString("period").matches("\\d{4}-\\d{2}-\\d{2}"));
            assertTrue(read(boards, ann, "weekly-race").getString("period").matches("\\d{4}-W\\d{2}"));
            assertTrue(read(boards, ann, "monthly-race").getString("period").matches("\\d{4}-\\d{2}"));
            assertFalse(read(boards, ann, "race").containsKey("period"), "other boards never reset");
        }
    }

    @Test
    void aVariableItCannotReadStopsTheServiceAndIsNamed() throws IOException {
        ServiceProcess boards = ServiceProcess.prepare("leaderboard-service", Map.of("quarkus.redis.hosts", redis.url()),
                Map.of("RALLYPOINT_LEADERBOARD_BOARDS_MY_LAPS_MATCH", "mylaps-*"));
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, boards::start);
            assertTrue(refused.getMessage().contains("exited"), refused.getMessage());
        } finally {
            boards.close();
        }
        String log = Files.readString(boards.log());
        assertTrue(log.contains("Cannot read RALLYPOINT_LEADERBOARD_BOARDS_MY_LAPS_MATCH"), log);
    }

    /** A session written the way save-service writes it; returns its token. */
    private static String session(String name) {
        String token = SessionKeys.newToken();
        try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
            jedis.setex(SessionKeys.session(token), 3600,
                    new JsonObject().put("playerId", UUID.randomUUID().toString()).put("name", name).encode());
        }
        return token;
    }

    private static void submit(ServiceProcess boards, String token, String board, long score) throws Exception {
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(boards.uri().resolve("/api/leaderboard"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("leaderboard", board).put("score", score).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, submitted.statusCode(), submitted.body());
    }

    private static JsonObject read(ServiceProcess boards, String token, String board) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(boards.uri().resolve("/api/leaderboard/" + board))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return new JsonObject(page.body());
    }
}
