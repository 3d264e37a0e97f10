package dev.rallypoint.save.document;

import jakarta.ws.rs.core.EntityTag;

/** A document's version as a strong ETag, {@code "<version>"}, and the conditional headers on it. */
final class ETags {

    private ETags() {
    }

    static EntityTag of(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /**
     * The version an {@code If-Match} asks for: any for none or {@code *}; a weak or unreadable
     * tag can match no version (strong comparison, RFC 9110), so it fails the write with 412.
     */
    static long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return DocumentStore.ANY;
        }
        String tag = ifMatch.trim();
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw DocumentStore.VersionMismatch.INSTANCE;
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw DocumentStore.VersionMismatch.INSTANCE;
        }
    }

    /** Whether an {@code If-None-Match} (a list of tags, or {@code *}) names this version. */
    static boolean matches(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        String current = "\"" + version + "\"";
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(current) || trimmed.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }
}
