package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.common.testing.WsClient;
import dev.rallypoint.common.testing.TestPlayers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
            // And with the redis store, which talks to Redis over several connections.
            int respPort = ServiceProcess.freePort();
            int linePort = ServiceProcess.freePort();
            start(services, "kv-service", Map.of("kv.store", "redis", "quarkus.redis.hosts", redis.url(),
                    "kv.resp.port", String.valueOf(respPort), "kv.line.port", String.valueOf(linePort)));
            for (int i = 1; i <= 5; i++) {
                assertEquals("+OK", ask(respPort, "*3\r\n$3\r\nSET\r\n$10\r\nclean-logs\r\n$1\r\nx\r\n"));
                assertEquals(String.valueOf(i), ask(linePort, "INCR clean-logs-count\n"));
            }

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

    /** Sends a request on a new connection and reads one reply line. */
    private static String ask(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static ServiceProcess start(List<ServiceProcess> services, String service, Map<String, String> properties) {
        ServiceProcess started = ServiceProcess.start(service, properties);
        services.add(started);
        return started;
    }
}
