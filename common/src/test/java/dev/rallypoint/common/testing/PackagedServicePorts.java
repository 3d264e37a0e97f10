package dev.rallypoint.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Free loopback ports, chosen here, for the API and the management interface of the packaged
 * service that a {@code @QuarkusIntegrationTest} starts. Quarkus would start it on port 0 and
 * its management interface on 9081-9083, and Quarkus 3.34 does not come up with one server on
 * port 0 and the other on a set port: it tags the meters of a server with its port only when the
 * port is set, and Prometheus refuses one meter name with two sets of tag keys.
 */
public class PackagedServicePorts implements QuarkusTestResourceLifecycleManager {

    // The test's process does not see the packaged service's configuration: Management asks here.
    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        try {
            managementPort = TestRedis.freePort();
            return Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port", String.valueOf(TestRedis.freePort()),
                    "quarkus.management.host", "127.0.0.1", "quarkus.management.port", String.valueOf(managementPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        managementPort = 0;
    }

    /** The management port of the packaged service started now, or 0 when none is. */
    static int managementPort() {
        return managementPort;
    }
}
