package dev.rallypoint.kv.protocol;

/**
 * What a command answers, in Redis's reply types; each port writes them in its own format
 * (RESP2 on one, a plain line on the other), so a command is written once for both.
 */
public interface Reply {

    void ok();

    void nil();

    /** A status reply such as {@code PONG}. */
    void simple(String status);

    /** An {@code ERR} error with a {@link RedisErrors} text. */
    void error(String text);

    /** An error whose text starts with its own code, such as {@code WRONGPASS ...}. */
    void errorWithCode(String text);

    void integer(long value);

    /** A binary-safe value; null is the nil reply. */
    void bulk(byte[] value);

    default void bulk(String value) {
        bulk(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Starts an array: the next {@code n} replies are its elements. */
    void arrayHeader(int n);

    /** The reply to a command name nobody knows. */
    default void unknownCommand(byte[][] argv) {
        error(RedisErrors.unknownCommand(argv));
    }

    /** QUIT's answer, sent just before the connection closes. */
    default void goodbye() {
        ok();
    }
}
