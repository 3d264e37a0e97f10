package dev.rallypoint.kv.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * The bytes a connection has received and a parser has not consumed yet: {@code buf[start, end)}.
 * Room for more is made by moving the unread bytes to the front, then by growing.
 */
public abstract class InputBuffer implements Parser {

    protected byte[] buf = new byte[4096];
    protected int start;
    protected int end;
    // Where the search for the next newline resumes: the unread bytes before it hold none, so a
    // long line arriving a byte at a time is not searched again from its start every time.
    private int scanned;
    // Whether the client has authenticated: until it has, parsers take only small requests.
    protected boolean authenticated = true;

    @Override
    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    @Override
    public void feed(Buffer data) {
        int n = data.length();
        ensureRoom(n);
        data.getBytes(0, n, buf, end);
        end += n;
    }

    /**
     * The index of the \n that ends the line at {@code start}, or -1 while it has not arrived. A
     * line longer than {@code limit} bytes is Redis's "too big inline request".
     */
    protected int newline(int limit) throws ProtocolException {
        for (int i = Math.max(scanned, start); i < end; i++) {
            if (buf[i] == '\n') {
                if (i - start > limit) {
                    throw new ProtocolException(RedisErrors.PROTOCOL_TOO_BIG_INLINE);
                }
                return i;
            }
        }
        scanned = end;
        if (end - start > limit) {
            throw new ProtocolException(RedisErrors.PROTOCOL_TOO_BIG_INLINE);
        }
        return -1;
    }

    /** Where the line ending at {@code newline} ends without its line end: \r\n and a bare \n alike. */
    protected int lineEnd(int newline) {
        return newline > start && buf[newline - 1] == '\r' ? newline - 1 : newline;
    }

    /** Everything before {@code newStart} is read. */
    protected void consume(int newStart) {
        start = newStart;
        if (start == end) {
            moved(start);
            start = 0;
            end = 0;
        }
    }

    private void moved(int by) {
        scanned = Math.max(0, scanned - by);
    }

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
        moved(start);
        start = 0;
        end = unread;
    }
}
