package dev.rallypoint.kv;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** kv-service settings; every default lives here. */
@ConfigMapping(prefix = "kv")
public interface KvConfig {

    /** The address both TCP ports listen on. */
    @WithDefault("127.0.0.1")
    String bind();

    Resp resp();

    Line line();

    /** Where keys live: {@code memory} (in this process, with an append-only file) or {@code redis}. */
    @WithDefault("memory")
    String store();

    Aof aof();

    Redis redis();

    /** The password clients must AUTH with, like Redis's requirepass; unset: no AUTH. */
    Optional<String> password();

    /** A file holding the password (a mounted secret), used when {@code kv.password} is unset. */
    Optional<Path> passwordFile();

    /** Connections over both ports beyond which new ones are refused, like Redis's maxclients. */
    @WithDefault("10000")
    int maxClients();

    /**
     * Connections from one IP address beyond which new ones from it are refused, so that one
     * address cannot take every slot.
     */
    @WithDefault("1000")
    int maxClientsPerAddress();

    /** How long a client may stay connected without authenticating, when a password is set. */
    @WithDefault("10s")
    java.time.Duration authTimeout();

    /** How long a client may leave its replies unread (its write queue full) before it is closed. */
    @WithDefault("60s")
    java.time.Duration outputTimeout();

    /**
     * The largest reply one command may build, in bytes; past it the command gets an error. A
     * reply that is a single value is exempt: it is held by the store already.
     */
    @WithDefault("67108864")
    long maxReplyBytes();

    /** The most bytes the arguments of one RESP command may add up to (Redis's client-query-buffer-limit). */
    @WithDefault("1073741824")
    long maxRequestBytes();

    /** The longest inline command or line-protocol line, in bytes. */
    @WithDefault("65536")
    int maxInline();

    /** The longest RESP bulk string, in bytes (Redis's proto-max-bulk-len). */
    @WithDefault("536870912")
    long maxBulk();

    /** The most arguments one RESP command may declare. */
    @WithDefault("1048576")
    int maxMultibulk();

    /** Listener instances per port, one per event loop; unset: one per core. */
    OptionalInt ioThreads();

    interface Aof {
        /** Whether the memory store keeps an append-only file at all. */
        @WithDefault("true")
        boolean enabled();

        /** {@code always}, {@code everysec} or {@code no}, as Redis's appendfsync. */
        @WithDefault("everysec")
        String fsync();

        /** The directory of {@code appendonly.aof}. */
        @WithDefault("kv-data")
        Path dir();

        /** Compact when the file has grown by this percentage since the last compaction... */
        @WithDefault("100")
        int rewritePercentage();

        /** ...and is at least this many bytes. */
        @WithDefault("67108864")
        long rewriteMinSize();
    }

    interface Redis {
        /** The prefix of every key the redis store writes. */
        @WithDefault("kv:")
        String prefix();

        /** How long a command waits for Redis before it fails with ERR. */
        @WithDefault("2s")
        java.time.Duration timeout();
    }

    interface Resp {
        /** RESP2 and inline commands; 0 picks a free port. */
        @WithDefault("7379")
        int port();
    }

    interface Line {
        /** The line protocol; 0 picks a free port. */
        @WithDefault("7380")
        int port();
    }
}
