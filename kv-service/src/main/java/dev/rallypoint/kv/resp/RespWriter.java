package dev.rallypoint.kv.resp;

import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 replies into one buffer; a connection flushes it once per batch of commands read
 * together, so a pipeline of 16 commands costs one socket write.
 */
public final class RespWriter {

    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NIL = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    // Small integers are the common replies (DEL, EXISTS, counters): encoded once.
    private static final byte[][] SMALL_INTEGERS = new byte[1024][];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Buffer out = Buffer.buffer(256);

    public void ok() {
        out.appendBytes(OK);
    }

    public void nil() {
        out.appendBytes(NIL);
    }

    public void simple(String s) {
        out.appendByte((byte) '+').appendString(s, "US-ASCII").appendBytes(CRLF);
    }

    /** An {@code -ERR} reply with a {@link RespErrors} text. */
    public void error(String text) {
        out.appendString("-ERR ").appendString(text).appendBytes(CRLF);
    }

    /** An error reply whose text starts with its own code, such as {@code NOPROTO ...}. */
    public void errorWithCode(String text) {
        out.appendByte((byte) '-').appendString(text).appendBytes(CRLF);
    }

    public void integer(long v) {
        if (v >= 0 && v < SMALL_INTEGERS.length) {
            out.appendBytes(SMALL_INTEGERS[(int) v]);
        } else {
            out.appendByte((byte) ':');
            appendDecimal(v);
            out.appendBytes(CRLF);
        }
    }

    public void bulk(byte[] value) {
        if (value == null) {
            nil();
            return;
        }
        out.appendByte((byte) '$');
        appendDecimal(value.length);
        out.appendBytes(CRLF).appendBytes(value).appendBytes(CRLF);
    }

    public void bulk(String value) {
        bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    public void arrayHeader(int n) {
        out.appendByte((byte) '*');
        appendDecimal(n);
        out.appendBytes(CRLF);
    }

    /** A reply from Redis, as Redis sent it (RESP2: nil, status, integer, bulk, array). */
    public void redis(Response reply) {
        if (reply == null) {
            nil();
            return;
        }
        switch (reply.type()) {
            case SIMPLE -> simple(reply.toString());
            case NUMBER -> integer(reply.toLong());
            case BULK -> bulk(reply.toBytes());
            case MULTI -> {
                arrayHeader(reply.size());
                for (Response element : reply) {
                    redis(element);
                }
            }
            // None of the forwarded commands gets another kind; if one did, the client still gets an answer.
            default -> errorWithCode("ERR unexpected reply from Redis: " + reply.type());
        }
    }

    /** Bytes written since the last {@link #take}. */
    public int size() {
        return out.length();
    }

    public boolean isEmpty() {
        return out.length() == 0;
    }

    /** Hands over what was written and starts a fresh buffer. */
    public Buffer take() {
        Buffer written = out;
        out = Buffer.buffer(256);
        return written;
    }

    private void appendDecimal(long v) {
        if (v >= 0 && v < 10) {
            out.appendByte((byte) ('0' + v));
        } else {
            out.appendString(Long.toString(v), "US-ASCII");
        }
    }
}
