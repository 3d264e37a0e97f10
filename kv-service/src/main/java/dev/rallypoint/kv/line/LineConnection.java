package dev.rallypoint.kv.line;

import dev.rallypoint.kv.auth.Authenticator;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * One line-protocol client: a command a line ({@code \n} or {@code \r\n}), words split by
 * spaces, one plain line back. Replies to the lines of one read go out in one write, once the
 * writes among them are durable; reading pauses while the write queue is full, and while a
 * failed AUTH's reply is held back.
 */
public final class LineConnection {

    private static final byte[] NEWLINE = {'\n'};

    /** How a batch of lines ended. */
    private enum Outcome { MORE, CLOSE, HOLD_BACK }

    private final NetSocket socket;
    private final Vertx vertx;
    private final Store store;
    private final Executor blocking;
    private final Authenticator authenticator;
    private final int maxLine;
    private final String address;
    private boolean authenticated;
    private boolean wrote;
    private boolean busy;
    private boolean delayed;
    // How long to hold back the replies so far: set by a failed AUTH.
    private long delay;
    private Buffer inbox = Buffer.buffer();
    private Buffer pending = Buffer.buffer();
    private Buffer out = Buffer.buffer();

    /** {@code blocking}: where commands run when the store blocks; null to run them on the event loop. */
    public LineConnection(NetSocket socket, Vertx vertx, Store store, Executor blocking, Authenticator authenticator,
                          int maxLine) {
        this.socket = socket;
        this.vertx = vertx;
        this.store = store;
        this.blocking = blocking;
        this.authenticator = authenticator;
        this.maxLine = maxLine;
        this.address = socket.remoteAddress().hostAddress();
        this.authenticated = !authenticator.required();
    }

    public void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> {
            if (!delayed && !busy) {
                socket.resume();
            }
        });
    }

    private void onData(Buffer data) {
        inbox.appendBuffer(data);
        if (!delayed && !busy) {
            runBuffered();
        }
    }

    /** Runs the lines that arrived, on the event loop or on a virtual thread, then sends the replies. */
    private void runBuffered() {
        Buffer input = inbox;
        inbox = Buffer.buffer();
        if (blocking == null) {
            pending.appendBuffer(input);
            finish(runLines());
            return;
        }
        busy = true;
        socket.pause();
        Context context = vertx.getOrCreateContext();
        blocking.execute(() -> {
            pending.appendBuffer(input);
            Outcome outcome = runLines();
            context.runOnContext(v -> {
                busy = false;
                socket.resume();
                finish(outcome);
                if (outcome == Outcome.MORE && inbox.length() > 0) {
                    runBuffered();
                }
            });
        });
    }

    /** Runs every complete line; the replies wait in {@code out}, durable once this returns. */
    private Outcome runLines() {
        Outcome outcome = Outcome.MORE;
        int from = 0;
        for (int i = 0; i < pending.length() && outcome == Outcome.MORE; i++) {
            if (pending.getByte(i) == '\n') {
                if (i - from > maxLine) {
                    reply("ERR " + RespErrors.PROTOCOL_TOO_BIG_INLINE);
                    outcome = Outcome.CLOSE;
                    break;
                }
                int to = i > from && pending.getByte(i - 1) == '\r' ? i - 1 : i;
                if (!execute(pending.getBytes(from, to))) {
                    outcome = Outcome.CLOSE;
                } else if (delay > 0) {
                    outcome = Outcome.HOLD_BACK;
                }
                from = i + 1;
            }
        }
        pending = from == pending.length() ? Buffer.buffer() : pending.getBuffer(from, pending.length());
        if (outcome == Outcome.MORE && pending.length() > maxLine) {
            reply("ERR " + RespErrors.PROTOCOL_TOO_BIG_INLINE);
            outcome = Outcome.CLOSE;
        }
        try {
            if (wrote) {
                wrote = false;
                store.awaitDurable();
            }
        } catch (StoreException e) {
            // The writes could not be made durable: their acknowledgements must not go out.
            out = Buffer.buffer();
            reply("ERR " + e.getMessage());
            return Outcome.CLOSE;
        }
        return outcome;
    }

    private void finish(Outcome outcome) {
        switch (outcome) {
            case CLOSE -> socket.end(take());
            case HOLD_BACK -> holdBack();
            case MORE -> flush();
        }
    }

    /** Sends nothing for a while, then the replies so far, then goes on with the lines sent meanwhile. */
    private void holdBack() {
        long millis = delay;
        delay = 0;
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
        if (out.length() > 0) {
            socket.write(take());
            if (socket.writeQueueFull()) {
                socket.pause();
            }
        }
    }

    private Buffer take() {
        Buffer replies = out;
        out = Buffer.buffer();
        return replies;
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
