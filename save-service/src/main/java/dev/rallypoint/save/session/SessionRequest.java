package dev.rallypoint.save.session;

/** The optional body of {@code POST /api/session}, read field by field from the JSON. */
public record SessionRequest(String name, String deviceId, String customId) {

    public static final SessionRequest EMPTY = new SessionRequest(null, null, null);
}
