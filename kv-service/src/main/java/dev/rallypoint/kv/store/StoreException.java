package dev.rallypoint.kv.store;

/** A command the store refuses, with the Redis error text (without the {@code ERR } prefix). */
public final class StoreException extends RuntimeException {

    private final boolean ownCode;

    public StoreException(String message) {
        this(message, false);
    }

    private StoreException(String message, boolean ownCode) {
        // Thrown on bad client input on the hot path: no stack trace needed.
        super(message, null, false, false);
        this.ownCode = ownCode;
    }

    /** An error whose text starts with its own code instead of ERR, such as WRONGTYPE. */
    public static StoreException withCode(String message) {
        return new StoreException(message, true);
    }

    public static StoreException wrongType() {
        return withCode(dev.rallypoint.kv.protocol.RedisErrors.WRONGTYPE);
    }

    /** Whether the text starts with its own code (else the reply is ERR and the text). */
    public boolean ownCode() {
        return ownCode;
    }
}
