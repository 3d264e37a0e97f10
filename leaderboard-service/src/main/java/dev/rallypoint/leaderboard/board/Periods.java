package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Pattern;

/**
 * The period a board's scores belong to, found from the clock in UTC: {@code all} for a board
 * that never resets, {@code 2026-11-22} daily, {@code 2026-W47} (ISO week) weekly, {@code 2026-11} monthly.
 */
@ApplicationScoped
public class Periods {

    public static final String ALL = "all";

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final Clock clock;
    private final LeaderboardConfig config;

    Periods(Clock clock, LeaderboardConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public String current(BoardSettings.Reset reset) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return switch (reset) {
            case NEVER -> ALL;
            case DAILY -> today.toString();
            case WEEKLY -> String.format("%d-W%02d", today.get(IsoFields.WEEK_BASED_YEAR), today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> today.format(DateTimeFormatter.ofPattern("yyyy-MM"));
        };
    }

    /** The period a read asks for: the current one when none is given; 400 for a malformed one. */
    public String requested(BoardSettings.Reset reset, String period) {
        if (period == null || period.isEmpty()) {
            return current(reset);
        }
        Pattern shape = switch (reset) {
            case NEVER -> Pattern.compile(ALL);
            case DAILY -> DAY;
            case WEEKLY -> WEEK;
            case MONTHLY -> MONTH;
        };
        if (!shape.matcher(period).matches()) {
            throw ProblemException.badRequest("invalid-period", "This board's periods look like " + current(reset) + ".");
        }
        return period;
    }

    /** When the keys of the current period expire (epoch ms): the period's end plus the retention; 0 for never. */
    public long expiresAt(BoardSettings.Reset reset) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate next = switch (reset) {
            case NEVER -> null;
            case DAILY -> today.plusDays(1);
            case WEEKLY -> today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTHLY -> today.withDayOfMonth(1).plusMonths(1);
        };
        if (next == null) {
            return 0;
        }
        return next.atStartOfDay(ZoneOffset.UTC).toInstant().plus(config.retention()).toEpochMilli();
    }
}
