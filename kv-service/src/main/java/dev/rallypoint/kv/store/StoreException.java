package dev.rallypoint.kv.store;

/** A command the store refuses, with the Redis error text (without the {@code ERR } prefix). */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        // Thrown on bad client input on the hot path: no stack trace needed.
        super(message, null, false, false);
    }
}
