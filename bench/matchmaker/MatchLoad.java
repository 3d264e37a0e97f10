import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Load for one matchmaker replica: many idle connections (memory per connection), then every
 * player pairing at once (players paired per second), then a paced pairing rate (pair-to-room
 * latency), with ping-to-pong over the same sockets as the reference floor.
 *
 * java -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/MatchLoad.java
 *      <wsPort> <redisPort> <serverPid> <connections> <pacedRate> <pacedSeconds> <outFile>
 */
public class MatchLoad {

    static int wsPort;
    static final AtomicInteger errors = new AtomicInteger();
    static final java.util.Map<String, AtomicInteger> errorCodes = new java.util.concurrent.ConcurrentSkipListMap<>();
    static Vertx vertx;

    public static void main(String[] args) throws Exception {
        wsPort = Integer.parseInt(args[0]);
        int redisPort = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        int connections = Integer.parseInt(args[3]);
        int pacedRate = Integer.parseInt(args[4]);
        int pacedSeconds = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

        List<String[]> players = createSessions(redisPort, connections);
        long rssBefore = rssKib(pid);
        List<Player> clients = connectAll(players);
        Thread.sleep(3_000);
        long rssAfter = rssKib(pid);
        double kibPerConnection = (rssAfter - rssBefore) / (double) connections;
        System.out.printf("%d connections open; replica RSS %d -> %d KiB (%.1f KiB each)%n",
                connections, rssBefore, rssAfter, kibPerConnection);

        // Warm-up, not measured: both JVMs compile their hot paths first.
        paced(clients, pacedRate, pacedSeconds, Player::ping);
        paced(clients, pacedRate, pacedSeconds, Player::pairAndFinish);
        all(clients.subList(0, Math.min(2_000, clients.size())), Player::pair);
        finishGames(clients.subList(0, Math.min(2_000, clients.size())));
        errors.set(0);
        errorCodes.clear();

        Latencies ping = paced(clients, pacedRate, pacedSeconds, Player::ping);
        System.out.printf("ping->pong at %d/s: %s%n", pacedRate, ping);

        long burstStart = System.nanoTime();
        Latencies burst = all(clients, Player::pair);
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
        double pairedPerSecond = connections / burstSeconds;
        System.out.printf("burst: %d players paired in %.2f s = %.0f/s; pair->room %s%n",
                connections, burstSeconds, pairedPerSecond, burst);
        finishGames(clients);
        // Let the burst's tail (the games' ends, unsubscribes) drain first.
        Thread.sleep(5_000);

        Latencies pacedPair = paced(clients, pacedRate, pacedSeconds, Player::pairAndFinish);
        System.out.printf("pair->room at %d/s: %s; error frames: %d %s%n", pacedRate, pacedPair, errors.get(), errorCodes);

        String table = """
                | measurement | result | reference (ping -> pong on the same sockets) |
                |---|---|---|
                | idle connections held by one replica | %d | |
                | replica memory per idle connection (RSS) | %.1f KiB | |
                | players paired per second (all %d pair at once, duel) | %.0f/s | |
                | pair -> room, all at once: p50 / p99 | %s / %s ms | |
                | pair -> room at %d players/s: p50 / p99 | %s / %s ms | %s / %s ms |
                | error frames during the run | %d %s | |
                """.formatted(connections, kibPerConnection, connections, pairedPerSecond,
                burst.p(50), burst.p(99), pacedRate, pacedPair.p(50), pacedPair.p(99), ping.p(50), ping.p(99),
                errors.get(), errorCodes.isEmpty() ? "" : errorCodes.toString());
        Files.writeString(out, table);
        clients.forEach(Player::close);
        vertx.close();
        System.exit(0);
    }

