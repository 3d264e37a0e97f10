package dev.rallypoint.common.auth;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the public id and display name carried by a session. */
public record Player(String playerId, String name) {

    static final String NAME_ATTRIBUTE = "rallypoint.name";

    /** The player behind an identity built by {@link SessionIdentityProvider}. */
    public static Player of(SecurityIdentity identity) {
        return new Player(identity.getPrincipal().getName(), identity.getAttribute(NAME_ATTRIBUTE));
    }
}
