package dev.rallypoint.save.names;

import dev.rallypoint.common.players.Names;
import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.players.Profiles;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Players by name, for search by prefix. Each shard of players (see {@link PlayerKeys}) has a
 * sorted set, all scores 0, of members {@code <folded name>\0<name>\0<playerId>}, so that
 * ZRANGEBYLEX walks names in order from a prefix; a search merges the shards' first matches. No
 * SCAN, and valid on a Redis Cluster. {@link Profiles} keeps the index as it names players;
 * {@link Names#fold} makes "ÅSA", "åsa" and "Åsa" one name for search.
 */
@ApplicationScoped
public class NameIndex {

    public static final int MAX_LIMIT = 100;

    private final PipelinedRedis redis;

    NameIndex(PipelinedRedis redis) {
        this.redis = redis;
    }

    @RegisterForReflection
    public record Found(String playerId, String name) {
    }

    public Uni<List<Found>> search(String prefix, int limit) {
        if (prefix.isEmpty() || prefix.codePointCount(0, prefix.length()) > Names.MAX_LENGTH) {
            throw ProblemException.badRequest("invalid-name", "Search by a name prefix of 1 to " + Names.MAX_LENGTH + " characters.");
        }
        byte[] folded = Names.fold(prefix).getBytes(StandardCharsets.UTF_8);
        // Every member that starts with the prefix sorts between "[prefix" and "(prefix\xff":
        // no byte of UTF-8 text is 0xFF.
        byte[] from = bytes((byte) '[', folded, null);
        byte[] to = bytes((byte) '(', folded, (byte) 0xFF);
        List<Request> ranges = IntStream.range(0, PlayerKeys.SHARDS)
                .mapToObj(shard -> Request.cmd(Command.ZRANGEBYLEX).arg(PlayerKeys.nameIndex(shard))
                        .arg(from).arg(to).arg("LIMIT").arg(0).arg(limit))
                .toList();
        return send(ranges).map(shards -> merged(shards, limit));
    }

    /** All in flight at once on the shared connections: one round trip, on a cluster one per node holding a shard. */
    private Uni<List<Response>> send(List<Request> requests) {
        return Uni.join().all(requests.stream().map(redis::send).toList()).andFailFast();
    }

    /** The first {@code limit} members of all shards, in the byte order Redis sorts them by. */
    private static List<Found> merged(List<Response> shards, int limit) {
        List<byte[]> members = new ArrayList<>();
        for (Response shard : shards) {
            for (Response member : shard) {
                members.add(member.toBytes());
            }
        }
        members.sort(Arrays::compareUnsigned);
        List<Found> found = new ArrayList<>(Math.min(limit, members.size()));
        for (byte[] member : members.subList(0, Math.min(limit, members.size()))) {
            String[] parts = new String(member, StandardCharsets.UTF_8).split(String.valueOf(Profiles.SEPARATOR));
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
