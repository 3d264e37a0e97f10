package dev.rallypoint.kv.store;

import dev.rallypoint.redis.Silence;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One event loop's own connection to Redis, for the forwarded commands of all the clients on that
 * loop. The commands sent in one turn of the loop leave in one write, so Redis reads and answers
 * them together; each reply goes back as the raw bytes Redis sent, in order, never decoded. The
 * link opens on first use and again after it breaks, and a Redis that stays silent past the timeout
 * while commands wait counts as broken (see {@link Silence}), so no command waits forever, while a
 * long burst that Redis keeps answering is never cut short. Only touched on its event loop.
 */
public final class RedisLink {

    /** Where to connect, and the commands that open a connection (AUTH, SELECT). */
    public record Target(String host, int port, List<byte[][]> hello) {

        /** A plain {@code redis://[[user]:password@]host[:port][/db]} URL, or null for any other (TLS, a socket path). */
        public static Target parse(String url) {
            URI uri = URI.create(url.trim());
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                return null;
            }
            List<byte[][]> hello = new ArrayList<>();
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
                String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
                hello.add(user.isEmpty() ? args("AUTH", password) : args("AUTH", user, password));
            }
            String path = uri.getPath();
            if (path != null && path.length() > 1) {
                hello.add(args("SELECT", path.substring(1)));
            }
            return new Target(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), hello);
        }

        /** Percent-decoding only: a '+' in a password is a '+'. */
        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static byte[][] args(String... words) {
            byte[][] argv = new byte[words.length][];
            for (int i = 0; i < words.length; i++) {
                argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
            }
            return argv;
        }
    }

    private record Waiting(Consumer<Buffer> reply) {
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final Consumer<Buffer> HELLO_REPLY = reply -> { };

    private final Vertx vertx;
    private final NetClient net;
    private final Target target;
    private final Silence silence;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private NetSocket socket;
    private boolean connecting;
    private Buffer outgoing = Buffer.buffer();
    private boolean flushQueued;
    private Buffer incoming = Buffer.buffer();
    private int readFrom;
    private long timer = -1;

    RedisLink(Vertx vertx, Target target, long timeoutMillis) {
        this.vertx = vertx;
        this.net = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout((int) timeoutMillis));
        this.target = target;
        this.silence = new Silence(timeoutMillis);
    }

    /** Sends a command; {@code reply} gets Redis's reply, or an ERR reply when Redis did not give one. */
    void send(byte[][] argv, Consumer<Buffer> reply) {
        encode(argv, outgoing);
        if (waiting.isEmpty()) {
            silence.waitingFrom(System.nanoTime());
        }
        waiting.add(new Waiting(reply));
        if (timer == -1) {
            timer = vertx.setPeriodic(silence.tickMillis(), id -> checkAnswered());
        }
        if (socket != null) {
            queueFlush();
        } else if (!connecting) {
            connect();
        }
    }

    private void connect() {
        connecting = true;
        net.connect(target.port(), target.host()).onComplete(result -> {
            connecting = false;
            if (result.failed()) {
                failAll("Redis unavailable: " + result.cause().getMessage());
                return;
            }
            NetSocket opened = result.result();
            opened.handler(this::onData);
            opened.closeHandler(v -> broken(opened, "connection closed"));
            opened.exceptionHandler(e -> broken(opened, e.getMessage()));
            socket = opened;
            incoming = Buffer.buffer();
            readFrom = 0;
            // The opening commands go first, and their replies come first.
            Buffer first = Buffer.buffer();
            for (int i = target.hello().size() - 1; i >= 0; i--) {
                waiting.addFirst(new Waiting(HELLO_REPLY));
            }
            for (byte[][] hello : target.hello()) {
                encode(hello, first);
            }
            opened.write(first.appendBuffer(outgoing));
            outgoing = Buffer.buffer();
        });
    }

    private void queueFlush() {
        if (!flushQueued) {
            flushQueued = true;
            vertx.getOrCreateContext().runOnContext(v -> {
                flushQueued = false;
                if (socket != null && outgoing.length() > 0) {
                    socket.write(outgoing);
                    outgoing = Buffer.buffer();
                }
            });
        }
    }

    private void onData(Buffer data) {
        // Any bytes count as an answer: a large reply still arriving is Redis at work.
        silence.heard();
        incoming.appendBuffer(data);
        int at = readFrom;
        int end;
        while ((end = replyEnd(incoming, at)) > 0) {
            Waiting first = waiting.poll();
            if (first == null) {
                broken(socket, "a reply nobody asked for");
                return;
            }
            if (first.reply() == HELLO_REPLY && incoming.getByte(at) == '-') {
                broken(socket, incoming.getString(at + 1, end - 2));
                return;
            }
            first.reply().accept(incoming.getBuffer(at, end));
            at = end;
        }
        if (end == -2) {
            broken(socket, "a reply that is not RESP2");
            return;
        }
        if (at == incoming.length()) {
            incoming = Buffer.buffer();
            readFrom = 0;
        } else if (at > incoming.length() / 2) {
            incoming = incoming.getBuffer(at, incoming.length());
            readFrom = 0;
        } else {
            readFrom = at;
        }
    }

    /** Redis stayed silent past the timeout while commands waited: it is as good as gone for this link. */
    private void checkAnswered() {
        if (!silence.stalled(!waiting.isEmpty(), System.nanoTime())) {
            if (waiting.isEmpty()) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            return;
        }
        NetSocket stuck = socket;
        socket = null;
        failAll("Redis unavailable: no answer within " + silence.limitMillis() + " ms");
        if (stuck != null) {
            stuck.close();
        }
    }

    private void broken(NetSocket which, String why) {
        if (which != socket) {
            return;
        }
        socket = null;
        failAll("Redis unavailable: " + why);
        which.close();
    }

    private void failAll(String text) {
        Buffer error = Buffer.buffer("-ERR " + text.replace('\r', ' ').replace('\n', ' ') + "\r\n");
        Waiting next;
        while ((next = waiting.poll()) != null) {
            next.reply().accept(error.copy());
        }
        outgoing = Buffer.buffer();
    }

    private static void encode(byte[][] argv, Buffer out) {
        out.appendByte((byte) '*').appendString(Integer.toString(argv.length)).appendBytes(CRLF);
        for (byte[] arg : argv) {
            out.appendByte((byte) '$').appendString(Integer.toString(arg.length)).appendBytes(CRLF).appendBytes(arg).appendBytes(CRLF);
        }
    }

    /**
     * Where the RESP2 reply starting at {@code at} ends: -1 while it is incomplete, -2 when it is
     * not RESP2. Nested arrays are walked with a count of the elements still expected.
     */
    static int replyEnd(Buffer in, int at) {
        int expected = 1;
        int pos = at;
        while (expected > 0) {
            if (pos >= in.length()) {
                return -1;
            }
            int cr = lineEnd(in, pos);
            if (cr < 0) {
                return -1;
            }
            byte type = in.getByte(pos);
            expected--;
            long number;
            try {
                number = type == '$' || type == '*' ? Long.parseLong(in.getString(pos + 1, cr)) : 0;
            } catch (NumberFormatException e) {
                return -2;
            }
            switch (type) {
                case '+', '-', ':' -> pos = cr + 2;
                case '$' -> {
                    pos = cr + 2;
                    if (number >= 0) {
                        if (pos + number + 2 > in.length()) {
                            return -1;
                        }
                        pos += (int) number + 2;
                    }
                }
                case '*' -> {
                    pos = cr + 2;
                    if (number > 0) {
                        expected += (int) number;
                    }
                }
                default -> {
                    return -2;
                }
            }
        }
        return pos;
    }

    /** The index of the \r of the line starting at {@code from}, or -1 if its \r\n has not arrived. */
    private static int lineEnd(Buffer in, int from) {
        for (int i = from; i + 1 < in.length(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
