package dev.rallypoint.kv.protocol;

/** A command's reply passed {@code kv.max-reply-bytes}; the command gets an error instead. */
public final class ReplyTooLargeException extends RuntimeException {

    public ReplyTooLargeException(long limit) {
        super(RedisErrors.replyTooLarge(limit), null, false, false);
    }
}
