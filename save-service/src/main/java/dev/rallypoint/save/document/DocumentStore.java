package dev.rallypoint.save.document;

import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/**
 * Documents in Redis: one hash per player and kind, changed only by the scripts in
 * {@code lua/save/}, each a single atomic step, so a failure at any point leaves either the old
 * document or the new one.
 */
@ApplicationScoped
class DocumentStore {

    private static final LuaScript CREATE = LuaScript.load("lua/save/create.lua");
    private static final LuaScript WRITE = LuaScript.load("lua/save/write.lua");
    private static final LuaScript DELETE = LuaScript.load("lua/save/delete.lua");

    /** Any version: the {@code expected} of an unconditional write. */
    static final long ANY = -1;

    private final PipelinedRedis redis;

    DocumentStore(PipelinedRedis redis) {
        this.redis = redis;
    }

    record Stored(String document, long version, boolean isPublic) {
    }

    /** The stored document, or null. */
    Uni<Stored> read(DocumentKind kind, String playerId) {
        return redis.send(Request.cmd(Command.HMGET).arg(kind.key(playerId)).arg("doc").arg("version").arg("public"))
                .map(fields -> fields.get(0) == null ? null
                        : new Stored(fields.get(0).toString(), fields.get(1).toLong(), fields.get(2) != null && fields.get(2).toInteger() == 1));
    }

    Uni<Long> create(DocumentKind kind, String playerId, String document, boolean isPublic) {
        return run(CREATE, kind.key(playerId), document, isPublic ? "1" : "0", System.currentTimeMillis());
    }

    /** @param isPublic null keeps the stored visibility */
    Uni<Long> write(DocumentKind kind, String playerId, long expected, String document, Boolean isPublic) {
        return run(WRITE, kind.key(playerId), expected == ANY ? "" : expected, document,
                isPublic == null ? "" : isPublic ? "1" : "0", System.currentTimeMillis());
    }

    Uni<Long> delete(DocumentKind kind, String playerId, long expected) {
        return run(DELETE, kind.key(playerId), expected == ANY ? "" : expected);
    }

    private Uni<Long> run(LuaScript script, String key, Object... args) {
        return script.run(redis, List.of(key), Arrays.stream(args).map(String::valueOf).toList())
                .map(Response::toLong)
                .onFailure(failure -> refusal(failure) != null)
                .transform(DocumentStore::refusal);
    }

    private static ProblemException refusal(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().trim();
        return switch (message) {
            case "exists" -> ProblemException.conflict("document-exists",
                    "The document exists; change it with PUT or PATCH.");
            case "not_found" -> ProblemException.notFound("document-not-found", "There is no such document yet; create it with POST.");
            case "version_mismatch" -> VersionMismatch.INSTANCE;
            default -> null;
        };
    }

    /** The document changed since the version the client named. */
    static final class VersionMismatch extends ProblemException {
        static final VersionMismatch INSTANCE = new VersionMismatch();

        private VersionMismatch() {
            super(412, "version-mismatch", "Precondition failed",
                    "The document changed since that version; GET it again, then retry.");
        }
    }
}
