package dev.rallypoint.matchmaker.web;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser sends the {@code sid} cookie with any WebSocket upgrade, and the same-origin policy
 * does not stop a page from opening one, so the CORS configuration refuses upgrades from pages of
 * other origins before the token check.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class CrossOriginWebSocketTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void anUpgradeFromAPageOfAnotherOriginIsRefused() throws IOException {
        assertEquals("HTTP/1.1 403 CORS Rejected - Invalid origin", upgradeStatus("https://elsewhere.example"));
    }

    @Test
    void anUpgradeFromALocalPageReachesTheTokenCheck() throws IOException {
        // No token: the upgrade passes the origin check and is refused for want of a session.
        String status = upgradeStatus("http://localhost:8081");
        assertTrue(status.startsWith("HTTP/1.1 401"), status);
    }

    private String upgradeStatus(String origin) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort() + "\r\n"
                    + "Origin: " + origin + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
