package dev.rallypoint.save.session;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The optional body of {@code POST /api/session}, read with Jackson by hand (so registered for a native image). */
@RegisterForReflection
public record SessionRequest(String name, String deviceId, String customId) {

    static final SessionRequest EMPTY = new SessionRequest(null, null, null);
}
