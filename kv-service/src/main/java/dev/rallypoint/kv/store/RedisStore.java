package dev.rallypoint.kv.store;

import dev.rallypoint.redis.RedisPipes;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.resp.RespWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The keyspace on the shared Redis, every key under a prefix ({@code kv:} by default), so that any
 * number of kv-service replicas serve one keyspace. Each command is one Redis command or one Lua
 * script, so it is atomic in Redis. The Store methods block their caller (a virtual thread, never
 * an event loop) until Redis answers or the timeout passes; the hot commands also go to Redis
 * without blocking, from an event loop ({@link #forward}). Redis down is an {@code ERR} reply,
 * not a hang.
 *
 * <p>On a Redis Cluster the prefix is a hash tag ({@link #clusterPrefix}): the whole keyspace is
 * one hash slot, so MSET and MSETNX stay all-or-nothing and SCAN, KEYS, DBSIZE and FLUSHDB see
 * every key, on the one node that holds them.
 */
public final class RedisStore implements Store, Forwarding {

    private static final RedisScript SET = new RedisScript("lua/kv/set.lua");
    private static final RedisScript EXPIRE_AT = new RedisScript("lua/kv/expire-at.lua");
    private static final RedisScript SCAN = new RedisScript("lua/kv/scan.lua");
    private static final RedisScript EXPIRE_TIME = new RedisScript("lua/kv/expire-time.lua");
    private static final int SCAN_COUNT = 1000;
    private static final Pattern REDIS_ERROR = Pattern.compile("[A-Z]+ ");

    private final Vertx vertx;
    private final RedisPipes redis;
    // Where each event loop's RedisLink connects; null when the client's connections forward (TLS, a cluster).
    private final RedisLink.Target linkTarget;
    // Only touched on its event loop.
    private final ThreadLocal<RedisLink> links = new ThreadLocal<>();
    private final byte[] prefix;
    private final byte[] matchAll;
    private final long timeoutMillis;

    public RedisStore(Vertx vertx, Redis redis, RedisLink.Target linkTarget, String prefix, long timeoutMillis) {
        this.vertx = vertx;
        this.redis = new RedisPipes(vertx, redis, timeoutMillis);
        this.linkTarget = linkTarget;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        this.matchAll = concat(escapeGlob(this.prefix), new byte[] {'*'});
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public byte[] get(Key key) {
        return bytes(call(Request.cmd(Command.GET).arg(k(key))));
    }

    @Override
    public SetOutcome set(Key key, byte[] value, Condition condition, long expireAt, boolean wantOld) {
        if (condition != Condition.ALWAYS && wantOld) {
            // Redis 6.2's SET refuses NX or XX together with GET.
            String when = expireAt == KEEP_TTL ? "keep" : expireAt == 0 ? "none" : Long.toString(expireAt);
            Response r = await(SET.run(redis, k(key), value, condition == Condition.IF_ABSENT ? "nx" : "xx", when));
            return SetOutcome.of(r.get(0).toInteger() == 1, bytes(r.get(1)));
        }
        Request request = Request.cmd(Command.SET).arg(k(key)).arg(value);
        if (condition != Condition.ALWAYS) {
            request.arg(condition == Condition.IF_ABSENT ? "NX" : "XX");
        }
        if (expireAt == KEEP_TTL) {
            request.arg("KEEPTTL");
        } else if (expireAt != 0) {
            request.arg("PXAT").arg(expireAt);
        }
        if (wantOld) {
            request.arg("GET");
        }
        Response r = call(request);
        // Without GET the reply is OK, or nil when NX or XX did not hold.
        return wantOld ? SetOutcome.of(true, bytes(r)) : SetOutcome.of(r != null, null);
    }

    @Override
    public byte[] getDel(Key key) {
        return bytes(call(Request.cmd(Command.GETDEL).arg(k(key))));
    }

    @Override
    public byte[] getEx(Key key, long expireAt) {
        Request request = Request.cmd(Command.GETEX).arg(k(key));
        if (expireAt == PERSIST) {
            request.arg("PERSIST");
        } else if (expireAt != 0) {
            request.arg("PXAT").arg(expireAt);
        }
        return bytes(call(request));
    }

    @Override
    public long setRange(Key key, long offset, byte[] value) {
        return call(Request.cmd(Command.SETRANGE).arg(k(key)).arg(offset).arg(value)).toLong();
    }

    @Override
    public int setBit(Key key, long offset, int bit) {
        return call(Request.cmd(Command.SETBIT).arg(k(key)).arg(offset).arg(bit)).toInteger();
    }

    @Override
    public boolean copy(Key source, Key destination, boolean replace) {
        Request request = Request.cmd(Command.COPY).arg(k(source)).arg(k(destination));
        if (replace) {
            request.arg("REPLACE");
        }
        return call(request).toInteger() == 1;
    }

    @Override
    public boolean rename(Key source, Key destination, boolean onlyIfAbsent) {
        Response r = call(Request.cmd(onlyIfAbsent ? Command.RENAMENX : Command.RENAME).arg(k(source)).arg(k(destination)));
        return !onlyIfAbsent || r.toInteger() == 1;
    }

    @Override
    public long expireTime(Key key) {
        return await(EXPIRE_TIME.run(redis, k(key))).toLong();
    }

    /**
     * A key found by a SCAN from a random cursor: RANDOMKEY itself would pick among every key of
     * the Redis, most of them perhaps not kv's.
     */
    @Override
    public byte[] randomKey() {
        long start = java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        long cursor = start;
        boolean wrapped = false;
        while (true) {
            ScanPage page = scanPage(cursor, 100, matchAll, null);
            if (!page.keys().isEmpty()) {
                return page.keys().get(java.util.concurrent.ThreadLocalRandom.current().nextInt(page.keys().size()));
            }
            cursor = page.cursor();
            if (cursor == 0) {
                if (wrapped) {
                    return null;
                }
                wrapped = true;
            }
        }
    }

    @Override
    public long expiring() {
        return -1;
    }

    @Override
    public byte[][] mget(Key[] keys) {
        Response r = call(withKeys(Request.cmd(Command.MGET), keys));
        byte[][] values = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            values[i] = bytes(r.get(i));
        }
        return values;
    }

    @Override
    public boolean mset(Key[] keys, byte[][] values, boolean onlyIfNoneExists) {
        Request request = Request.cmd(onlyIfNoneExists ? Command.MSETNX : Command.MSET);
        for (int i = 0; i < keys.length; i++) {
            request.arg(k(keys[i])).arg(values[i]);
        }
        Response r = call(request);
        return !onlyIfNoneExists || r.toInteger() == 1;
    }

    @Override
    public int del(Key[] keys) {
        return call(withKeys(Request.cmd(Command.DEL), keys)).toInteger();
    }

    @Override
    public int exists(Key[] keys) {
        return call(withKeys(Request.cmd(Command.EXISTS), keys)).toInteger();
    }

    @Override
    public long incrBy(Key key, long delta) {
        return call(Request.cmd(Command.INCRBY).arg(k(key)).arg(delta)).toLong();
    }

    @Override
    public long append(Key key, byte[] suffix) {
        return call(Request.cmd(Command.APPEND).arg(k(key)).arg(suffix)).toLong();
    }

    @Override
    public boolean expireAt(Key key, long when, ExpireCondition condition, boolean onlyIfExpiring) {
        Response r = await(EXPIRE_AT.run(redis, k(key), when, condition.name().toLowerCase(Locale.ROOT),
                onlyIfExpiring ? "1" : "0", System.currentTimeMillis()));
        return r.toInteger() == 1;
    }

    @Override
    public long pttl(Key key) {
        return call(Request.cmd(Command.PTTL).arg(k(key))).toLong();
    }

    @Override
    public boolean persist(Key key) {
        return call(Request.cmd(Command.PERSIST).arg(k(key))).toInteger() == 1;
    }

    /** The prefix that keeps a keyspace in one hash slot: as it is if it has a hash tag, else wrapped in one. */
    public static String clusterPrefix(String prefix) {
        int open = prefix.indexOf('{');
        int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
        return close > open + 1 ? prefix : "{" + prefix + "}";
    }

    /** A SCAN walk rather than KEYS: Redis keeps serving others between the pages. */
    @Override
    public List<byte[]> keys(byte[] pattern) {
        byte[] match = concat(escapeGlob(prefix), pattern);
        List<byte[]> keys = new ArrayList<>();
        long cursor = 0;
        do {
            ScanPage page = scanPage(cursor, SCAN_COUNT, match, null);
            keys.addAll(page.keys());
            cursor = page.cursor();
        } while (cursor != 0);
        return keys;
    }

    @Override
    public ScanPage scan(long cursor, int count, byte[] pattern, String type) {
        return scanPage(cursor, count, pattern == null ? matchAll : concat(escapeGlob(prefix), pattern), type);
    }

    @Override
    public String type(Key key) {
        return call(Request.cmd(Command.TYPE).arg(k(key))).toString();
    }

    @Override
    public int hset(Key key, byte[][] fieldsAndValues, boolean onlyIfAbsent) {
        Request request = Request.cmd(onlyIfAbsent ? Command.HSETNX : Command.HSET).arg(k(key));
        for (byte[] arg : fieldsAndValues) {
            request.arg(arg);
        }
        return call(request).toInteger();
    }

    @Override
    public byte[] hget(Key key, byte[] field) {
        return bytes(call(Request.cmd(Command.HGET).arg(k(key)).arg(field)));
    }

    @Override
    public byte[][] hmget(Key key, byte[][] fields) {
        Request request = Request.cmd(Command.HMGET).arg(k(key));
        for (byte[] field : fields) {
            request.arg(field);
        }
        return all(call(request));
    }

    @Override
    public byte[][] hgetAll(Key key) {
        return all(call(Request.cmd(Command.HGETALL).arg(k(key))));
    }

    @Override
    public long hlen(Key key) {
        return call(Request.cmd(Command.HLEN).arg(k(key))).toLong();
    }

    @Override
    public int hdel(Key key, byte[][] fields) {
        Request request = Request.cmd(Command.HDEL).arg(k(key));
        for (byte[] field : fields) {
            request.arg(field);
        }
        return call(request).toInteger();
    }

    @Override
    public byte[] incrByFloat(Key key, byte[] increment) {
        return bytes(call(Request.cmd(Command.INCRBYFLOAT).arg(k(key)).arg(increment)));
    }

    @Override
    public byte[] hincrByFloat(Key key, byte[] field, byte[] increment) {
        return bytes(call(Request.cmd(Command.HINCRBYFLOAT).arg(k(key)).arg(field).arg(increment)));
    }

    @Override
    public long hincrBy(Key key, byte[] field, long delta) {
        return call(Request.cmd(Command.HINCRBY).arg(k(key)).arg(field).arg(delta)).toLong();
    }

    /** The elements of an array reply (RESP2: HGETALL too is a flat array). */
    private static byte[][] all(Response array) {
        byte[][] values = new byte[array.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes(array.get(i));
        }
        return values;
    }

    /** Counts the prefixed keys with SCAN: DBSIZE would count every other user of the Redis too. */
    @Override
    public long size() {
        long count = 0;
        long cursor = 0;
        do {
            ScanPage page = scanPage(cursor, SCAN_COUNT, matchAll, null);
            count += page.keys().size();
            cursor = page.cursor();
        } while (cursor != 0);
        return count;
    }

    @Override
    public long usedBytes() {
        return -1;
    }

    /** Deletes the prefixed keys a SCAN page at a time: other users' keys stay, and Redis is not blocked. */
    @Override
    public void flush() {
        long cursor = 0;
        do {
            ScanPage page = scanPage(cursor, SCAN_COUNT, matchAll, null);
            if (!page.keys().isEmpty()) {
                Request unlink = Request.cmd(Command.UNLINK);
                for (byte[] key : page.keys()) {
                    unlink.arg(concat(prefix, key));
                }
                call(unlink);
            }
            cursor = page.cursor();
        } while (cursor != 0);
    }

    /** Whether Redis answers a PING within the timeout. */
    public boolean ping() {
        try {
            return "PONG".equals(call(Request.cmd(Command.PING)).toString());
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public Forwarding forwarding() {
        return this;
    }

    /**
     * The command with its keys prefixed, when Redis answers it byte for byte as this store
     * would, or null: the hot commands in their plain forms. A connection sends these straight
     * from its event loop with {@link #forward}, many in flight; every other command, and every
     * other form, runs through the methods above.
     */
    @Override
    public byte[][] forwardable(String command, byte[][] argv) {
        return switch (command) {
            case "get", "incr", "decr", "mget", "del", "exists" -> prefixed(argv, 1);
            case "set" -> argv.length == 3 ? prefixed(argv, 2) : null;
            // An even count (a key without its value) gets the store's own arity error.
            case "mset" -> argv.length % 2 == 1 ? prefixed(argv, 2) : null;
            default -> null;
        };
    }

    /**
     * Sends a {@link #forwardable} command from an event loop; {@code reply} gets, on that loop,
     * the RESP reply to send the client: Redis's own, or ERR when Redis did not answer in time.
     * On a plain redis:// URL over the loop's own {@link RedisLink}; otherwise (TLS, a cluster)
     * through the client's connections, its reply encoded again.
     */
    @Override
    public void forward(byte[][] argv, Consumer<Buffer> reply) {
        if (linkTarget != null) {
            RedisLink link = links.get();
            if (link == null) {
                link = new RedisLink(vertx, linkTarget, timeoutMillis);
                links.set(link);
            }
            link.send(argv, reply);
            return;
        }
        Request request = Request.cmd(Command.create(new String(argv[0], StandardCharsets.US_ASCII)));
        for (int i = 1; i < argv.length; i++) {
            request.arg(argv[i]);
        }
        redis.send(request).onComplete(result -> {
            RespWriter out = new RespWriter();
            if (result.succeeded()) {
                out.redis(result.result());
            } else {
                out.errorWithCode(errorText(result.cause()));
            }
            reply.accept(out.take());
        });
    }

    /** A copy of argv with every {@code step}-th argument from the first a prefixed key. */
    private byte[][] prefixed(byte[][] argv, int step) {
        byte[][] copy = argv.clone();
        for (int i = 1; i < copy.length; i += step) {
            copy[i] = concat(prefix, argv[i]);
        }
        return copy;
    }

    /**
     * The error reply of a failed forward: Redis's own error as it sent it (an upper-case code,
     * a space, the text), or, when Redis did not answer, ERR Redis unavailable.
     */
    private static String errorText(Throwable failure) {
        String message = failure.getMessage();
        return message != null && REDIS_ERROR.matcher(message).lookingAt() ? message : "ERR " + fromRedis(failure).getMessage();
    }

    /** Redis acknowledges a write once it holds it; its own appendfsync decides the rest. */
    @Override
    public void awaitDurable() {
    }

    /** One page of the prefixed keys matching {@code match} and {@code type} (null: any), without their prefix. */
    private ScanPage scanPage(long cursor, int count, byte[] match, String type) {
        Response r = await(SCAN.run(redis, prefix, Long.toUnsignedString(cursor), match, count, type == null ? "" : type));
        List<byte[]> keys = new ArrayList<>(r.get(1).size());
        for (Response key : r.get(1)) {
            keys.add(unprefixed(key.toBytes()));
        }
        return new ScanPage(Long.parseUnsignedLong(r.get(0).toString()), keys);
    }

    private Response call(Request request) {
        return await(redis.send(request));
    }

    private Response await(Future<Response> reply) {
        try {
            // The pipes fail a command once Redis stays silent past the timeout.
            return reply.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw fromRedis(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for Redis");
        }
    }

    /** Redis's own error text for a bad command (as the memory store gives it), a plain ERR for Redis down. */
    private static StoreException fromRedis(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (message.startsWith("ERR ")) {
            return new StoreException(message.substring(4));
        }
        if (message.startsWith("WRONGTYPE ")) {
            return StoreException.wrongType();
        }
        if (message.contains(RedisErrors.NOT_AN_INTEGER)) {
            return new StoreException(RedisErrors.NOT_AN_INTEGER);
        }
        return new StoreException("Redis unavailable: " + message);
    }

    private Request withKeys(Request request, Key[] keys) {
        for (Key key : keys) {
            request.arg(k(key));
        }
        return request;
    }

    private byte[] k(Key key) {
        return concat(prefix, key.bytes());
    }

    private byte[] unprefixed(byte[] key) {
        return Arrays.copyOfRange(key, prefix.length, key.length);
    }

    private static byte[] bytes(Response r) {
        return r == null ? null : r.toBytes();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** The prefix as a glob that matches only itself. */
    private static byte[] escapeGlob(byte[] text) {
        byte[] out = new byte[text.length * 2];
        int n = 0;
        for (byte b : text) {
            if (b == '*' || b == '?' || b == '[' || b == ']' || b == '\\') {
                out[n++] = '\\';
            }
            out[n++] = b;
        }
        return Arrays.copyOf(out, n);
    }
}
