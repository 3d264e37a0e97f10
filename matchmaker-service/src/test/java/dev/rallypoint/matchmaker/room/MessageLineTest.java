package dev.rallypoint.matchmaker.room;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A room's game messages on one replica: once each, in order, a gap filled from the log before anything after it. */
class MessageLineTest {

    private final List<Long> passed = new ArrayList<>();
    private final List<MessageLine> fills = new ArrayList<>();
    private final MessageLine line = new MessageLine(message -> passed.add(message.seq()), fills::add);

    @Test
    void aGapHoldsWhatComesAfterItUntilTheLogFillsIt() {
        line.accept(message(7));
        line.accept(message(8));
        line.accept(message(11));
        line.accept(message(12));
        assertEquals(List.of(7L, 8L), passed, "11 and 12 wait for 9 and 10");
        assertEquals(1, fills.size(), "one look at the log for the gap");

        line.filled(List.of(message(8), message(9), message(10), message(11)));
        assertEquals(List.of(7L, 8L, 9L, 10L, 11L, 12L), passed);
        line.accept(message(12));
        line.accept(message(13));
        assertEquals(List.of(7L, 8L, 9L, 10L, 11L, 12L, 13L), passed, "nothing twice");
    }

    @Test
    void whatTheLogNoLongerHoldsStaysAGap() {
        line.accept(message(1));
        line.accept(message(300));
        line.filled(List.of(message(290), message(299)));
        assertEquals(List.of(1L, 290L, 299L, 300L), passed);
    }

    @Test
    void aResumedSubscriptionReadsTheLogOnlyOnceItHasSeenAMessage() {
        line.resumed();
        assertEquals(0, fills.size(), "nothing to catch up with before the first message");
        line.accept(message(3));
        line.resumed();
        line.accept(message(5));
        line.filled(List.of(message(4), message(5)));
        assertEquals(List.of(3L, 4L, 5L), passed);
        assertEquals(1, fills.size());
    }

    private static Envelope message(long seq) {
        return new Envelope(seq, "ann", "message", "{\"seq\":" + seq + "}");
    }
}
