package dev.rallypoint.kv.store;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replies that wait for their writes to be durable, gathered per event loop: the connections
 * served in one turn of a loop share one {@link Store#awaitDurable} (one write, and with
 * {@code always} one fsync) run after that turn, as Redis writes and fsyncs once per event-loop
 * iteration before it replies.
 */
public final class GroupCommit {

    private final Store store;
    private final Vertx vertx;
    // Each event-loop thread's waiters of its current turn; only touched on that thread.
    private final ThreadLocal<List<Consumer<StoreException>>> waiting = ThreadLocal.withInitial(ArrayList::new);

    public GroupCommit(Store store, Vertx vertx) {
        this.store = store;
        this.vertx = vertx;
    }

    /**
     * Runs {@code then} on this event loop once every write made so far is durable, with null, or
     * with the error that prevented it. Call on an event-loop thread.
     */
    public void afterDurable(Consumer<StoreException> then) {
        List<Consumer<StoreException>> turn = waiting.get();
        if (turn.isEmpty()) {
            // Runs after the loop has read from every ready socket of this turn.
            vertx.getOrCreateContext().runOnContext(v -> commit());
        }
        turn.add(then);
    }

    private void commit() {
        List<Consumer<StoreException>> turn = waiting.get();
        waiting.set(new ArrayList<>());
        StoreException failure = null;
        try {
            store.awaitDurable();
        } catch (StoreException e) {
            failure = e;
        }
        for (Consumer<StoreException> then : turn) {
            then.accept(failure);
        }
    }
}
