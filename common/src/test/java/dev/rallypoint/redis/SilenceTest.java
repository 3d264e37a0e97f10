package dev.rallypoint.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When waiting commands count Redis as silent: times are given, so nothing here depends on the clock. */
class SilenceTest {

    private static final long MS = 1_000_000L;

    @Test
    void waitingCommandsThatHearNothingForTheLimitAreStalled() {
        Silence silence = new Silence(1_000);
        assertEquals(125, silence.tickMillis());
        silence.waitingFrom(0);
        long now = 0;
        for (int tick = 1; tick < 8; tick++) {
            now += 125 * MS;
            assertFalse(silence.stalled(true, now), "tick " + tick);
        }
        assertTrue(silence.stalled(true, now + 125 * MS));
    }

    @Test
    void anyReplyStartsTheSilenceAgain() {
        Silence silence = new Silence(1_000);
        silence.waitingFrom(0);
        long now = 0;
        for (int tick = 1; tick <= 100; tick++) {
            now += 125 * MS;
            if (tick % 7 == 0) {
                silence.heard();
            }
            assertFalse(silence.stalled(true, now), "a pipeline that keeps answering stays alive, tick " + tick);
        }
    }

    @Test
    void nothingWaitingIsNeverStalled() {
        Silence silence = new Silence(100);
        for (long now = 0; now < 10_000 * MS; now += 50 * MS) {
            assertFalse(silence.stalled(false, now));
        }
    }

    @Test
    void aLateCheckCountsAtMostTwoTicks() {
        Silence silence = new Silence(1_000);
        silence.waitingFrom(0);
        // Our own loop was busy for 5 s: that is not Redis's silence.
        assertFalse(silence.stalled(true, 5_000 * MS));
        assertFalse(silence.stalled(true, 10_000 * MS));
        assertFalse(silence.stalled(true, 15_000 * MS));
        // Four late checks at 250 ms each reach the limit.
        assertTrue(silence.stalled(true, 20_000 * MS));
    }

    @Test
    void aCheckWhileOurLoopsLagCountsNothing() {
        Silence silence = new Silence(1_000);
        silence.waitingFrom(0);
        long now = 0;
        for (int tick = 1; tick <= 100; tick++) {
            now += 125 * MS;
            assertFalse(silence.stalled(true, now, true), "the reply may sit unread on a busy loop, tick " + tick);
        }
        for (int tick = 1; tick < 8; tick++) {
            now += 125 * MS;
            assertFalse(silence.stalled(true, now, false));
        }
        assertTrue(silence.stalled(true, now + 125 * MS, false));
    }

    @Test
    void silenceCountsFromTheFirstCommandAfterAQuietSpell() {
        Silence silence = new Silence(1_000);
        assertFalse(silence.stalled(false, 0));
        silence.waitingFrom(900 * MS);
        assertFalse(silence.stalled(true, 1_000 * MS), "only 100 ms of waiting");
    }
}
