package dev.rallypoint.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens and the Redis keys that hold sessions.
 * <p>
 * A token is 256 random bits. Redis stores only its SHA-256, so a copy of the database (a
 * backup, a replica, MONITOR output) does not hand out working tokens.
 */
public final class SessionKeys {

    public static final String COOKIE = "sid";

    /**
     * The channel save-service publishes {@code sha256(token)} on when a session is revoked
     * (logout), so that the matchmaker closes the WebSockets it opened.
     */
    public static final String REVOKED_CHANNEL = "sessions:revoked";

    private SessionKeys() {
    }

    /**
     * 256 random bits. A generator per token: one kept in a static field would be seeded once,
     * in a native image at build time, and every copy of the image would repeat its tokens.
     */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code session:<sha256(token)>}: a JSON {@link StoredSession}, expiring after the session TTL. */
    public static String session(String token) {
        return "session:" + sha256(token);
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
