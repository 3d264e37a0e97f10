package dev.rallypoint.kv.store;

import dev.rallypoint.redis.RedisPipes;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script from {@code lua/kv/}, run with EVALSHA and, when Redis answers NOSCRIPT (after a
 * restart or a failover), with EVAL, which caches it again. Always one key.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    RedisScript(String resource) {
        try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    Future<Response> run(RedisPipes redis, byte[] key, Object... args) {
        return redis.send(request(Command.EVALSHA, sha, key, args)).recover(failure -> {
            if (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")) {
                return redis.send(request(Command.EVAL, source, key, args));
            }
            return Future.failedFuture(failure);
        });
    }

    private static Request request(Command command, String script, byte[] key, Object... args) {
        Request request = Request.cmd(command).arg(script).arg(1).arg(key);
        for (Object arg : args) {
            if (arg instanceof byte[] bytes) {
                request.arg(bytes);
            } else {
                request.arg(String.valueOf(arg));
            }
        }
        return request;
    }
}
