package dev.rallypoint.common.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One Lua script from the classpath, run with EVALSHA and, when Redis answers NOSCRIPT (after a
 * restart or a failover), with EVAL, which also caches it again. Scripts may start with shared
 * helper files, concatenated in order, so that helpers live once.
 */
public final class LuaScript {

    private static final String ERR = "ERR ";
    // Rallypoint's scripts refuse with a lower-case code (then perhaps details): "ERR not_found".
    private static final Pattern REFUSAL = Pattern.compile("ERR [a-z]+(_[a-z]+)*( |$)");

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** The concatenation of the given classpath resources, e.g. a helper library then the script. */
    public static LuaScript load(String... resources) {
        StringBuilder source = new StringBuilder();
        for (String resource : resources) {
            source.append(read(resource)).append('\n');
        }
        return new LuaScript(source.toString());
    }

    /**
     * Runs the script. A refusal of the script's own ({@code redis.error_reply('not_found')}) fails
     * with its text as the script wrote it, on every Redis: 7.0 and newer put "ERR " in front of
     * an error reply that has no code of its own, 6.2 does not.
     */
    public Uni<Response> run(PipelinedRedis redis, List<String> keys, List<String> args) {
        return redis.send(request(Command.EVALSHA, sha, keys, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, source, keys, args)))
                .onFailure().transform(LuaScript::asWritten);
    }

    /** A script's refusal without the "ERR " Redis 7 adds; any other failure as it is. */
    static Throwable asWritten(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || !REFUSAL.matcher(message).lookingAt()) {
            return failure;
        }
        return new Refusal(message.substring(ERR.length()));
    }

    /** What a script refused with, e.g. {@code not_found} or {@code too_soon 1500}. */
    public static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }


    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
