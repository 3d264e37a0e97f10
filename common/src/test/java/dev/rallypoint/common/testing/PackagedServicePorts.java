package dev.rallypoint.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Free ports, chosen here, for the API and the management interface of the packaged service that
 * a {@code @QuarkusIntegrationTest} starts. Quarkus would start it on port 0 and its management
 * interface on 9081-9083, and Quarkus 3.34 does not come up with one server on port 0 and the
 * other on a set port: it tags the meters of a server with its port only when the port is set,
 * and Prometheus refuses one meter name with two sets of tag keys.
 */
public class PackagedServicePorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            return Map.of("quarkus.http.port", String.valueOf(TestRedis.freePort()),
                    "quarkus.management.port", String.valueOf(TestRedis.freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
