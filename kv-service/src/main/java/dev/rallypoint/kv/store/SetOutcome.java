package dev.rallypoint.kv.store;

/** The outcome of SET: whether it wrote, and the old value when asked for (GET). */
public record SetOutcome(boolean written, byte[] old) {
    private static final SetOutcome WRITTEN = new SetOutcome(true, null);
    private static final SetOutcome NOT_WRITTEN = new SetOutcome(false, null);

    static SetOutcome of(boolean written, byte[] old) {
        return old == null ? (written ? WRITTEN : NOT_WRITTEN) : new SetOutcome(written, old);
    }
}
