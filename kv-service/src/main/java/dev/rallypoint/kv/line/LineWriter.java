package dev.rallypoint.kv.line;

import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.ReplyBytes;

import java.nio.charset.StandardCharsets;

/**
 * The line protocol's replies: every reply is one line. A value is the line itself (nil an
 * empty line), a number its digits, an error its text ({@code ERR ...}), and a list its
 * elements separated by single spaces. A value that a line cannot carry unambiguously (a CR or
 * LF anywhere, a space inside a list) is never sent raw: the reply becomes an error instead.
 */
final class LineWriter extends ReplyBytes {

    private static final byte[] OK = "OK\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERR_PREFIX = "ERR ".getBytes(StandardCharsets.US_ASCII);

    // The list being written: elements still expected at each nesting level, where its line
    // starts, and whether an element made it unsafe to send.
    private int[] remaining = new int[4];
    private int depth;
    private int lineStart;
    private boolean wordWritten;
    private boolean unsafe;

    LineWriter(long maxReplyBytes) {
        super(maxReplyBytes);
    }

    @Override
    public void ok() {
        if (depth == 0) {
            out.writeBytes(OK);
        } else {
            word("OK");
        }
    }

    @Override
    public void nil() {
        if (depth == 0) {
            out.writeByte('\n');
        } else {
            separate();
            elementDone();
        }
    }

    @Override
    public void simple(String status) {
        word(status);
    }

    @Override
    public void error(String text) {
        word("ERR " + text);
    }

    @Override
    public void errorWithCode(String text) {
        word(text);
    }

    @Override
    public void integer(long value) {
        word(Long.toString(value));
    }

    @Override
    public void bulk(byte[] value) {
        if (value == null) {
            nil();
            return;
        }
        makeRoom(value.length);
        for (byte b : value) {
            if (b == '\r' || b == '\n' || (b == ' ' && depth > 0)) {
                unsafe = true;
                break;
            }
        }
        if (depth == 0) {
            if (unsafe) {
                unsafe = false;
                error(RedisErrors.LINE_UNSAFE_VALUE);
                return;
            }
            out.writeBytes(value).writeByte('\n');
            return;
        }
        separate();
        out.writeBytes(value);
        elementDone();
    }

    @Override
    public void arrayHeader(int n) {
        if (depth == 0) {
            lineStart = out.writerIndex();
            wordWritten = false;
            unsafe = false;
        }
        if (n == 0) {
            if (depth == 0) {
                out.writeByte('\n');
            } else {
                elementDone();
            }
            return;
        }
        if (depth == remaining.length) {
            remaining = java.util.Arrays.copyOf(remaining, depth * 2);
        }
        remaining[depth++] = n;
    }

    @Override
    public void unknownCommand(byte[][] argv) {
        out.writeBytes(ERR_PREFIX).writeCharSequence("unknown command\n", StandardCharsets.US_ASCII);
    }

    /** The line protocol closes on QUIT or STOP without a word. */
    @Override
    public void goodbye() {
    }

    @Override
    public void begin() {
        super.begin();
        depth = 0;
    }

    @Override
    public void discard() {
        super.discard();
        depth = 0;
        unsafe = false;
    }

    @Override
    public boolean carriesResp() {
        return false;
    }

    private void word(String text) {
        if (depth == 0) {
            out.writeCharSequence(text, StandardCharsets.UTF_8);
            out.writeByte('\n');
            return;
        }
        separate();
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        elementDone();
    }

    private void separate() {
        if (wordWritten) {
            out.writeByte(' ');
        }
        wordWritten = true;
    }

    /** One element of the list is written; the line ends with the outermost list's last element. */
    private void elementDone() {
        while (depth > 0) {
            if (--remaining[depth - 1] > 0) {
                return;
            }
            depth--;
        }
        if (unsafe) {
            unsafe = false;
            out.writerIndex(lineStart);
            error(RedisErrors.LINE_UNSAFE_VALUE);
            return;
        }
        out.writeByte('\n');
    }
}
