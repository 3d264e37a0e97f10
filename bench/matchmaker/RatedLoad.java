import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pairing by rating against first-come pairing, on one replica: players with normally
 * distributed ratings (mean 1500, deviation 300) all pair at once in {@code ranked} (by rating),
 * then in {@code duel} (first come), each game ended by consensus. Per mode: players seated per
 * second, the wait from {@code pair} to {@code game_started}, and the mean rating gap within a
 * room. A warm-up round of each mode comes first, unmeasured. Uses MatchLoad's sessions,
 * connections and percentiles (the source launcher compiles it alongside).
 *
 * java -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/RatedLoad.java
 *      <wsPort> <redisPort> <players> <outFile>
 */
public class RatedLoad {

    /**
     * A round ends once no game has started for this long: longer than a window takes to reach
     * its widest (12 s), so that those still alone then have nobody within it.
     */
    private static final long QUIET_MILLIS = 15_000;

    public static void main(String[] args) throws Exception {
        MatchLoad.wsPort = Integer.parseInt(args[0]);
        int redisPort = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        MatchLoad.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

        List<String[]> sessions = MatchLoad.createSessions(redisPort, count);
        Map<String, Double> ratings = storeRatings(redisPort, sessions);
        List<MatchLoad.Player> players = MatchLoad.connectAll(sessions);
        System.out.printf("%d players connected%n", players.size());

        round(players, ratings, "ranked");
        round(players, ratings, "duel");
        Round rated = round(players, ratings, "ranked");
        Round first = round(players, ratings, "duel");
        System.out.println("ranked: " + rated);
        System.out.println("duel:   " + first);

        String table = """
                | pairing (%d players pair at once) | players seated per second | wait pair -> game_started: p50 / p99 | mean rating gap in a room | left waiting |
                |---|---|---|---|---|
                | by rating (`ranked`: window 100, +25/s, 400 at most) | %.0f/s | %s / %s ms | %.1f | %d |
                | first come (`duel`, the reference) | %.0f/s | %s / %s ms | %.1f | %d |
                """.formatted(players.size(), rated.seatedPerSecond(), rated.waits.p(50), rated.waits.p(99), rated.meanGap(),
                rated.leftWaiting, first.seatedPerSecond(), first.waits.p(50), first.waits.p(99), first.meanGap(),
                first.leftWaiting);
        Files.writeString(out, table);
        players.forEach(MatchLoad.Player::close);
        MatchLoad.vertx.close();
        System.exit(0);
    }

    /** One round: what it measured. */
    static final class Round {
        final MatchLoad.Latencies waits = new MatchLoad.Latencies();
        final List<Long> startedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, Double> gaps = new ConcurrentHashMap<>();
        long began;
        int leftWaiting;

        /** Players seated per second until 99% of those seated were: the tail of lone players aside. */
        double seatedPerSecond() {
            List<Long> sorted;
            synchronized (startedAt) {
                sorted = new ArrayList<>(startedAt);
            }
            sorted.sort(null);
            int index = Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1);
            return (index + 1) / ((sorted.get(index) - began) / 1e9);
        }

        double meanGap() {
            return gaps.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return "%.0f seated/s, wait %s, mean gap %.1f, %d left waiting".formatted(seatedPerSecond(), waits, meanGap(), leftWaiting);
        }
    }

    /** Every player pairs at once; each game ends by consensus; the players still alone at the end leave. */
    static Round round(List<MatchLoad.Player> players, Map<String, Double> ratings, String mode) throws InterruptedException {
        Round round = new Round();
        CountDownLatch done = new CountDownLatch(players.size());
        Set<MatchLoad.Player> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(players);
        round.began = System.nanoTime();
        for (MatchLoad.Player player : players) {
            player.waiting = frame -> {
                switch (frame.getString("type")) {
                    case "game_started" -> {
                        long now = System.nanoTime();
                        waiting.remove(player);
                        round.startedAt.add(now);
                        round.waits.add((now - round.began) / 1_000);
                        JsonArray seated = frame.getJsonArray("players");
                        List<Double> roomRatings = new ArrayList<>();
                        for (int i = 0; i < seated.size(); i++) {
                            roomRatings.add(ratings.get(seated.getJsonObject(i).getString("playerId")));
                        }
                        round.gaps.putIfAbsent(frame.getString("roomId"),
                                roomRatings.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                                        - roomRatings.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                        String winner = seated.getJsonObject(0).getString("playerId");
                        player.socket.writeTextMessage(new JsonObject().put("type", "game_over").put("winner", winner).encode());
                    }
                    case "game_ended" -> done.countDown();
                    case "ack" -> {
                        // Every frame is acknowledged; only the leave of a player still alone ends its round.
                        if ("done".equals(frame.getString("id"))) {
                            done.countDown();
                        }
                    }
                    case "error" -> MatchLoad.countError(frame.getString("code"));
                    default -> { }
                }
            };
        }
        for (MatchLoad.Player player : players) {
            MatchLoad.vertx.runOnContext(v -> player.socket.writeTextMessage(
                    new JsonObject().put("type", "pair").put("mode", mode).encode()));
        }
        int lastStarted = -1;
        while (round.startedAt.size() != lastStarted) {
            lastStarted = round.startedAt.size();
            if (done.await(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        round.leftWaiting = waiting.size();
        for (MatchLoad.Player player : waiting) {
            MatchLoad.vertx.runOnContext(v -> player.socket.writeTextMessage(
                    new JsonObject().put("type", "leave").put("id", "done").encode()));
        }
        done.await(1, TimeUnit.MINUTES);
        System.out.printf("%s: %s; error frames %s%n", mode, round, MatchLoad.errorCodes);
        MatchLoad.errorCodes.clear();
        return round;
    }

    /** Normally distributed ratings in mode ranked, stored as the leaderboard-service stores them, pipelined. */
    static Map<String, Double> storeRatings(int redisPort, List<String[]> sessions) throws Exception {
        Random random = new Random(24);
        Map<String, Double> ratings = new HashMap<>();
        ByteArrayOutputStream commands = new ByteArrayOutputStream();
        for (String[] session : sessions) {
            double rating = Math.round(1500 + 300 * random.nextGaussian());
            ratings.put(session[0], rating);
            commands.writeBytes(MatchLoad.resp("HSET", "lb:{rating-ranked}:players", session[0],
                    "{\"rating\":" + rating + ",\"deviation\":60,\"volatility\":0.06,\"games\":30}"));
        }
        MatchLoad.pipeline(redisPort, commands.toByteArray(), sessions.size());
        return ratings;
    }
}
