package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Rooms by mode and state across all replicas, as gauges: read every few seconds from the
 * counters the room scripts keep, so every replica reports the same numbers.
 */
@Singleton
class RoomMetrics {

    private static final List<String> STATES = List.of("recruiting", "playing", "ended");

    private final PipelinedRedis redis;
    private final MatchmakerConfig config;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    RoomMetrics(PipelinedRedis redis, MatchmakerConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        for (String mode : config.modes().keySet()) {
            for (String state : STATES) {
                gauges.put(mode + " " + state, registry.gauge("rallypoint.matchmaker.rooms",
                        Tags.of("mode", mode, "state", state), new AtomicLong()));
            }
        }
    }

    // A failed read keeps the last numbers until the next one.
    @Scheduled(every = "5s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return Uni.join().all(config.modes().keySet().stream()
                        .map(mode -> redis.execute(Command.HMGET, RoomKeys.stats(mode), STATES.get(0), STATES.get(1), STATES.get(2))
                                .invoke(counts -> {
                                    for (int i = 0; i < STATES.size(); i++) {
                                        gauges.get(mode + " " + STATES.get(i)).set(counts.get(i) == null ? 0 : counts.get(i).toLong());
                                    }
                                })
                                .replaceWithVoid()
                                .onFailure().recoverWithNull())
                        .toList())
                .andFailFast().replaceWithVoid();
    }
}
