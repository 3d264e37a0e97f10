package dev.rallypoint.kv.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FailureThrottle throttle = new FailureThrottle(now::get);

    @Test
    void stepsDoubleAfterTheFreeFailuresUpToTheCap() {
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            assertEquals(0, throttle.attempt("10.0.0.1", false));
        }
        assertEquals(250, throttle.attempt("10.0.0.1", false));
        now.addAndGet(250);
        assertEquals(500, throttle.attempt("10.0.0.1", false));
        now.addAndGet(500);
        assertEquals(1000, throttle.attempt("10.0.0.1", false));
        for (int i = 0; i < 20; i++) {
            now.addAndGet(throttle.attempt("10.0.0.1", false));
        }
        assertEquals(FailureThrottle.MAX_DELAY_MILLIS, throttle.attempt("10.0.0.1", false));
        assertEquals(0, throttle.attempt("10.0.0.2", false), "another address is not slowed");
    }

    @Test
    void guessesSentAtOnceAreServedOneTurnAfterAnother() {
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            throttle.attempt("10.0.0.1", false);
        }
        // Four guesses arrive together: each waits for the turn before it.
        assertEquals(250, throttle.attempt("10.0.0.1", false));
        assertEquals(250 + 500, throttle.attempt("10.0.0.1", false));
        assertEquals(250 + 500 + 1000, throttle.attempt("10.0.0.1", false));
        assertEquals(250 + 500 + 1000 + 2000, throttle.attempt("10.0.0.1", true),
                "a right password waits its turn like a wrong one");
    }

    @Test
    void successOrQuietTimeStartsAfresh() {
        for (int i = 0; i < 5; i++) {
            now.addAndGet(throttle.attempt("a", false));
            now.addAndGet(throttle.attempt("b", false));
        }
        now.addAndGet(throttle.attempt("a", true));
        assertEquals(0, throttle.attempt("a", false));
        now.addAndGet(FailureThrottle.FORGET_MILLIS + 1);
        assertEquals(0, throttle.attempt("b", false));
    }
}
