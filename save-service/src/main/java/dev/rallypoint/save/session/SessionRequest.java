package dev.rallypoint.save.session;

/** The optional body of {@code POST /api/session}. */
public record SessionRequest(String name, String deviceId) {

    static final SessionRequest EMPTY = new SessionRequest(null, null);
}
