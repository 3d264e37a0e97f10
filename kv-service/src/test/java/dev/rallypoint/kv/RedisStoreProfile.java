package dev.rallypoint.kv;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** kv.store=redis on a real redis-server (with an append-only file, so it can be restarted). */
public class RedisStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kv.store", "redis");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisTestResource.class, Map.of("appendonly", "yes")));
    }
}
