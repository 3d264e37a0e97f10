package dev.rallypoint.leaderboard.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** What the leaderboard routes answer. */
public final class BoardMessages {

    private BoardMessages() {
    }

    /** One ranked player; rank 1 is first. */
    @RegisterForReflection
    public record Entry(long rank, String playerId, String name, long score) {
    }

    /** A page of a board; {@code total} is how many players the board (period) holds. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(String leaderboard, String period, long total, List<Entry> entries) {
    }
}
