package dev.rallypoint.save.names;

import dev.rallypoint.common.problem.ProblemException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Players by name, for search by prefix: one sorted set, {@code players:by-name}, all scores 0,
 * members {@code <folded name>\0<name>\0<playerId>}, so that ZRANGEBYLEX walks names in order
 * from a prefix. One key: no SCAN, and valid on a Redis Cluster. Folding (NFKC, then lower
 * case) makes "ÅSA", "åsa" and "Åsa" one name for search.
 */
@ApplicationScoped
public class NameIndex {

    static final String KEY = "players:by-name";
    static final int MAX_LIMIT = 100;
    private static final char SEPARATOR = '\0';

    private final ReactiveRedisDataSource data;
    private final Redis redis;

    NameIndex(ReactiveRedisDataSource data, Redis redis) {
        this.data = data;
        this.redis = redis;
    }

    @RegisterForReflection
    public record Found(String playerId, String name) {
    }

    /** Keeps the index in step with a player's name; {@code oldName} is null for a new player. */
    public Uni<Void> rename(String playerId, String oldName, String newName) {
        Uni<Void> removeOld = oldName == null ? Uni.createFrom().voidItem()
                : data.sortedSet(String.class).zrem(KEY, member(playerId, oldName)).replaceWithVoid();
        return removeOld.chain(() -> data.sortedSet(String.class).zadd(KEY, 0, member(playerId, newName))).replaceWithVoid();
    }

    public Uni<List<Found>> search(String prefix, int limit) {
        if (prefix.isEmpty() || prefix.codePointCount(0, prefix.length()) > 32) {
            throw ProblemException.badRequest("invalid-name", "Search by a name prefix of 1 to 32 characters.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-limit", "limit is 1 to " + MAX_LIMIT + ".");
        }
        byte[] folded = fold(prefix).getBytes(StandardCharsets.UTF_8);
        // Every member that starts with the prefix sorts between "[prefix" and "(prefix\xff":
        // no byte of UTF-8 text is 0xFF.
        Request range = Request.cmd(Command.ZRANGEBYLEX).arg(KEY)
                .arg(bytes((byte) '[', folded, null))
                .arg(bytes((byte) '(', folded, (byte) 0xFF))
                .arg("LIMIT").arg(0).arg(limit);
        return redis.send(range).map(NameIndex::found);
    }

    static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String member(String playerId, String name) {
        return fold(name) + SEPARATOR + name + SEPARATOR + playerId;
    }

    private static List<Found> found(Response members) {
        List<Found> found = new ArrayList<>();
        for (Response member : members) {
            String[] parts = member.toString().split(String.valueOf(SEPARATOR));
            found.add(new Found(parts[2], parts[1]));
        }
        return found;
    }

    private static byte[] bytes(byte first, byte[] middle, Byte last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(middle.length + 2);
        out.write(first);
        out.writeBytes(middle);
        if (last != null) {
            out.write(last);
        }
        return out.toByteArray();
    }
}
