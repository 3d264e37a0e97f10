package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.protocol.ReplyBytes;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 replies into one buffer; a connection flushes it once per batch of commands read
 * together, so a pipeline of 16 commands costs one socket write.
 */
public final class RespWriter extends ReplyBytes {

    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NIL = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERR_PREFIX = "-ERR ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    // Small integers are the common replies (DEL, EXISTS, counters): encoded once.
    private static final byte[][] SMALL_INTEGERS = new byte[1024][];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    public RespWriter(long maxReplyBytes) {
        super(maxReplyBytes);
    }

    /** A writer for one reply of known, small size (no limit applies). */
    public RespWriter() {
        this(Long.MAX_VALUE);
    }

    @Override
    public void ok() {
        out.writeBytes(OK);
    }

    @Override
    public void nil() {
        out.writeBytes(NIL);
    }

    @Override
    public void simple(String s) {
        out.writeByte('+').writeCharSequence(s, StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
    }

    @Override
    public void error(String text) {
        out.writeBytes(ERR_PREFIX);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    @Override
    public void errorWithCode(String text) {
        out.writeByte('-').writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    @Override
    public void integer(long v) {
        if (v >= 0 && v < SMALL_INTEGERS.length) {
            out.writeBytes(SMALL_INTEGERS[(int) v]);
        } else {
            out.writeByte(':');
            appendDecimal(v);
            out.writeBytes(CRLF);
        }
    }

    @Override
    public void bulk(byte[] value) {
        if (value == null) {
            nil();
            return;
        }
        makeRoom(value.length);
        out.writeByte('$');
        appendDecimal(value.length);
        out.writeBytes(CRLF).writeBytes(value).writeBytes(CRLF);
    }

    @Override
    public void arrayHeader(int n) {
        out.writeByte('*');
        appendDecimal(n);
        out.writeBytes(CRLF);
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

    @Override
    public boolean carriesResp() {
        return true;
    }

    private void appendDecimal(long v) {
        if (v >= 0 && v < 10) {
            out.writeByte((byte) ('0' + v));
        } else {
            out.writeCharSequence(Long.toString(v), StandardCharsets.US_ASCII);
        }
    }
}
