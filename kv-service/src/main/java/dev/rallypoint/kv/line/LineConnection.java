package dev.rallypoint.kv.line;

import dev.rallypoint.kv.auth.Authenticator;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line-protocol client: a command a line ({@code \n} or {@code \r\n}), words split by
 * spaces, one plain line back. Replies to the lines of one read go out in one write, once the
 * writes among them are durable; reading pauses while the write queue is full, and while a
 * failed AUTH's reply is held back.
 */
public final class LineConnection {

    private static final byte[] NEWLINE = {'\n'};

    private final NetSocket socket;
    private final Vertx vertx;
    private final Store store;
    private final Authenticator authenticator;
    private final int maxLine;
    private final String address;
    private boolean authenticated;
    private boolean wrote;
    private boolean delayed;
    // How long to hold back the replies so far: set by a failed AUTH.
    private long delay;
    private Buffer pending = Buffer.buffer();
    private Buffer out = Buffer.buffer();

    public LineConnection(NetSocket socket, Vertx vertx, Store store, Authenticator authenticator, int maxLine) {
        this.socket = socket;
        this.vertx = vertx;
        this.store = store;
        this.authenticator = authenticator;
        this.maxLine = maxLine;
        this.address = socket.remoteAddress().hostAddress();
        this.authenticated = !authenticator.required();
    }

    public void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> {
            if (!delayed) {
                socket.resume();
            }
        });
    }

    private void onData(Buffer data) {
        pending.appendBuffer(data);
        if (!delayed) {
            runBuffered();
        }
    }

    private void runBuffered() {
        int from = 0;
        for (int i = 0; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n') {
                if (i - from > maxLine) {
                    tooLong();
                    return;
                }
                int to = i > from && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                long delay;
                try {
                    if (!execute(pending.getBytes(from, to))) {
                        socket.end(durableReplies());
                        return;
                    }
                    delay = this.delay;
                    this.delay = 0;
                } catch (StoreException e) {
                    failDurability(e);
                    return;
                }
                from = i + 1;
                if (delay > 0) {
                    pending = pending.getBuffer(from, pending.length());
                    holdBack(delay);
                    return;
                }
            }
        }
        pending = from == pending.length() ? Buffer.buffer() : pending.getBuffer(from, pending.length());
        if (pending.length() > maxLine) {
            tooLong();
            return;
        }
        flush();
    }

    /** Sends nothing for a while, then the replies so far, then goes on with the lines sent meanwhile. */
    private void holdBack(long millis) {
        delayed = true;
        socket.pause();
        vertx.setTimer(millis, id -> {
            delayed = false;
            socket.resume();
            flush();
            runBuffered();
        });
    }

    private void flush() {
        if (out.length() == 0) {
            return;
        }
        Buffer replies;
        try {
            replies = durableReplies();
        } catch (StoreException e) {
            failDurability(e);
            return;
        }
        socket.write(replies);
        if (socket.writeQueueFull()) {
            socket.pause();
        }
    }

    /** The replies so far, once the writes they acknowledge are as durable as the store promises. */
    private Buffer durableReplies() {
        if (wrote) {
            wrote = false;
            store.awaitDurable();
        }
        Buffer replies = out;
        out = Buffer.buffer();
        return replies;
    }

    /** The writes could not be made durable: their acknowledgements must not go out. */
    private void failDurability(StoreException e) {
        out = Buffer.buffer();
        reply("ERR " + e.getMessage());
        socket.end(out);
    }

    private void tooLong() {
        reply("ERR " + RespErrors.PROTOCOL_TOO_BIG_INLINE);
        try {
            socket.end(durableReplies());
        } catch (StoreException e) {
            failDurability(e);
        }
    }

    /** Runs one line; false when the client asked to close. */
    private boolean execute(byte[] line) {
        List<byte[]> words = words(line);
        if (words.isEmpty()) {
            return true;
        }
        String command = new String(words.get(0), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        int arity = switch (command) {
            case "GET", "DEL", "INCR", "AUTH" -> 2;
            case "SET" -> 3;
            case "QUIT", "STOP" -> 1;
            default -> 0;
        };
        if (arity == 0) {
            reply("ERR unknown command");
            return true;
        }
        if (!authenticated && arity != 1 && !command.equals("AUTH")) {
            reply(RespErrors.NOAUTH);
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
                    wrote = true;
                    store.set(key, words.get(2), Condition.ALWAYS, 0, false);
                    reply("OK");
                }
                case "DEL" -> {
                    wrote = true;
                    reply(Integer.toString(store.del(new Key[] {key})));
                }
                case "INCR" -> {
                    wrote = true;
                    reply(Long.toString(store.incrBy(key, 1)));
                }
                case "AUTH" -> auth(words.get(1));
                default -> {
                    return false;
                }
            }
        } catch (StoreException e) {
            reply("ERR " + e.getMessage());
        }
        return true;
    }

    // AUTH password
    private void auth(byte[] password) {
        if (!authenticator.required()) {
            reply("ERR " + RespErrors.NO_PASSWORD);
            return;
        }
        Authenticator.Verdict verdict = authenticator.check(null, password, address);
        delay = verdict.delayMillis();
        if (verdict.passed()) {
            authenticated = true;
            reply("OK");
        } else {
            reply(RespErrors.WRONGPASS);
        }
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
