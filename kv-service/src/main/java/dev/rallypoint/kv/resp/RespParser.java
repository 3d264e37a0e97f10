package dev.rallypoint.kv.resp;

import io.vertx.core.buffer.Buffer;

/**
 * Turns one connection's bytes into commands, resumably: bytes arrive in any split and
 * {@link #next()} returns a complete argv or null for "need more", keeping its place in
 * {@code multibulkLength}, {@code bulkLength} and {@code argIndex} like networking.c keeps it on
 * the client. A leading {@code *} means a multibulk request, anything else an inline one.
 */
public final class RespParser {

    private final int maxInline;
    private final long maxBulk;
    private final int maxMultibulk;

    private byte[] buf = new byte[4096];
    private int start;
    private int end;

    // Multibulk state: arguments still expected (0: between commands), the current bulk's
    // length (-1: its $ header is not read yet), and the arguments read so far.
    private int multibulkLength;
    private long bulkLength = -1;
    private byte[][] argv;
    private int argIndex;

    public RespParser(int maxInline, long maxBulk, int maxMultibulk) {
        this.maxInline = maxInline;
        this.maxBulk = maxBulk;
        this.maxMultibulk = maxMultibulk;
    }

    public void feed(Buffer data) {
        int n = data.length();
        ensureRoom(n);
        data.getBytes(0, n, buf, end);
        end += n;
    }

    /** The next complete command, or null when more bytes are needed. */
    public byte[][] next() throws ProtocolException {
        while (true) {
            if (multibulkLength == 0 && start == end) {
                return null;
            }
            byte[][] command = multibulkLength > 0 || buf[start] == '*' ? multibulk() : inline();
            if (command == null) {
                return null;
            }
            // Empty lines and "*0" are skipped, as Redis does.
            if (command.length > 0) {
                return command;
            }
        }
    }

    private byte[][] inline() throws ProtocolException {
        int newline = indexOf((byte) '\n', start, end);
        if (newline < 0) {
            if (end - start > maxInline) {
                throw new ProtocolException(RespErrors.PROTOCOL_TOO_BIG_INLINE);
            }
            return null;
        }
        if (newline - start > maxInline) {
            throw new ProtocolException(RespErrors.PROTOCOL_TOO_BIG_INLINE);
        }
        // Handle the \r\n and the bare \n line ends alike.
        int lineEnd = newline > start && buf[newline - 1] == '\r' ? newline - 1 : newline;
        byte[][] args = InlineSplitter.split(buf, start, lineEnd);
        if (args == null) {
            throw new ProtocolException(RespErrors.PROTOCOL_UNBALANCED_QUOTES);
        }
        consume(newline + 1);
        return args;
    }

    private byte[][] multibulk() throws ProtocolException {
        if (multibulkLength == 0) {
            // The "*<count>\r\n" header.
            int cr = headerLine(RespErrors.PROTOCOL_TOO_BIG_MBULK, RespErrors.PROTOCOL_MULTIBULK_LENGTH);
            if (cr < 0) {
                return null;
            }
            long count = number(start + 1, cr, RespErrors.PROTOCOL_MULTIBULK_LENGTH);
            consume(cr + 2);
            // "*0" and the null array "*-1" carry no command; any other negative count is garbage.
            if (count == 0 || count == -1) {
                return new byte[0][];
            }
            if (count < 0 || count > maxMultibulk) {
                throw new ProtocolException(RespErrors.PROTOCOL_MULTIBULK_LENGTH);
            }
            multibulkLength = (int) count;
            argv = new byte[multibulkLength][];
            argIndex = 0;
        }
        while (argIndex < multibulkLength) {
            if (bulkLength == -1) {
                // The "$<length>\r\n" header of the next argument.
                int cr = headerLine(RespErrors.PROTOCOL_TOO_BIG_BULK, RespErrors.PROTOCOL_BULK_LENGTH);
                if (cr < 0) {
                    return null;
                }
                if (buf[start] != '$') {
                    throw new ProtocolException(RespErrors.protocolExpectedDollar(buf[start]));
                }
                long length = number(start + 1, cr, RespErrors.PROTOCOL_BULK_LENGTH);
                if (length < 0 || length > maxBulk) {
                    throw new ProtocolException(RespErrors.PROTOCOL_BULK_LENGTH);
                }
                consume(cr + 2);
                bulkLength = length;
            }
            // Not enough data (+2 == trailing \r\n).
            // feed() grows the buffer as bytes come: a large declared length reserves nothing.
            if (end - start < bulkLength + 2) {
                return null;
            }
            int len = (int) bulkLength;
            if (buf[start + len] != '\r' || buf[start + len + 1] != '\n') {
                // The data does not end where its length says.
                throw new ProtocolException(RespErrors.PROTOCOL_BULK_LENGTH);
            }
            byte[] arg = new byte[len];
            System.arraycopy(buf, start, arg, 0, len);
            argv[argIndex++] = arg;
            consume(start + len + 2);
            bulkLength = -1;
        }
        byte[][] command = argv;
        multibulkLength = 0;
        argv = null;
        return command;
    }

    /**
     * The index of the \r ending the header line at {@code start}, or -1 for need more. A line
     * that ends in a bare \n, or a \r followed by anything but \n, is malformed.
     */
    private int headerLine(String tooBig, String malformed) throws ProtocolException {
        int cr = indexOf((byte) '\r', start, end);
        if (cr < 0) {
            if (indexOf((byte) '\n', start, end) >= 0) {
                throw new ProtocolException(malformed);
            }
            if (end - start > maxInline) {
                throw new ProtocolException(tooBig);
            }
            return -1;
        }
        if (cr + 1 == end) {
            return -1;
        }
        if (buf[cr + 1] != '\n') {
            throw new ProtocolException(malformed);
        }
        return cr;
    }

    /**
     * A length in buf[from, to): "-1" or digits without a sign or leading zeros, as Redis's
     * string2ll reads them. Parsed in place: this runs for every argument of every command.
     */
    private long number(int from, int to, String error) throws ProtocolException {
        int len = to - from;
        if (len == 2 && buf[from] == '-' && buf[from + 1] == '1') {
            return -1;
        }
        if (len == 0 || len > 18 || (buf[from] == '0' && len > 1)) {
            // 18 digits are far beyond any limit; a longer or signed number is not a length.
            throw new ProtocolException(error);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException(error);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void consume(int newStart) {
        start = newStart;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Makes room for n more bytes: first by moving unread bytes to the front, then by growing. */
    private void ensureRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int unread = end - start;
        if (buf.length - unread >= n) {
            System.arraycopy(buf, start, buf, 0, unread);
        } else {
            long wanted = Math.max((long) buf.length * 2, (long) unread + n);
            byte[] bigger = new byte[(int) Math.min(wanted, Integer.MAX_VALUE - 16)];
            System.arraycopy(buf, start, bigger, 0, unread);
            buf = bigger;
        }
        start = 0;
        end = unread;
    }
}
