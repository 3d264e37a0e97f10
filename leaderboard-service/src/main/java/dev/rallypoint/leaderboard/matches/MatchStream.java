package dev.rallypoint.leaderboard.matches;

import dev.rallypoint.common.problem.RedisUnavailable;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the {@code matches} stream in one consumer group, on a thread of its own, and hands each
 * entry to a handler that must be idempotent by matchId.
 * <p>
 * Order per entry: handle, then XACK. A crash in between leaves the entry pending; this or
 * another replica claims it after {@code claim-idle}, and handling it again changes nothing.
 */
public final class MatchStream {

    /** What to do with one entry: its stream id and fields. */
    public interface Handler {
        void handle(String entryId, Map<String, String> fields);
    }

    private static final Logger LOG = Logger.getLogger(MatchStream.class);
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final int BATCH = 100;

    private final StreamCommands<String, String, String> streams;
    private final LeaderboardConfig.Matches config;
    private final String group;
    private final Handler handler;
    private final String consumer;
    private volatile boolean running;
    private Thread worker;

    public MatchStream(RedisDataSource redis, LeaderboardConfig.Matches config, String group, Handler handler) {
        this.streams = redis.stream(String.class);
        this.config = config;
        this.group = group;
        this.handler = handler;
        this.consumer = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void start() {
        running = true;
        worker = Thread.ofPlatform().name(group).daemon().start(this::loop);
    }

    public void stop() throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(BLOCK.multipliedBy(3).toMillis());
        }
    }

    private void loop() {
        boolean grouped = false;
        boolean failing = false;
        while (running) {
            try {
                if (!grouped) {
                    createGroup();
                    grouped = true;
                }
                claimAbandoned();
                handle(streams.xreadgroup(group, consumer, config.stream(), ">",
                        new XReadGroupArgs().count(BATCH).block(BLOCK)));
                if (failing) {
                    LOG.infof("Reading %s for %s again", config.stream(), group);
                    failing = false;
                }
            } catch (RuntimeException e) {
                // A Redis that came back empty has lost the group too (NOGROUP): create it again.
                grouped = false;
                if (!failing) {
                    LOG.warnf("Cannot read %s for %s, retrying: %s", config.stream(), group, e.toString());
                    failing = true;
                }
                pause();
            }
        }
    }

    /** The group starts at the stream's beginning: matches finished before the first start count too. */
    private void createGroup() {
        try {
            streams.xgroupCreate(config.stream(), group, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void claimAbandoned() {
        String cursor = "0-0";
        do {
            var claimed = streams.xautoclaim(config.stream(), group, consumer, config.claimIdle(), cursor, BATCH);
            handle(claimed.getMessages());
            cursor = claimed.getId();
        } while (!"0-0".equals(cursor) && running);
    }

    /**
     * Handles each entry, then acknowledges it. While Redis is away the batch stops, to be read
     * again; an entry that fails otherwise stays pending (claimed again after claim-idle) and
     * does not hold up the entries after it.
     */
    private void handle(List<StreamMessage<String, String, String>> messages) {
        for (StreamMessage<String, String, String> message : messages) {
            try {
                handler.handle(message.id(), message.payload());
            } catch (RuntimeException e) {
                if (RedisUnavailable.is(e)) {
                    throw e;
                }
                LOG.warnf("Match entry %s not handled for %s, left pending: %s", message.id(), group, e.toString());
                continue;
            }
            streams.xack(config.stream(), group, message.id());
        }
    }

    private void pause() {
        try {
            Thread.sleep(BLOCK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "leaderboard";
        }
    }
}
