package dev.rallypoint.matchmaker.room;

import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rooms by mode and state across all replicas, as gauges: read every few seconds from the
 * counters the room scripts keep, so every replica reports the same numbers.
 */
@ApplicationScoped
class RoomMetrics {

    private static final long REFRESH_MILLIS = 5_000;
    private static final List<String> STATES = List.of("recruiting", "playing", "ended");

    private final ReactiveRedisDataSource redis;
    private final MatchmakerConfig config;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private long timer = -1;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    RoomMetrics(ReactiveRedisDataSource redis, MatchmakerConfig config, MeterRegistry registry, Vertx vertx) {
        this.redis = redis;
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        for (String mode : config.modes().keySet()) {
            for (String state : STATES) {
                gauges.put(mode + " " + state, registry.gauge("rallypoint.matchmaker.rooms",
                        Tags.of("mode", mode, "state", state), new AtomicLong()));
            }
        }
        timer = vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
    }

    // No tick after the stop: it would reach beans that are gone.
    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void refresh() {
        for (String mode : config.modes().keySet()) {
            redis.hash(Long.class).hgetall(RoomKeys.stats(mode)).subscribe().with(
                    counts -> STATES.forEach(state -> gauges.get(mode + " " + state).set(counts.getOrDefault(state, 0L))),
                    failure -> { });
        }
    }
}
