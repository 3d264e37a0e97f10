package dev.rallypoint.kv.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The password clients must give (Redis's requirepass for the {@code default} user), checked in
 * constant time, with guessing from one address slowed down by {@link FailureThrottle}.
 */
public final class Authenticator {

    /** The verdict on one AUTH: whether it passed, and how long to hold back its reply. */
    public record Verdict(boolean passed, long delayMillis) {
    }

    private final byte[] password;
    private final FailureThrottle throttle;

    public Authenticator(Optional<String> password, FailureThrottle throttle) {
        this.password = password.filter(p -> !p.isEmpty()).map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.throttle = throttle;
    }

    /** Whether clients must AUTH before anything else. */
    public boolean required() {
        return password != null;
    }

    /** Checks a password (and a user name, null when not given) sent from {@code address}. */
    public Verdict check(byte[] user, byte[] candidate, String address) {
        boolean userOk = user == null || "default".equals(new String(user, StandardCharsets.UTF_8));
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        boolean passed = userOk && password != null && MessageDigest.isEqual(password, candidate);
        return new Verdict(passed, throttle.attempt(address, passed));
    }
}
