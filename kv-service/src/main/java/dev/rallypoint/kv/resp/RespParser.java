package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.protocol.InputBuffer;
import dev.rallypoint.kv.protocol.ProtocolException;
import dev.rallypoint.kv.protocol.RedisErrors;

/**
 * Turns one connection's bytes into commands, resumably: bytes arrive in any split and
 * {@link #next()} returns a complete argv or null for "need more", keeping its place in
 * {@code multibulkLength}, {@code bulkLength} and {@code argIndex} like networking.c keeps it on
 * the client. A leading {@code *} means a multibulk request, anything else an inline one.
 */
public final class RespParser extends InputBuffer {

    // Redis 7's limits for a client that has not authenticated (CVE-2021-32675).
    static final int UNAUTHENTICATED_MAX_MULTIBULK = 10;
    static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;

    private final int maxInline;
    private final long maxBulk;
    private final int maxMultibulk;
    private final long maxRequest;


    // Multibulk state: arguments still expected (0: between commands), the current bulk's
    // length (-1: its $ header is not read yet), and the arguments read so far.
    private int multibulkLength;
    private long bulkLength = -1;
    private byte[][] argv;
    private int argIndex;
    // Bytes of the arguments of the current command read so far: with maxRequest, what bounds
    // a request of a million arguments of half a gigabyte each.
    private long requestBytes;

    /** {@code maxRequest}: the most bytes one command's arguments may add up to (Redis's client-query-buffer-limit). */
    public RespParser(int maxInline, long maxBulk, int maxMultibulk, long maxRequest) {
        this.maxInline = maxInline;
        this.maxBulk = maxBulk;
        this.maxMultibulk = maxMultibulk;
        this.maxRequest = maxRequest;
    }

    @Override
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
        int newline = newline(authenticated ? maxInline : Math.min(maxInline, UNAUTHENTICATED_MAX_BULK));
        if (newline < 0) {
            return null;
        }
        byte[][] args = InlineSplitter.split(buf, start, lineEnd(newline));
        if (args == null) {
            throw new ProtocolException(RedisErrors.PROTOCOL_UNBALANCED_QUOTES);
        }
        consume(newline + 1);
        return args;
    }

    private byte[][] multibulk() throws ProtocolException {
        if (multibulkLength == 0) {
            // The "*<count>\r\n" header.
            int cr = headerLine(RedisErrors.PROTOCOL_TOO_BIG_MBULK, RedisErrors.PROTOCOL_MULTIBULK_LENGTH);
            if (cr < 0) {
                return null;
            }
            long count = number(start + 1, cr, RedisErrors.PROTOCOL_MULTIBULK_LENGTH);
            if (count > maxMultibulk) {
                throw new ProtocolException(RedisErrors.PROTOCOL_MULTIBULK_LENGTH);
            }
            if (count > UNAUTHENTICATED_MAX_MULTIBULK && !authenticated) {
                throw new ProtocolException(RedisErrors.PROTOCOL_UNAUTHENTICATED_MBULK);
            }
            consume(cr + 2);
            // "*0", the null array "*-1" and any other count below 1 carry no command: Redis skips them.
            if (count <= 0) {
                return new byte[0][];
            }
            multibulkLength = (int) count;
            argv = new byte[multibulkLength][];
            argIndex = 0;
            requestBytes = 0;
        }
        while (argIndex < multibulkLength) {
            if (bulkLength == -1) {
                // The "$<length>\r\n" header of the next argument.
                int cr = headerLine(RedisErrors.PROTOCOL_TOO_BIG_BULK, RedisErrors.PROTOCOL_BULK_LENGTH);
                if (cr < 0) {
                    return null;
                }
                if (buf[start] != '$') {
                    throw new ProtocolException(RedisErrors.protocolExpectedDollar(buf[start]));
                }
                long length = number(start + 1, cr, RedisErrors.PROTOCOL_BULK_LENGTH);
                if (length < 0 || length > maxBulk) {
                    throw new ProtocolException(RedisErrors.PROTOCOL_BULK_LENGTH);
                }
                if (length > UNAUTHENTICATED_MAX_BULK && !authenticated) {
                    throw new ProtocolException(RedisErrors.PROTOCOL_UNAUTHENTICATED_BULK);
                }
                requestBytes += length;
                if (requestBytes > maxRequest) {
                    throw new ProtocolException(RedisErrors.PROTOCOL_TOO_BIG_REQUEST);
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
                throw new ProtocolException(RedisErrors.PROTOCOL_BULK_LENGTH);
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
     * A length in buf[from, to): digits with an optional minus and without leading zeros, as
     * Redis's string2ll reads them. Parsed in place: this runs for every argument of every command.
     */
    private long number(int from, int to, String error) throws ProtocolException {
        boolean negative = to - from > 1 && buf[from] == '-';
        if (negative) {
            from++;
        }
        int len = to - from;
        if (len == 0 || len > 18 || (buf[from] == '0' && (len > 1 || negative))) {
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
        return negative ? -v : v;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
