package dev.rallypoint.kv;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.OptionalInt;

/** kv-service settings; every default lives here. */
@ConfigMapping(prefix = "kv")
public interface KvConfig {

    /** The address both TCP ports listen on. */
    @WithDefault("127.0.0.1")
    String bind();

    Resp resp();

    Line line();

    /** Where keys live: {@code memory} (in this process). */
    @WithDefault("memory")
    String store();

    /** Connections over both ports beyond which new ones are refused, like Redis's maxclients. */
    @WithDefault("10000")
    int maxClients();

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
