package dev.rallypoint.common.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the management interface (health, metrics, OpenAPI) of the service under test. */
public final class Management {

    private Management() {
    }

    public static RequestSpecification given() {
        int packaged = PackagedServicePorts.managementPort();
        int port = packaged != 0 ? packaged : ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return RestAssured.given().baseUri("http://localhost").port(port);
    }
}
