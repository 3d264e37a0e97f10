package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.common.testing.WsClient;
import dev.rallypoint.common.testing.TestPlayers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four packaged services started, used a little and stopped the normal way (SIGTERM, Redis
 * still there, a player still connected): their logs hold no warning, no error and no stack
 * trace, only what happened.
 */
class CleanLogsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aNormalStartAndStopLogsNoWarningErrorOrStackTrace() throws Exception {
        TestRedis redis = TestRedis.start();
        Map<String, String> shared = Map.of("quarkus.redis.hosts", redis.url());
        List<ServiceProcess> services = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            ServiceProcess saves = start(services, "save-service", shared);
            ServiceProcess boards = start(services, "leaderboard-service", shared);
            ServiceProcess matchmaker = start(services, "matchmaker-service", shared);
            Path kvData = ServiceProcess.ROOT.resolve("system-tests/target/kv-data-" + ServiceProcess.freePort());
            start(services, "kv-service", Map.of("kv.resp.port", "0", "kv.line.port", "0", "kv.aof.dir", kvData.toString()));

            HttpResponse<String> session = HTTP.send(HttpRequest.newBuilder(saves.uri().resolve("/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Logan\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, session.statusCode(), session.body());
            JsonObject player = new JsonObject(session.body());
            String token = player.getString("token");
            HttpResponse<String> board = HTTP.send(HttpRequest.newBuilder(boards.uri().resolve("/api/leaderboard/daily-logs"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, board.statusCode(), board.body());
            // A player still in a room when the matchmaker stops, as in a rolling upgrade.
            WsClient ws = WsClient.connect(vertx, matchmaker.uri(),
                    new TestPlayers.TestPlayer(player.getString("playerId"), "Logan", token));
            ws.expect("welcome");
            ws.send("pair", "mode", "duel", "id", "p").expect("room");
            ws.expectAck("p");

            // Its players see a clean close (normal, or going away) and can reconnect elsewhere.
            matchmaker.close();
            await().atMost(10, TimeUnit.SECONDS).until(ws::isClosed);
            assertTrue(List.of((short) 1000, (short) 1001).contains(ws.closeStatusCode()), "closed with " + ws.closeStatusCode());
        } finally {
            // The services first, then Redis, as run.sh stops them.
            services.forEach(ServiceProcess::close);
            vertx.close();
            redis.stop();
        }

        for (ServiceProcess service : services) {
            List<String> lines = Files.readAllLines(service.log());
            String log = String.join("\n", lines);
            assertTrue(log.contains(" stopped in "), service.log() + " ends with the stop:\n" + log);
            for (String line : lines) {
                assertTrue(!LogLines.isWarningOrError(line) && !LogLines.isStackTrace(line),
                        service.log() + " holds a warning, an error or a stack trace:\n" + log);
            }
        }
    }

    private static ServiceProcess start(List<ServiceProcess> services, String service, Map<String, String> properties) {
        ServiceProcess started = ServiceProcess.start(service, properties);
        services.add(started);
        return started;
    }
}
