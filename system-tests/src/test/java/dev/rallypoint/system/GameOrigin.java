package dev.rallypoint.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A game's own origin, as the compose proxy and the Helm chart make one: the game's static files,
 * and the paths of the Cache Quest API passed to the services with the prefix
 * {@code /compat/cache-quest} put in front (sessions and saves to save-service, boards to
 * leaderboard-service). Listens on a free loopback port until closed.
 */
final class GameOrigin implements AutoCloseable {

    private static final String PREFIX = "/compat/cache-quest";
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "upgrade",
            "transfer-encoding", "expect", "keep-alive");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpServer server;

    private GameOrigin(HttpServer server) {
        this.server = server;
    }

    static GameOrigin start(Path files, URI saves, URI boards) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getRawPath();
                    if (path.equals("/session") || path.startsWith("/api/playerstate") || path.startsWith("/api/gamestate")) {
                        forward(exchange, saves);
                    } else if (path.startsWith("/api/leaderboard")) {
                        forward(exchange, boards);
                    } else {
                        serve(exchange, files, path);
                    }
                }
            });
            server.start();
            return new GameOrigin(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void forward(HttpExchange exchange, URI service) throws IOException {
        URI target = service.resolve(PREFIX + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void serve(HttpExchange exchange, Path files, String path) throws IOException {
        Path file = files.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
        if (!file.startsWith(files) || !Files.isRegularFile(file)) {
            send(exchange, 404, new byte[0]);
            return;
        }
        String name = file.getFileName().toString();
        exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript" : "application/octet-stream");
        send(exchange, 200, Files.readAllBytes(file));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
