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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Matchmaker replicas working as one: players paired per second with players spread over one,
 * two and three replicas, the latency of a room event (a chat line) from a player on one
 * replica to a player on another, at a paced rate, and game messages in many rooms of four
 * (sender to receiver, on the same and on another replica, against the ping-to-pong floor).
 *
 * java -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/CrossReplica.java
 *      <redisPort> <players> <eventsPerSecond> <seconds> <outFile> <wsPort>...
 * Environment: REPLICA_PIDS (the replicas' process ids, in the order of their ports, for CPU and
 * memory), GAME_ROOMS (1000), GAME_DELIVERIES (the deliveries per second of each row, "10000 20000 40000"),
 * RELAY_PORT and RELAY_PID (BareRelay, when running: the same game-message rows against it, the reference).
 */
public class CrossReplica {

    static final int WARM_UP_SECONDS = 10;

    static Vertx vertx;
    static WebSocketClient client;

    public static void main(String[] args) throws Exception {
        int redisPort = Integer.parseInt(args[0]);
        int players = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        List<Integer> replicas = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            replicas.add(Integer.parseInt(args[i]));
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000));

        // Latency first, on quiet replicas: the pairing rounds leave thousands of dropped seats
        // whose grace periods run out later, and that clean-up is not what this row measures.
        StringBuilder table = new StringBuilder();
        List<Long> latencies = chatLatency(redisPort, rate, seconds, replicas);
        Collections.sort(latencies);
        String p50 = percentile(latencies, 0.50);
        String p90 = percentile(latencies, 0.90);
        String p99 = percentile(latencies, 0.99);
        String p999 = percentile(latencies, 0.999);
        System.out.printf("cross-replica event at %d/s: %d samples, p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms%n",
                rate, latencies.size(), p50, p90, p99, p999);
        table.append("""
                | room event from a player on one replica to a player on another | p50 | p90 | p99 | p99.9 |
                |---|---|---|---|---|
                | chat line at %d events/s, %d s after a %d s warm-up | %s ms | %s ms | %s ms | %s ms |
                """.formatted(rate, seconds, WARM_UP_SECONDS, p50, p90, p99, p999));
        String[] pids = System.getenv().getOrDefault("REPLICA_PIDS", "").trim().split("\\s+");
        int gameRooms = Integer.parseInt(System.getenv().getOrDefault("GAME_ROOMS", "1000"));
        String[] deliveryRates = System.getenv().getOrDefault("GAME_DELIVERIES", "10000 20000 40000").trim().split("\\s+");
        table.append("""

                | game messages: %d rooms of 4, each message to the 3 others | deliveries/s asked | delivered/s | same replica p50 / p99 | other replica p50 / p99 | ping to pong p50 / p99 | CPU per replica | RSS per replica |
                |---|---|---|---|---|---|---|---|
                """.formatted(gameRooms));
        for (int count : List.of(1, replicas.size())) {
            for (String deliveries : deliveryRates) {
                String row = gameMessages(count == 1 ? "1 replica" : count + " replicas", redisPort, gameRooms,
                        Integer.parseInt(deliveries), seconds, replicas.subList(0, count),
                        List.of(pids).subList(0, Math.min(count, pids.length)));
                System.out.println(row);
                table.append(row).append('\n');
            }
        }
        String relayPort = System.getenv("RELAY_PORT");
        if (relayPort != null) {
            for (String deliveries : deliveryRates) {
                String row = gameMessages("reference: bare relay", redisPort, gameRooms, Integer.parseInt(deliveries), seconds,
                        List.of(Integer.parseInt(relayPort)), List.of(System.getenv("RELAY_PID")));
                System.out.println(row);
                table.append(row).append('\n');
            }
        }
        table.append("""

                | replicas | players paired per second (%d pair at once, duel) |
                |---|---|
                """.formatted(players));
        for (int count = 1; count <= replicas.size(); count++) {
            // Warm-up round, then the measured one, each with fresh players.
            pairedPerSecond(redisPort, players, replicas.subList(0, count));
            double measured = pairedPerSecond(redisPort, players, replicas.subList(0, count));
            System.out.printf("%d replicas: %.0f players paired/s%n", count, measured);
            table.append("| ").append(count).append(" | ").append(String.format("%.0f/s", measured)).append(" |\n");
        }

        Files.writeString(out, table.toString());
        vertx.close();
        System.exit(0);
    }

    static final class Player {
        final String playerId;
        final WebSocket socket;
        volatile Consumer<JsonObject> waiting = frame -> { };
        // When set, frames go here as text instead, unparsed.
        volatile Consumer<String> raw;

        Player(String playerId, WebSocket socket) {
            this.playerId = playerId;
            this.socket = socket;
            socket.textMessageHandler(text -> {
                Consumer<String> unparsed = raw;
                if (unparsed != null) {
                    unparsed.accept(text);
                } else {
                    waiting.accept(new JsonObject(text));
                }
            });
        }

        void send(JsonObject frame) {
            socket.writeTextMessage(frame.encode());
        }
    }

    static double pairedPerSecond(int redisPort, int count, List<Integer> replicas) throws Exception {
        List<Player> players = connect(redisPort, count, i -> replicas.get(i % replicas.size()));
        CountDownLatch rooms = new CountDownLatch(players.size());
        for (Player player : players) {
            player.waiting = frame -> {
                if ("room".equals(frame.getString("type"))) {
                    rooms.countDown();
                }
            };
        }
        long start = System.nanoTime();
        for (Player player : players) {
            vertx.runOnContext(v -> player.send(new JsonObject().put("type", "pair").put("mode", "duel")));
        }
        rooms.await(2, TimeUnit.MINUTES);
        double perSecond = players.size() / ((System.nanoTime() - start) / 1e9);
        players.forEach(player -> player.socket.close());
        Thread.sleep(3_000);
        return perSecond;
    }

    /** Duels with one player on replica 0 and one on replica 1; each event is a chat line from the first. */
    static List<Long> chatLatency(int redisPort, int rate, int seconds, List<Integer> replicas) throws Exception {
        int rooms = 200;
        List<Player> players = connect(redisPort, rooms * 2, i -> replicas.get(i % 2));
        CountDownLatch started = new CountDownLatch(players.size());
        for (Player player : players) {
            player.waiting = frame -> {
                if ("game_started".equals(frame.getString("type"))) {
                    started.countDown();
                }
            };
        }
        for (int i = 0; i < players.size(); i += 2) {
            Player first = players.get(i);
            Player second = players.get(i + 1);
            vertx.runOnContext(v -> first.send(new JsonObject().put("type", "create_private").put("mode", "duel")));
            Promise<String> code = Promise.promise();
            first.waiting = frame -> {
                if ("room".equals(frame.getString("type"))) {
                    code.tryComplete(frame.getJsonObject("room").getString("code"));
                } else if ("game_started".equals(frame.getString("type"))) {
                    started.countDown();
                }
            };
            String invite = code.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.runOnContext(v -> second.send(new JsonObject().put("type", "join_private").put("code", invite)));
        }
        started.await(1, TimeUnit.MINUTES);

        // The chat path runs unmeasured first, long enough for the replicas to compile it fully (C2),
        // so that start-up compilation is not in the tail.
        paceChat(players, rooms, rate, WARM_UP_SECONDS);
        Thread.sleep(1_000);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i < players.size(); i += 2) {
            players.get(i).waiting = frame -> {
                if ("chat".equals(frame.getString("type"))) {
                    latencies.add(System.nanoTime() - Long.parseLong(frame.getString("text")));
                }
            };
        }
        int total = paceChat(players, rooms, rate, seconds);
        Thread.sleep(2_000);
        System.out.printf("chat lines sent %d, received %d%n", total, latencies.size());
        return new ArrayList<>(latencies);
    }

    /**
     * Rooms of four (mode quad) with their players spread over the replicas in turn, so that each
     * room has players on the same and on other replicas; messages paced so that the receivers
     * together get {@code deliveries} a second, each stamped with the time it was sent. A few
     * pings a second give the floor: a frame's round trip through one replica, without Redis.
     * Returns one table row.
     */
    static String gameMessages(String label, int redisPort, int rooms, int deliveries, int seconds, List<Integer> replicas,
                               List<String> pids) throws Exception {
        List<Player> players = connect(redisPort, rooms * 4, i -> replicas.get(i % replicas.size()));
        java.util.Map<String, Integer> replicaOf = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < players.size(); i++) {
            replicaOf.put(players.get(i).playerId, i % replicas.size());
        }
        CountDownLatch started = new CountDownLatch(players.size());
        for (Player player : players) {
            player.waiting = frame -> {
                if ("game_started".equals(frame.getString("type"))) {
                    started.countDown();
                }
            };
        }
        for (Player player : players) {
            vertx.runOnContext(v -> player.send(new JsonObject().put("type", "pair").put("mode", "quad")));
        }
        if (!started.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(started.getCount() + " players never saw their game start");
        }

        List<Long> same = Collections.synchronizedList(new ArrayList<>());
        List<Long> other = Collections.synchronizedList(new ArrayList<>());
        List<Long> pings = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean measuring = new java.util.concurrent.atomic.AtomicBoolean();
        // Read by hand, not as JSON: at tens of thousands of frames a second the load generator
        // shares the cores with what it measures.
        for (int i = 0; i < players.size(); i++) {
            int replica = i % replicas.size();
            players.get(i).raw = text -> {
                long now = System.nanoTime();
                if (!measuring.get()) {
                    return;
                }
                if (text.startsWith("{\"type\":\"message\"")) {
                    String from = between(text, "\"from\":\"", "\"");
                    long sent = Long.parseLong(between(text, "\"data\":", ","));
                    (replicaOf.get(from) == replica ? same : other).add(now - sent);
                } else if (text.startsWith("{\"type\":\"pong\"")) {
                    pings.add(now - Long.parseLong(between(text, "\"id\":\"", "\"")));
                }
            };
        }
        int rate = deliveries / 3;
        paceMessages(players, rate, WARM_UP_SECONDS);
        Thread.sleep(1_000);
        long[] cpuBefore = pids.stream().mapToLong(CrossReplica::cpuTicks).toArray();
        long measuredFrom = System.nanoTime();
        measuring.set(true);
        int sent = paceMessages(players, rate, seconds);
        double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
        long[] cpuAfter = pids.stream().mapToLong(CrossReplica::cpuTicks).toArray();
        Thread.sleep(2_000);
        measuring.set(false);

        long received = same.size() + other.size();
        System.out.printf("game messages on %d replicas: sent %d, delivered %d of %d%n", replicas.size(), sent, received, sent * 3L);
        StringBuilder cpu = new StringBuilder();
        StringBuilder rss = new StringBuilder();
        for (int i = 0; i < pids.size(); i++) {
            cpu.append(i == 0 ? "" : " / ").append(String.format("%.0f%%", 100.0 * (cpuAfter[i] - cpuBefore[i]) / 100 / elapsed));
            rss.append(i == 0 ? "" : " / ").append(rssMiB(pids.get(i))).append(" MiB");
        }
        for (Player player : players) {
            vertx.runOnContext(v -> player.send(new JsonObject().put("type", "leave")));
        }
        Thread.sleep(2_000);
        players.forEach(player -> player.socket.close());
        Thread.sleep(3_000);
        List<Long> sameSorted = sorted(same);
        List<Long> otherSorted = sorted(other);
        List<Long> pingSorted = sorted(pings);
        return String.format("| %s | %d | %.0f | %s / %s ms | %s / %s ms | %s / %s ms | %s | %s |", label,
                deliveries, received / elapsed,
                percentile(sameSorted, 0.50), percentile(sameSorted, 0.99),
                percentile(otherSorted, 0.50), percentile(otherSorted, 0.99),
                percentile(pingSorted, 0.50), percentile(pingSorted, 0.99), cpu, rss);
    }

    /** Sends game messages at a steady rate from each player in turn, and a ping every hundredth. */
    static int paceMessages(List<Player> players, int rate, int seconds) throws InterruptedException {
        return pace(rate, seconds, i -> {
            Player sender = players.get(i % players.size());
            boolean ping = i % 100 == 0;
            vertx.runOnContext(v -> {
                sender.socket.writeTextMessage("{\"type\":\"send\",\"data\":" + System.nanoTime() + "}");
                if (ping) {
                    sender.socket.writeTextMessage("{\"type\":\"ping\",\"id\":\"" + System.nanoTime() + "\"}");
                }
            });
        });
    }

    /** Calls send with 0, 1, 2, ... at a steady rate for the given seconds; returns how many. */
    static int pace(int rate, int seconds, java.util.function.IntConsumer send) throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            send.accept(i);
        }
        return total;
    }

    static String between(String text, String before, String after) {
        int start = text.indexOf(before) + before.length();
        return text.substring(start, text.indexOf(after, start));
    }

    static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    /** User and system time of a process so far, in clock ticks (1/100 s). */
    static long cpuTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    static long rssMiB(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    /** Sends chat lines at a steady rate, each from the first player of the next room, stamped with the time it is sent. */
    static int paceChat(List<Player> players, int rooms, int rate, int seconds) throws InterruptedException {
        return pace(rate, seconds, i -> {
            Player sender = players.get((i % rooms) * 2);
            vertx.runOnContext(v -> sender.send(new JsonObject().put("type", "chat").put("text", String.valueOf(System.nanoTime()))));
        });
    }

    interface PortOf {
        int port(int index);
    }

    static List<Player> connect(int redisPort, int count, PortOf portOf) throws Exception {
        List<String[]> sessions = sessions(redisPort, count);
        List<Future<Player>> connecting = new ArrayList<>();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(200);
        for (int i = 0; i < count; i++) {
            String[] session = sessions.get(i);
            inFlight.acquire();
            connecting.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(portOf.port(i))
                            .setURI("/ws?token=" + session[1]))
                    .map(socket -> new Player(session[0], socket))
                    .onComplete(done -> inFlight.release()));
        }
        return Future.all(connecting).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES).list();
    }

    /** Sessions written straight into Redis in the form save-service stores them, pipelined. */
    static List<String[]> sessions(int redisPort, int count) throws Exception {
        List<String[]> sessions = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String playerId = UUID.randomUUID().toString();
            String key = "session:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
            String value = "{\"playerId\":\"" + playerId + "\",\"name\":\"Bench" + i + "\"}";
            StringBuilder command = new StringBuilder("*5\r\n");
            for (String word : new String[] {"SET", key, value, "EX", "3600"}) {
                command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            commands.writeBytes(command.toString().getBytes(StandardCharsets.UTF_8));
            sessions.add(new String[] {playerId, token});
        }
        try (Socket socket = new Socket("127.0.0.1", redisPort)) {
            socket.getOutputStream().write(commands.toByteArray());
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
        return sessions;
    }

    static String percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return "n/a";
        }
        return String.format("%.2f", sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size()))) / 1e6);
    }
}
