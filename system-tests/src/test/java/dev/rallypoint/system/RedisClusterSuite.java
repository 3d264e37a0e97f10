package dev.rallypoint.system;

import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.ScanParams;
import redis.clients.jedis.ScanResult;
import redis.embedded.RedisShardedCluster;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.core.RedisServerBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole suite on a three-master Redis Cluster: every script and key layout must hold a hash
 * slot. Each subclass runs it on another redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisClusterSuite {

    private RedisShardedCluster cluster;
    private Path clusterDir;
    private ServiceProcess saves;
    private ServiceProcess leaderboard;
    private ServiceProcess kv;
    private final int kvPort = ServiceProcess.freePort();
    final List<ServiceProcess> replicas = new ArrayList<>();
    Vertx vertx;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The redis-server binary the cluster runs. */
    abstract ExecutableProvider redisServer();

    /** The cluster's nodes, one client each (the caller closes them). */
    List<Jedis> nodes() {
        return cluster.serverPorts().stream().map(port -> new Jedis("127.0.0.1", port)).toList();
    }

    @BeforeAll
    void startSuite() throws Exception {
        List<Integer> ports = List.of(ServiceProcess.freePort(), ServiceProcess.freePort(), ServiceProcess.freePort());
        // The nodes write their cluster state files into dir, not next to the binary.
        clusterDir = Files.createTempDirectory("rallypoint-cluster");
        cluster = RedisShardedCluster.newRedisCluster()
                .withServerBuilder(new RedisServerBuilder().executableProvider(redisServer())
                        .bind("127.0.0.1").setting("save \"\"").setting("appendonly no").setting("dir " + clusterDir))
                // Ports first: each shard takes its port when it is declared.
                .serverPorts(ports)
                .shard("a", 0).shard("b", 0).shard("c", 0)
                .initializationTimeout(Duration.ofSeconds(30))
                .build();
        cluster.start();
        String hosts = cluster.serverPorts().stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
        Map<String, String> config = Map.of("quarkus.redis.hosts", hosts, "quarkus.redis.client-type", "cluster");
        saves = ServiceProcess.start("save-service", config);
        leaderboard = ServiceProcess.start("leaderboard-service", config);
        Map<String, String> kvConfig = new HashMap<>(config);
        kvConfig.put("kv.store", "redis");
        kvConfig.put("kv.resp.port", Integer.toString(kvPort));
        kvConfig.put("kv.line.port", "0");
        kv = ServiceProcess.start("kv-service", kvConfig);
        replicas.add(ServiceProcess.start("matchmaker-service", config));
        replicas.add(ServiceProcess.start("matchmaker-service", config));
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stopSuite() throws Exception {
        replicas.forEach(ServiceProcess::close);
        if (saves != null) {
            saves.close();
        }
        if (leaderboard != null) {
            leaderboard.close();
        }
        if (kv != null) {
            kv.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (cluster != null) {
            cluster.stop();
        }
        if (clusterDir != null) {
            try (Stream<Path> files = Files.list(clusterDir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(clusterDir);
        }
    }

    @Test
    void pairingGamesSavesSearchAndBoardsWorkOnACluster() throws Exception {
        TestPlayers.TestPlayer ann = login("ClusterAnn");
        TestPlayers.TestPlayer bob = login("ClusterBob");
        try (WsClient a = WsClient.connect(vertx, replicas.get(0).uri(), ann);
             WsClient b = WsClient.connect(vertx, replicas.get(1).uri(), bob)) {
            a.send("pair", "mode", "duel").expect("room");
            b.send("pair", "mode", "duel").expect("room");
            assertEquals(bob.playerId(), a.expect("player_joined").getJsonObject("player").getString("playerId"));
            a.expect("game_started");
            b.expect("game_started");
            b.send("chat", "text", "gg");
            assertEquals("gg", a.expect("chat").getString("text"));
            a.send("game_over", "winner", bob.playerId());
            b.send("game_over", "winner", bob.playerId());
            assertEquals(bob.playerId(), b.expect("game_ended").getString("winner"));
        }

        assertEquals(201, send(saves, "POST", "/api/playerstate", ann, "{\"gold\":1}").statusCode());
        HttpResponse<String> patched = send(saves, "PATCH", "/api/playerstate", ann, "{\"gems\":2}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(2, new JsonObject(patched.body()).getInteger("gems"));
        HttpResponse<String> found = send(saves, "GET", "/api/playerstate?name=clusterb", ann, null);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals(bob.playerId(), new JsonArray(found.body()).getJsonObject(0).getString("playerId"));

        // The finished match reaches the wins board through the stream's consumer group.
        JsonObject wins = awaitBoard("/api/leaderboard/wins", ann, 1);
        assertEquals(bob.playerId(), wins.getJsonArray("entries").getJsonObject(0).getString("playerId"));
        // Players' names sit in other slots than the board: each is read on its own node.
        send(leaderboard, "POST", "/api/leaderboard", ann, "{\"leaderboard\":\"cluster-race\",\"score\":30}");
        send(leaderboard, "POST", "/api/leaderboard", bob, "{\"leaderboard\":\"cluster-race\",\"score\":20}");
        HttpResponse<String> around = send(leaderboard, "GET", "/api/leaderboard/cluster-race/around/" + bob.playerId(), ann, null);
        assertEquals(200, around.statusCode(), around.body());
        JsonArray entries = new JsonObject(around.body()).getJsonArray("entries");
        assertEquals(List.of("ClusterAnn", "ClusterBob"), entries.stream().map(entry -> ((JsonObject) entry).getString("name")).toList());
    }

    @Test
    void kvRedisStoreKeepsItsWholeKeyspaceOnOneNode() {
        try (Jedis client = new Jedis("127.0.0.1", kvPort)) {
            client.flushDB();
            // Keys that plain Redis Cluster would spread over all three masters.
            for (int i = 0; i < 50; i++) {
                client.set("item:" + i, "v" + i);
            }
            assertEquals("OK", client.mset("a", "1", "b", "2", "c", "3"));
            assertEquals(List.of("1", "2", "3"), client.mget("a", "b", "c"));
            assertEquals(0L, client.msetnx("a", "x", "fresh", "y"));
            assertNull(client.get("fresh"));
            assertEquals(4L, client.incr("c"));
            assertEquals(3L, client.exists("a", "b", "nothing", "c"));
            assertEquals(53L, client.dbSize());
            Set<String> scanned = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().count(7));
                scanned.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            assertEquals(53, scanned.size());
            assertTrue(scanned.contains("item:49") && scanned.contains("a"));
            assertEquals(50, client.keys("item:*").size());
            assertEquals(2L, client.del("a", "b"));
            assertEquals("OK", client.flushDB());
            assertEquals(0L, client.dbSize());
        }
    }

    private JsonObject awaitBoard(String path, TestPlayers.TestPlayer reader, int total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> board = send(leaderboard, "GET", path, reader, null);
            assertEquals(200, board.statusCode(), board.body());
            JsonObject read = new JsonObject(board.body());
            if (read.getInteger("total") >= total || System.nanoTime() > deadline) {
                assertEquals(total, read.getInteger("total"), board.body());
                return read;
            }
            ServiceProcess.sleep(200);
        }
    }

    TestPlayers.TestPlayer login(String name) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(saves.uri().resolve("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        JsonObject session = new JsonObject(response.body());
        return new TestPlayers.TestPlayer(session.getString("playerId"), name, session.getString("token"));
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path,
                                             TestPlayers.TestPlayer player, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri().resolve(URI.create(path)))
                .header("Authorization", "Bearer " + player.token())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
