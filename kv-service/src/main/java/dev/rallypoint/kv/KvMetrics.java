package dev.rallypoint.kv;

import dev.rallypoint.kv.command.CommandSpec;
import dev.rallypoint.kv.store.MemoryStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.LongAdder;

/**
 * Prometheus metrics: open connections, keys and bytes held (memory store), and commands run by
 * command (a counter, so {@code rate(kv_commands_total[1m])} gives commands per second).
 */
@ApplicationScoped
public class KvMetrics {

    /**
     * Vert.x makes client metrics for every connection of the redis store's client, all under one
     * name: their counters and timers add up, but the gauges ({@code queue.size}, {@code current})
     * would only ever show the first connection, and Micrometer would warn that they "have been
     * already registered" for the second. So they are not registered.
     */
    @Produces
    @Singleton
    MeterFilter noGaugesOfOneRedisConnection() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && "redis".equals(id.getTag("clientType"))
                && (id.getName().endsWith("queue.size") || id.getName().endsWith("current")));
    }

    // After KvServer's start (default priority 2500), which fills the command table.
    void register(@Observes @Priority(3000) StartupEvent event, MeterRegistry registry, KvServer server) {
        Gauge.builder("kv.connections", server, KvServer::connections)
                .description("Open client connections over both ports").register(registry);
        // Only the memory store can count its keys cheaply: the redis store would SCAN at every scrape.
        if (server.store() instanceof MemoryStore) {
            Gauge.builder("kv.keys", server, s -> s.store().size())
                    .description("Keys in the store").register(registry);
            Gauge.builder("kv.memory.used", server, s -> s.store().usedBytes()).baseUnit("bytes")
                    .description("Bytes held by keys and values").register(registry);
        }
        for (CommandSpec spec : server.table().all()) {
            FunctionCounter.builder("kv.commands", spec.calls(), LongAdder::sum).tag("command", spec.name())
                    .description("Commands run").register(registry);
        }
    }
}
