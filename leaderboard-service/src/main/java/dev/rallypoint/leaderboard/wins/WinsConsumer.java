package dev.rallypoint.leaderboard.wins;

import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Reads the {@code matches} stream in a consumer group and counts each winner once.
 * <p>
 * Order per entry: count (idempotent by matchId), then XACK. A crash in between leaves the
 * entry pending; this or another replica claims it after {@code claim-idle} and counting it
 * again changes nothing.
 */
@ApplicationScoped
public class WinsConsumer {

    private static final Logger LOG = Logger.getLogger(WinsConsumer.class);
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final int BATCH = 100;

    private final StreamCommands<String, String, String> streams;
    private final WinCounter counter;
    private final LeaderboardConfig.Wins config;
    private final String consumer;
    private volatile boolean running;
    private Thread worker;

    WinsConsumer(RedisDataSource redis, WinCounter counter, LeaderboardConfig config) {
        this.streams = redis.stream(String.class);
        this.counter = counter;
        this.config = config.wins();
        this.consumer = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("wins-consumer").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
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
                handle(streams.xreadgroup(config.group(), consumer, config.stream(), ">",
                        new XReadGroupArgs().count(BATCH).block(BLOCK)));
                if (failing) {
                    LOG.info("Counting wins again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                // A Redis that came back empty has lost the group too (NOGROUP): create it again.
                grouped = false;
                if (!failing) {
                    LOG.warnf("Cannot read %s, retrying: %s", config.stream(), e.toString());
                    failing = true;
                }
                pause();
            }
        }
    }

    /** The group starts at the stream's beginning: matches finished before the first start count too. */
    private void createGroup() {
        try {
            streams.xgroupCreate(config.stream(), config.group(), "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void claimAbandoned() {
        String cursor = "0-0";
        do {
            var claimed = streams.xautoclaim(config.stream(), config.group(), consumer, config.claimIdle(), cursor, BATCH);
            handle(claimed.getMessages());
            cursor = claimed.getId();
        } while (!"0-0".equals(cursor) && running);
    }

    private void handle(List<StreamMessage<String, String, String>> messages) {
        for (StreamMessage<String, String, String> message : messages) {
            counter.count(message.id(), message.payload());
            streams.xack(config.stream(), config.group(), message.id());
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
