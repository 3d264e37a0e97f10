package dev.rallypoint.leaderboard.ratings;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A player's Glicko-2 rating in one mode; {@code games} counts rated matches, and {@code rank}
 * (1 first) is the player's place on the board {@code rating-<mode>}, null before their first.
 */
@RegisterForReflection
public record Rating(String mode, String playerId, double rating, double deviation, double volatility,
                     long games, Long rank) {
}
