import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Saves and loads of 4 KiB documents over HTTP by 64 concurrent clients, each its own player,
 * and the same bytes as bare Redis SET/GET from 64 concurrent callers: the floor.
 *
 * java -cp "save-service/target/quarkus-app/lib/main/*" bench/save/SaveLoad.java <httpPort> <redisPort> <seconds> <outFile>
 */
public class SaveLoad {

    static final int CLIENTS = 64;

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int redisPort = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(httpPort).setDefaultHost("127.0.0.1")
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CLIENTS));
        String document = document();

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String login = "{\"name\":\"Bench" + i + "\"}";
            String body = await(http.request(HttpMethod.POST, "/api/session")
                    .compose(r -> r.putHeader("Content-Type", "application/json").send(login))
                    .compose(r -> r.body())).toString();
            String token = new JsonObject(body).getString("token");
            tokens.add(token);
            await(call(http, HttpMethod.POST, token, document));
        }

        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + redisPort)
                .setMaxPoolSize(CLIENTS).setMaxPoolWaiting(10_000));
        Buffer value = Buffer.buffer(document);

        // Warm-up, not measured.
        run(seconds, i -> call(http, HttpMethod.PUT, tokens.get(i), document));
        run(seconds, i -> redis.send(Request.cmd(Command.SET).arg("bench:" + i).arg(value)).mapEmpty());

        Result saves = run(seconds, i -> call(http, HttpMethod.PUT, tokens.get(i), document));
        Result loads = run(seconds, i -> call(http, HttpMethod.GET, tokens.get(i), null));
        Result sets = run(seconds, i -> redis.send(Request.cmd(Command.SET).arg("bench:" + i).arg(value)).mapEmpty());
        Result gets = run(seconds, i -> redis.send(Request.cmd(Command.GET).arg("bench:" + i)).mapEmpty());

        String table = """
                | operation (4 KiB, %d clients) | save-service: per second | p50 / p99 ms | bare Redis: per second | p50 / p99 ms |
                |---|---|---|---|---|
                | save (PUT) vs SET | %s | %s | %s | %s |
                | load (GET) vs GET | %s | %s | %s | %s |
                """.formatted(CLIENTS, saves.rate(), saves.percentiles(), sets.rate(), sets.percentiles(),
                loads.rate(), loads.percentiles(), gets.rate(), gets.percentiles());
        System.out.print(table);
        System.out.println("errors: saves " + saves.errors + ", loads " + loads.errors);
        Files.writeString(out, table);
        vertx.close();
        System.exit(0);
    }

    static Future<Void> call(HttpClient http, HttpMethod method, String token, String body) {
        return http.request(new RequestOptions().setMethod(method).setURI("/api/playerstate"))
                .compose(request -> {
                    request.putHeader("Authorization", "Bearer " + token);
                    if (body == null) {
                        return request.send();
                    }
                    request.putHeader("Content-Type", "application/json");
                    return request.send(body);
                })
                .compose(response -> response.body().compose(b -> response.statusCode() < 300
                        ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture("status " + response.statusCode())));
    }

    /** Each of the clients runs calls back to back for the given time. */
    static Result run(int seconds, Function<Integer, Future<Void>> call) throws InterruptedException {
        Result result = new Result();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(CLIENTS);
        long start = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            loop(i, call, end, result, done);
        }
        done.await();
        result.nanos = System.nanoTime() - start;
        return result;
    }

    static void loop(int client, Function<Integer, Future<Void>> call, long end, Result result, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long begin = System.nanoTime();
        call.apply(client).onComplete(outcome -> {
            if (outcome.succeeded()) {
                result.add(System.nanoTime() - begin);
            } else {
                result.errors++;
            }
            loop(client, call, end, result, done);
        });
    }

    static final class Result {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        volatile long nanos;
        int errors;

        void add(long nanos) {
            latencies.add(nanos);
        }

        String rate() {
            return String.format("%,.0f", latencies.size() / (nanos / 1e9));
        }

        String percentiles() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return String.format("%.2f / %.2f", at(sorted, 0.50), at(sorted, 0.99));
        }

        private static double at(List<Long> sorted, double q) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size()))) / 1e6;
        }
    }

    /** A 4 KiB player save: a few fields and an inventory. */
    static String document() {
        StringBuilder json = new StringBuilder("{\"level\":42,\"gold\":123456,\"inventory\":[");
        int i = 0;
        while (json.length() < 4096 - 40) {
            json.append(i == 0 ? "" : ",").append("{\"item\":").append(i++).append(",\"n\":1}");
        }
        json.append("],\"pad\":\"");
        while (json.length() < 4096 - 2) {
            json.append('x');
        }
        return json.append("\"}").toString();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
