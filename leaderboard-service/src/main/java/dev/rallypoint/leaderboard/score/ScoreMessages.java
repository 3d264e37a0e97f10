package dev.rallypoint.leaderboard.score;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a submitted score. */
public final class ScoreMessages {

    private ScoreMessages() {
    }

    /** The player's score and rank after the submission; {@code improved} says whether it changed. */
    @RegisterForReflection
    public record Submitted(String leaderboard, String playerId, String name, long score, long rank, boolean improved) {
    }
}
