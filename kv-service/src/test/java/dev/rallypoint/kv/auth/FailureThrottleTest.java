package dev.rallypoint.kv.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FailureThrottle throttle = new FailureThrottle(now::get);

    @Test
    void delaysDoubleAfterTheFreeFailuresUpToTheCap() {
        for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
            assertEquals(0, throttle.failed("10.0.0.1"));
        }
        assertEquals(250, throttle.failed("10.0.0.1"));
        assertEquals(500, throttle.failed("10.0.0.1"));
        assertEquals(1000, throttle.failed("10.0.0.1"));
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(FailureThrottle.MAX_DELAY_MILLIS, throttle.failed("10.0.0.1"));
        assertEquals(0, throttle.failed("10.0.0.2"), "another address is not slowed");
    }

    @Test
    void successOrQuietTimeStartsAfresh() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("a");
            throttle.failed("b");
        }
        throttle.succeeded("a");
        assertEquals(0, throttle.failed("a"));
        now.addAndGet(FailureThrottle.FORGET_MILLIS + 1);
        assertEquals(0, throttle.failed("b"));
    }
}
