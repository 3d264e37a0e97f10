package dev.rallypoint.leaderboard.matches;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.auth.PlayerIds;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the {@code matches} stream, as the matchmaker writes it: {@code matchId},
 * {@code mode}, {@code players} (a JSON array of playerIds), {@code winner} (empty for none),
 * {@code resolution}, and in a mode with teams {@code teams} (a JSON array of the players'
 * teams, in their order). What the entry cannot show is left out: a malformed {@code players}
 * is none, and {@code teams} that do not fit the players are no teams.
 */
public record FinishedMatch(String matchId, String mode, String winner, String resolution, List<String> players,
                            List<Integer> teams) {

    private static final Logger LOG = Logger.getLogger(FinishedMatch.class);
    // The largest room the matchmaker allows is far smaller; this bounds one script's work.
    static final int MAX_PLAYERS = 64;
    private static final TypeReference<List<String>> PLAYER_LIST = new TypeReference<>() { };
    private static final TypeReference<List<Integer>> TEAM_LIST = new TypeReference<>() { };

    public static FinishedMatch read(String entryId, Map<String, String> fields, ObjectMapper json) {
        List<String> players = players(entryId, fields.get("players"), json);
        return new FinishedMatch(fields.getOrDefault("matchId", ""), fields.getOrDefault("mode", ""),
                fields.getOrDefault("winner", "").strip(), fields.getOrDefault("resolution", ""), players,
                teams(entryId, fields.get("teams"), players.size(), json));
    }

    /**
     * Who won: nobody without a winner; in a mode with teams every player of the winner's team;
     * otherwise the winner alone.
     */
    public List<String> winners() {
        if (winner.isEmpty()) {
            return List.of();
        }
        int index = players.indexOf(winner);
        if (teams.isEmpty() || index < 0) {
            return List.of(winner);
        }
        int team = teams.get(index);
        return players.stream().filter(player -> teams.get(players.indexOf(player)) == team).toList();
    }

    /** Players as the match scripts take them: a JSON array of playerIds. */
    public static String json(ObjectMapper json, List<String> players) {
        try {
            return json.writeValueAsString(players);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is JSON", e);
        }
    }

    /** The entry's distinct, valid playerIds; none when the field is not a JSON array of them. */
    private static List<String> players(String entryId, String field, ObjectMapper json) {
        try {
            List<String> listed = field == null ? null : json.readValue(field, PLAYER_LIST);
            if (listed == null) {
                throw new IOException("no list");
            }
            Set<String> players = new LinkedHashSet<>(listed);
            if (players.size() != listed.size() || players.size() > MAX_PLAYERS
                    || !players.stream().allMatch(player -> player != null && PlayerIds.isValid(player))) {
                throw new IOException("not a list of at most " + MAX_PLAYERS + " distinct playerIds");
            }
            return List.copyOf(players);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Match entry %s has unreadable players (%s)", entryId, e.getMessage());
            return List.of();
        }
    }

    /** The players' teams, one each; none for a mode without teams or a field that does not fit them. */
    private static List<Integer> teams(String entryId, String field, int players, ObjectMapper json) {
        if (field == null || field.isEmpty()) {
            return List.of();
        }
        try {
            List<Integer> teams = json.readValue(field, TEAM_LIST);
            if (teams == null || teams.size() != players || teams.contains(null)) {
                throw new IOException("not one team for each player");
            }
            return List.copyOf(teams);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Match entry %s has unreadable teams (%s); counted without them", entryId, e.getMessage());
            return List.of();
        }
    }
}
