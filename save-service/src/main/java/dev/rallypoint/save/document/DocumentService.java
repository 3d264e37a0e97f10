package dev.rallypoint.save.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes of save documents. A merge is computed here, never in Redis (Lua's cjson would
 * turn numbers into doubles), and stored with a compare-and-set on the version it was computed
 * from; a concurrent writer makes it retry.
 */
@ApplicationScoped
public class DocumentService {

    /** As an expected version: whatever version is stored. */
    public static final long ANY_VERSION = DocumentStore.ANY;

    private final DocumentStore store;
    private final Documents documents;
    private final Duration patience;
    private final OneAtATime patches = new OneAtATime();

    DocumentService(DocumentStore store, Documents documents, SaveConfig config) {
        this.store = store;
        this.documents = documents;
        this.patience = config.patchPatience();
    }

    public record Saved(String document, long version) {
    }

    /** A document as its owner, or anyone when it is public, may read it. */
    public Uni<Saved> read(DocumentKind kind, String playerId, String readerId) {
        return store.read(kind, playerId).map(stored -> {
            if (stored == null || !(stored.isPublic() || playerId.equals(readerId))) {
                throw notFound();
            }
            return new Saved(stored.document(), stored.version());
        });
    }

    /** Created and replaced documents are stored as sent (once validated): byte for byte. */
    public Uni<Saved> create(DocumentKind kind, String playerId, String body, Boolean isPublic) {
        documents.validateObject(body);
        String document = body;
        return store.create(kind, playerId, document, Boolean.TRUE.equals(isPublic))
                .map(version -> new Saved(document, version));
    }

    public Uni<Saved> replace(DocumentKind kind, String playerId, String body, long expected, Boolean isPublic) {
        documents.validateObject(body);
        String document = body;
        return store.write(kind, playerId, expected, document, isPublic).map(version -> new Saved(document, version));
    }

    Uni<Saved> patch(DocumentKind kind, String playerId, String body, long expected, Boolean isPublic) {
        JsonNode patch = documents.parseObject(body);
        long deadline = System.nanoTime() + patience.toNanos();
        return patches.run(kind.key(playerId), () -> patchAttempt(kind, playerId, patch, expected, isPublic, 1, deadline));
    }

    Uni<Void> delete(DocumentKind kind, String playerId, long expected) {
        return store.delete(kind, playerId, expected).replaceWithVoid();
    }

    private Uni<Saved> patchAttempt(DocumentKind kind, String playerId, JsonNode patch, long expected,
                                    Boolean isPublic, int attempt, long deadline) {
        return store.read(kind, playerId).chain(stored -> {
            if (stored == null) {
                throw notFound();
            }
            if (expected != DocumentStore.ANY && expected != stored.version()) {
                throw DocumentStore.VersionMismatch.INSTANCE;
            }
            String merged = documents.write(MergePatch.apply(documents.parseStored(stored.document()), patch));
            return store.write(kind, playerId, stored.version(), merged, isPublic)
                    .map(version -> new Saved(merged, version))
                    .onFailure(DocumentStore.VersionMismatch.class::isInstance)
                    .recoverWithUni(failure -> {
                        if (expected != DocumentStore.ANY) {
                            return Uni.createFrom().failure(failure);
                        }
                        if (System.nanoTime() > deadline) {
                            return Uni.createFrom().failure(new ProblemException(503, "write-contention", "Service unavailable",
                                    "The document changed too often to merge this patch; nothing was changed, retry shortly."));
                        }
                        Uni<Saved> retry = Uni.createFrom().deferred(
                                () -> patchAttempt(kind, playerId, patch, expected, isPublic, attempt + 1, deadline));
                        // Straight away at first, then after a random wait that grows, so that writers
                        // on several replicas stop colliding.
                        return attempt < 3 ? retry : Uni.createFrom().voidItem().onItem()
                                .delayIt().by(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, 2L << Math.min(attempt, 5))))
                                .chain(() -> retry);
                    });
        });
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("document-not-found", "There is no such document, or it is not public.");
    }
}
