package dev.rallypoint.save.document;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import io.smallrye.config.WithDefault;

/** Limits of save documents, under {@code rallypoint.save}. */
@ConfigMapping(prefix = "rallypoint.save")
public interface SaveConfig {

    /** The largest document, in bytes of UTF-8 JSON. */
    @WithDefault("65536")
    int maxDocumentBytes();

    /** The deepest nesting of objects and arrays a document may have. */
    @WithDefault("64")
    int maxDepth();

    /**
     * How long a patch without If-Match keeps retrying after losing races to other replicas'
     * writers, from its arrival. Past it the answer is 503 (nothing changed), never 412: the client
     * set no condition.
     */
    @WithDefault("5s")
    Duration patchPatience();

    Limits limits();

    /** Friendships, requests and blocks one player may have at once (theirs and others'). */
    @WithDefault("500")
    int maxFriends();

    /** Rate limits: a burst at once, then so many a second. Generous: a real player never meets them. */
    interface Limits {
        /** New sessions from one address (a NAT may hide many players), counted on all instances together. */
        @WithDefault("100")
        int sessionsBurst();

        @WithDefault("2")
        double sessionsPerSecond();

        /** Name searches of one player, counted on each instance. */
        @WithDefault("20")
        int searchesBurst();

        @WithDefault("2")
        double searchesPerSecond();
    }
}
