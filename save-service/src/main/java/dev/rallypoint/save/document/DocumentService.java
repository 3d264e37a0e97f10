package dev.rallypoint.save.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads and writes of save documents. A merge is computed here, never in Redis, and stored with
 * a compare-and-set on the version it was computed from; a concurrent writer makes it retry.
 */
@ApplicationScoped
class DocumentService {

    // Under heavy contention on one document a patch may lose the race many times in a row.
    private static final int MAX_ATTEMPTS = 200;

    private final DocumentStore store;
    private final Documents documents;

    DocumentService(DocumentStore store, Documents documents) {
        this.store = store;
        this.documents = documents;
    }

    record Saved(String document, long version) {
    }

    /** A document as its owner, or anyone when it is public, may read it. */
    Uni<Saved> read(DocumentKind kind, String playerId, String readerId) {
        return store.read(kind, playerId).map(stored -> {
            if (stored == null || !(stored.isPublic() || playerId.equals(readerId))) {
                throw notFound();
            }
            return new Saved(stored.document(), stored.version());
        });
    }

    /** Created and replaced documents are stored as sent (once validated): byte for byte. */
    Uni<Saved> create(DocumentKind kind, String playerId, String body, Boolean isPublic) {
        documents.validateObject(body);
        String document = body;
        return store.create(kind, playerId, document, Boolean.TRUE.equals(isPublic))
                .map(version -> new Saved(document, version));
    }

    Uni<Saved> replace(DocumentKind kind, String playerId, String body, long expected, Boolean isPublic) {
        documents.validateObject(body);
        String document = body;
        return store.write(kind, playerId, expected, document, isPublic).map(version -> new Saved(document, version));
    }

    Uni<Saved> patch(DocumentKind kind, String playerId, String body, long expected, Boolean isPublic) {
        JsonNode patch = documents.parseObject(body);
        return patchAttempt(kind, playerId, patch, expected, isPublic, 1);
    }

    Uni<Void> delete(DocumentKind kind, String playerId, long expected) {
        return store.delete(kind, playerId, expected).replaceWithVoid();
    }

    private Uni<Saved> patchAttempt(DocumentKind kind, String playerId, JsonNode patch, long expected,
                                    Boolean isPublic, int attempt) {
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
                    .recoverWithUni(failure -> expected == DocumentStore.ANY && attempt < MAX_ATTEMPTS
                            ? patchAttempt(kind, playerId, patch, expected, isPublic, attempt + 1)
                            : Uni.createFrom().failure(failure));
        });
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("document-not-found", "There is no such document, or it is not public.");
    }
}
