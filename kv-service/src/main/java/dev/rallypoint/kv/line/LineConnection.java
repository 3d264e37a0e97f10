package dev.rallypoint.kv.line;

import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.MemoryStore;
import dev.rallypoint.kv.store.MemoryStore.Condition;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line-protocol client: a command a line ({@code \n} or {@code \r\n}), words split by
 * spaces, one plain line back. Replies to the lines of one read go out in one write; reading
 * pauses while the write queue is full.
 */
public final class LineConnection {

    private static final byte[] NEWLINE = {'\n'};

    private final NetSocket socket;
    private final MemoryStore store;
    private final int maxLine;
    private Buffer pending = Buffer.buffer();
    private Buffer out = Buffer.buffer();

    public LineConnection(NetSocket socket, MemoryStore store, int maxLine) {
        this.socket = socket;
        this.store = store;
        this.maxLine = maxLine;
    }

    public void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> socket.resume());
    }

    private void onData(Buffer data) {
        pending.appendBuffer(data);
        int from = 0;
        for (int i = 0; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n') {
                if (i - from > maxLine) {
                    tooLong();
                    return;
                }
                int to = i > from && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                if (!execute(pending.getBytes(from, to))) {
                    socket.end(out);
                    return;
                }
                from = i + 1;
            }
        }
        pending = from == pending.length() ? Buffer.buffer() : pending.getBuffer(from, pending.length());
        if (pending.length() > maxLine) {
            tooLong();
            return;
        }
        if (out.length() > 0) {
            socket.write(out);
            out = Buffer.buffer();
            if (socket.writeQueueFull()) {
                socket.pause();
            }
        }
    }

    private void tooLong() {
        reply("ERR " + RespErrors.PROTOCOL_TOO_BIG_INLINE);
        socket.end(out);
    }

    /** Runs one line; false when the client asked to close. */
    private boolean execute(byte[] line) {
        List<byte[]> words = words(line);
        if (words.isEmpty()) {
            return true;
        }
        String command = new String(words.get(0), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        int arity = switch (command) {
            case "GET", "DEL", "INCR" -> 2;
            case "SET" -> 3;
            case "QUIT", "STOP" -> 1;
            default -> 0;
        };
        if (arity == 0) {
            reply("ERR unknown command");
            return true;
        }
        if (words.size() != arity) {
            reply("ERR " + RespErrors.wrongArity(command.toLowerCase(Locale.ROOT)));
            return true;
        }
        Key key = arity > 1 ? new Key(words.get(1)) : null;
        try {
            switch (command) {
                case "GET" -> {
                    byte[] value = store.get(key);
                    out.appendBytes(value == null ? new byte[0] : value).appendBytes(NEWLINE);
                }
                case "SET" -> {
                    store.set(key, words.get(2), Condition.ALWAYS, 0, false);
                    reply("OK");
                }
                case "DEL" -> reply(Integer.toString(store.del(new Key[] {key})));
                case "INCR" -> reply(Long.toString(store.incrBy(key, 1)));
                default -> {
                    return false;
                }
            }
        } catch (StoreException e) {
            reply("ERR " + e.getMessage());
        }
        return true;
    }

    private void reply(String line) {
        out.appendString(line).appendBytes(NEWLINE);
    }

    private static List<byte[]> words(byte[] line) {
        List<byte[]> words = new ArrayList<>(3);
        int i = 0;
        while (i < line.length) {
            while (i < line.length && line[i] == ' ') {
                i++;
            }
            int start = i;
            while (i < line.length && line[i] != ' ') {
                i++;
            }
            if (i > start) {
                byte[] w = new byte[i - start];
                System.arraycopy(line, start, w, 0, w.length);
                words.add(w);
            }
        }
        return words;
    }
}
