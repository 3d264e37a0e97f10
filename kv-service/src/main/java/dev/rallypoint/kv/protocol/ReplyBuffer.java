package dev.rallypoint.kv.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * Replies gathered for one batch of commands, sent in one socket write. Each command's reply is
 * bounded: past {@code maxReplyBytes} the writer throws {@link ReplyTooLargeException} and the
 * command's reply so far is discarded, so one command cannot make the process hold more than
 * that for one client. A reply that is one value (GET of a big value) is never refused: it is
 * already held by the store, and refusing it would make the value unreadable.
 */
public interface ReplyBuffer extends Reply {

    /** Marks where the next command's reply starts. */
    void begin();

    /** Drops what was written since {@link #begin}. */
    void discard();

    /** Bytes written since the last {@link #take}. */
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** Hands over what was written and starts afresh. */
    Buffer take();

    /** Whether this port speaks RESP, so replies Redis sent can be passed on as they are. */
    boolean carriesResp();
}
