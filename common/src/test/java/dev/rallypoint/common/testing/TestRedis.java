package dev.rallypoint.common.testing;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real redis-server (the binary embedded-redis ships) on a loopback port, for tests that
 * also need to stop it and start it again on the same port, with or without an append-only file.
 */
public final class TestRedis {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    // Test servers take ports from here up to the first ephemeral one.
    private static final int LOWEST = 20_000;
    private static final int EPHEMERAL_FROM = ephemeralFrom();

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private RedisServer server;

    private TestRedis(int port, Path dir, boolean appendOnly) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    /** A throwaway Redis: no persistence. */
    public static TestRedis start() {
        return start(false);
    }

    /** With {@code appendOnly}, every write is fsynced to an AOF so that a restart keeps it. */
    public static TestRedis start(boolean appendOnly) {
        try {
            int port = freePort();
            Path dir = dataDir(port);
            // A fresh server: no file left by an earlier run on the same port.
            Files.deleteIfExists(dir.resolve("appendonly.aof"));
            TestRedis redis = new TestRedis(port, dir, appendOnly);
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Redis, not yet started, on the port of the URL a test was given: fault tests
     * {@link #shutdown(int)} the running one and {@link #restart()} this one in its place.
     */
    public static TestRedis at(String url) {
        return at(url, false);
    }

    /** Like {@link #at(String)}; with {@code appendOnly} it reads back what the stopped one wrote. */
    public static TestRedis at(String url, boolean appendOnly) {
        int port = URI.create(url.split(",")[0].trim()).getPort();
        return new TestRedis(port, dataDir(port), appendOnly);
    }

    /** One data directory per port, so that a restart on the port finds the append-only file. */
    private static Path dataDir(int port) {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "rallypoint-redis-" + port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void restart() {
        try {
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dir)
                    .setting("save \"\"")
                    .setting("appendonly " + (appendOnly ? "yes" : "no"))
                    .setting("appendfsync always")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops whatever Redis listens on a loopback port, the way an operator or a crash would. */
    public static void shutdown(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        } catch (IOException e) {
            // The server closing the connection is the answer to SHUTDOWN.
        }
    }

    /**
     * A port nothing listens on now, on the loopback address, never handed out before by this
     * process, and below the kernel's range of ephemeral ports where it can: an outgoing
     * connection takes its local port from that range, and one that took a port handed out here
     * before its server bound it would keep the server from starting.
     */
    public static int freePort() throws IOException {
        int below = EPHEMERAL_FROM - LOWEST;
        for (int attempt = 0; below > 0 && attempt < 1_000; attempt++) {
            int port = LOWEST + ThreadLocalRandom.current().nextInt(below);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first ephemeral port (Linux tells; 32768 is its default), or 0 when nothing lies below it for tests. */
    private static int ephemeralFrom() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
