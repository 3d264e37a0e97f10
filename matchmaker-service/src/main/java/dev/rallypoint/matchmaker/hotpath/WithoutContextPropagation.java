package dev.rallypoint.matchmaker.hotpath;

import io.smallrye.context.CleanAutoCloseable;
import io.smallrye.context.SmallRyeThreadContext;
import org.eclipse.microprofile.context.ThreadContext;

import java.util.function.Supplier;

/**
 * Runs a frame's handling or a room event's delivery with Mutiny's context propagation off.
 * Quarkus captures every thread context (the CDI request context among them) for each callback
 * of a Mutiny pipeline assembled on the thread, and restores it around the call: a quarter of
 * the replica's CPU on the game-message path, for state that no step of these paths reads. What
 * is assembled inside leaves the thread's contexts as they are.
 */
public final class WithoutContextPropagation {

    private WithoutContextPropagation() {
    }

    // Built on first use, at run time: it needs the context manager Quarkus sets up on start.
    private static final class Holder {
        static final SmallRyeThreadContext NONE = SmallRyeThreadContext.builder()
                .propagated(ThreadContext.NONE).cleared(ThreadContext.NONE).unchanged(ThreadContext.ALL_REMAINING).build();
    }

    public static <T> T call(Supplier<T> action) {
        try (CleanAutoCloseable ignored = SmallRyeThreadContext.withThreadContext(Holder.NONE)) {
            return action.get();
        }
    }

    public static void run(Runnable action) {
        try (CleanAutoCloseable ignored = SmallRyeThreadContext.withThreadContext(Holder.NONE)) {
            action.run();
        }
    }
}
