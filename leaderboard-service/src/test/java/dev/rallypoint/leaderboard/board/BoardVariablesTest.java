package dev.rallypoint.leaderboard.board;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardVariablesTest {

    @Test
    void oneWordIdsAndOtherVariablesPass() {
        assertDoesNotThrow(() -> BoardVariables.check(Map.of(
                "RALLYPOINT_LEADERBOARD_BOARDS_DAILY_MATCH", "daily-*",
                "RALLYPOINT_LEADERBOARD_BOARDS_Daily2_RESET", "daily",
                "RALLYPOINT_LEADERBOARD_BOARDS_S1_MIN", "0",
                "RALLYPOINT_LEADERBOARD_RETENTION", "P7D",
                "PATH", "/usr/bin"), Set.of()));
    }

    @Test
    void anIdWithAnUnderscoreStopsTheServiceAndIsNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BoardVariables.check(
                Map.of("RALLYPOINT_LEADERBOARD_BOARDS_MY_BOARD_MATCH", "mine-*"), Set.of("daily")));
        assertTrue(refused.getMessage().contains("RALLYPOINT_LEADERBOARD_BOARDS_MY_BOARD_MATCH"), refused.getMessage());
        assertTrue(refused.getMessage().contains("one word of letters and digits"), refused.getMessage());
    }

    @Test
    void aDeclaredIdWithADashCanBeSetFromTheEnvironment() {
        assertDoesNotThrow(() -> BoardVariables.check(
                Map.of("RALLYPOINT_LEADERBOARD_BOARDS_MY_BOARD_RESET", "monthly"), Set.of("my-board")));
    }

    @Test
    void anUnknownSettingStopsTheService() {
        assertThrows(IllegalArgumentException.class, () -> BoardVariables.check(
                Map.of("RALLYPOINT_LEADERBOARD_BOARDS_DAILY_RESETS", "daily"), Set.of("daily")));
        assertThrows(IllegalArgumentException.class, () -> BoardVariables.check(
                Map.of("RALLYPOINT_LEADERBOARD_BOARDS_DAILY", "daily-*"), Set.of("daily")));
    }
}
