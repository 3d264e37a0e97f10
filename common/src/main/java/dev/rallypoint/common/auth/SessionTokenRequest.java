package dev.rallypoint.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A session token found on a request, waiting for {@link SessionIdentityProvider} to check it. */
public class SessionTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public SessionTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
