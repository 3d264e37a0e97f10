package dev.rallypoint.save.session;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** A session as the API shows it; the token appears only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(String playerId, String name, String token, Instant expiresAt) {
}