    static void countError(String code) {
        errors.incrementAndGet();
        errorCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    /** One player: a socket and the handler waiting for its next awaited frame. */
    static final class Player {
        final String playerId;
        final WebSocket socket;
        volatile Consumer<JsonObject> waiting;

        Player(String playerId, WebSocket socket) {
            this.playerId = playerId;
            this.socket = socket;
            socket.textMessageHandler(text -> {
                Consumer<JsonObject> handler = waiting;
                if (handler != null) {
                    handler.accept(new JsonObject(text));
                }
            });
        }

        Future<Long> ping() {
            return roundTrip(new JsonObject().put("type", "ping"), "pong");
        }

        Future<Long> pair() {
            return roundTrip(new JsonObject().put("type", "pair").put("mode", "duel"), "room");
        }

        /** Pairs; once the game starts, both players report its first player as the winner. */
        Future<Long> pairAndFinish() {
            Promise<Long> latency = Promise.promise();
            long start = System.nanoTime();
            waiting = frame -> {
                switch (frame.getString("type")) {
                    case "room" -> latency.tryComplete((System.nanoTime() - start) / 1_000);
                    case "error" -> {
                        if (latency.tryFail(frame.getString("code"))) {
                            countError(frame.getString("code"));
                        }
                    }
                    case "game_started" -> {
                        String first = frame.getJsonArray("players").getJsonObject(0).getString("playerId");
                        socket.writeTextMessage(new JsonObject().put("type", "game_over").put("winner", first).encode());
                    }
                    default -> { }
                }
            };
            socket.writeTextMessage(new JsonObject().put("type", "pair").put("mode", "duel").encode());
            return latency.future();
        }

        Future<Long> roundTrip(JsonObject frame, String answer) {
            Promise<Long> latency = Promise.promise();
            long start = System.nanoTime();
            waiting = reply -> {
                if (answer.equals(reply.getString("type"))) {
                    latency.tryComplete((System.nanoTime() - start) / 1_000);
                } else if ("error".equals(reply.getString("type"))) {
                    countError(reply.getString("code"));
                    latency.tryFail(reply.getString("code"));
                }
            };
            socket.writeTextMessage(frame.encode());
            return latency.future();
        }

        void close() {
            socket.close();
        }
    }

    static List<Player> connectAll(List<String[]> players) throws InterruptedException {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));
        List<Player> connected = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(200);
        CountDownLatch done = new CountDownLatch(players.size());
        for (String[] player : players) {
            inFlight.acquire();
            client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(wsPort)
                            .setURI("/ws?token=" + player[1]))
                    .onComplete(result -> {
                        inFlight.release();
                        if (result.succeeded()) {
                            connected.add(new Player(player[0], result.result()));
                        } else {
                            System.err.println("connect failed: " + result.cause());
                        }
                        done.countDown();
                    });
        }
        done.await(5, TimeUnit.MINUTES);
        return new ArrayList<>(connected);
    }

    /** Every player at once; waits for all answers. */
    static Latencies all(List<Player> clients, java.util.function.Function<Player, Future<Long>> action) throws InterruptedException {
        Latencies latencies = new Latencies();
        CountDownLatch done = new CountDownLatch(clients.size());
        for (Player player : clients) {
            vertx.runOnContext(v -> action.apply(player).onComplete(r -> {
                if (r.succeeded()) {
                    latencies.add(r.result());
                }
                done.countDown();
            }));
        }
        done.await(5, TimeUnit.MINUTES);
        return latencies;
    }

    /** {@code rate} actions a second for {@code seconds}, each by the next player in turn. */
    static Latencies paced(List<Player> clients, int rate, int seconds, java.util.function.Function<Player, Future<Long>> action)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        int total = Math.min(rate * seconds, clients.size());
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger next = new AtomicInteger();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Player player = clients.get(next.getAndIncrement() % clients.size());
            vertx.runOnContext(v -> action.apply(player).onComplete(r -> {
                if (r.succeeded()) {
                    latencies.add(r.result());
                }
                done.countDown();
            }));
        }
        done.await(2, TimeUnit.MINUTES);
        Thread.sleep(2_000);
        return latencies;
    }

    /** Ends every duel the burst started (each player names itself: disputed), so all are free to pair again. */
    static void finishGames(List<Player> clients) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(clients.size());
        for (Player player : clients) {
            player.waiting = frame -> {
                if ("game_ended".equals(frame.getString("type"))) {
                    ended.countDown();
                }
            };
        }
        for (Player player : clients) {
            vertx.runOnContext(v -> player.socket.writeTextMessage(
                    new JsonObject().put("type", "game_over").put("winner", player.playerId).encode()));
        }
        ended.await(2, TimeUnit.MINUTES);
    }

    static final class Latencies {
        private final List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());

        void add(long value) {
            micros.add(value);
        }

        String p(int percentile) {
            List<Long> sorted;
            synchronized (micros) {
                sorted = new ArrayList<>(micros);
            }
            if (sorted.isEmpty()) {
                return "n/a";
            }
            sorted.sort(null);
            long value = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
            return String.format("%.2f", value / 1000.0);
        }

        @Override
        public String toString() {
            return micros.size() + " samples, p50 " + p(50) + " ms, p99 " + p(99) + " ms";
        }
    }

    /** Sessions written straight into Redis in the form save-service stores them, pipelined. */
    static List<String[]> createSessions(int redisPort, int count) throws Exception {
        List<String[]> players = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String playerId = UUID.randomUUID().toString();
            String key = "session:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
            String value = "{\"playerId\":\"" + playerId + "\",\"name\":\"Load" + i + "\"}";
            commands.writeBytes(resp("SET", key, value, "EX", "3600"));
            players.add(new String[] {playerId, token});
        }
        pipeline(redisPort, commands.toByteArray(), count);
        return players;
    }

    /** Sends the commands at once and reads their replies, each one line (+OK, :1). */
    static void pipeline(int redisPort, byte[] commands, int count) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", redisPort)) {
            OutputStream output = socket.getOutputStream();
            output.write(commands);
            output.flush();
            InputStream input = socket.getInputStream();
            int lines = 0;
            while (lines < count) {
                int b = input.read();
                if (b < 0) {
                    throw new IllegalStateException("Redis closed the connection");
                }
                if (b == '\n') {
                    lines++;
                }
            }
        }
    }

    static byte[] resp(String... words) {
        StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
