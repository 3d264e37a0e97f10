package dev.rallypoint.kv.protocol;

/** Input that is not RESP: the connection gets the error text, then is closed. */
public final class ProtocolException extends Exception {

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
