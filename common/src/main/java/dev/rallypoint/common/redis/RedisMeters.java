package dev.rallypoint.common.redis;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redis client meters, each registered once. Two things would register gauges twice, and
 * Micrometer would warn that a gauge "has been already registered":
 * <ul>
 *   <li>Quarkus 3.34 builds each Redis client twice at startup (once for the data sources, once
 *   for the client beans) and keeps the first. The second never connects, but its pool and its
 *   network client would register the first's gauges again ({@code redis.pool.queue.size},
 *   {@code redis.active.connections}). So every build after a client's first gets pool and
 *   metrics names of its own, and their meters go once the service has started. A Quarkus that
 *   builds each client once never calls {@link #customize} twice for a name.</li>
 *   <li>Vert.x makes client metrics for every Redis connection, all under the client's name, and
 *   the services hold several connections (one per event loop, see RedisPipes). Their counters and
 *   timers add up, but the gauges {@code redis.queue.size} and {@code redis.current} would only
 *   ever show the first connection, so they are not registered at all.</li>
 * </ul>
 */
@Singleton
public class RedisMeters implements RedisOptionsCustomizer {

    static final String UNUSED = "-unused-";
    // The tags that name the pool (Vert.x pool metrics) and the client (network metrics).
    private static final List<String> NAME_TAGS = List.of("pool.name", "clientName");
    private static final Set<String> PER_CONNECTION_GAUGES = Set.of("redis.queue.size", "redis.current");

    private final Map<String, AtomicInteger> built = new ConcurrentHashMap<>();

    @Override
    public void customize(String clientName, RedisOptions options) {
        int earlier = built.computeIfAbsent(clientName, name -> new AtomicInteger()).getAndIncrement();
        if (earlier > 0) {
            options.setPoolName(options.getPoolName() + UNUSED + earlier);
            NetClientOptions network = options.getNetClientOptions();
            if (network.getMetricsName() != null && !network.getMetricsName().isEmpty()) {
                network.setMetricsName(network.getMetricsName() + UNUSED + earlier);
            }
        }
    }

    @Produces
    @Singleton
    MeterFilter noGaugesOfOneConnection() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && PER_CONNECTION_GAUGES.contains(id.getName())
                && "redis".equals(id.getTag("clientType")));
    }

    // The clients are built before the application starts: their meters exist by now.
    void removeUnusedMeters(@Observes StartupEvent event) {
        remove(Metrics.globalRegistry);
        Metrics.globalRegistry.getRegistries().forEach(RedisMeters::remove);
    }

    private static void remove(MeterRegistry registry) {
        List<Meter> unused = registry.getMeters().stream().filter(RedisMeters::ofUnusedClient).toList();
        unused.forEach(registry::remove);
    }

    private static boolean ofUnusedClient(Meter meter) {
        return NAME_TAGS.stream().map(meter.getId()::getTag).anyMatch(name -> name != null && name.contains(UNUSED));
    }
}
