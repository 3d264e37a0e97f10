package dev.rallypoint.common.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request carries its session token: {@code Authorization: Bearer <token>}, the
 * {@code sid} cookie, or {@code ?token=} on a WebSocket upgrade (browsers cannot set headers there).
 */
public final class SessionTokens {

    private static final String BEARER = "Bearer ";

    private SessionTokens() {
    }

    /** The token, or null when the request carries none. */
    public static String find(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return nonBlank(authorization.substring(BEARER.length()).trim());
        }
        Cookie cookie = request.getCookie(SessionKeys.COOKIE);
        if (cookie != null) {
            return nonBlank(cookie.getValue());
        }
        if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            return nonBlank(request.getParam("token"));
        }
        return null;
    }

    /** Whether a token is a JWT (three dot-separated parts) rather than a session token, which has no dot. */
    public static boolean isJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
