package dev.rallypoint.matchmaker.web;

import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /config.json}: what the web client needs to start: the other services' URLs and
 * the game modes. The page itself is static, under {@code META-INF/resources}.
 */
@Singleton
class WebClientRoutes {

    private final WebClientConfig web;
    private final JsonArray modes = new JsonArray();

    WebClientRoutes(WebClientConfig web, MatchmakerConfig matchmaker) {
        this.web = web;
        Map<String, MatchmakerConfig.Mode> sorted = new TreeMap<>(matchmaker.modes());
        sorted.forEach((name, mode) -> modes.add(new JsonObject()
                .put("name", name).put("capacity", mode.capacity()).put("minReady", mode.minReady())));
    }

    void register(@Observes Router router) {
        router.get("/config.json").handler(this::config);
    }

    private void config(RoutingContext context) {
        String host = context.request().authority() == null ? null : context.request().authority().host();
        JsonObject config = new JsonObject()
                .put("saveUrl", base(web.saveUrl(), host))
                .put("leaderboardUrl", base(web.leaderboardUrl(), host))
                .put("modes", modes);
        context.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache")
                .end(config.encode());
    }

    /** A configured base URL for the page: {@code {host}} filled in, no trailing slash ({@code /} becomes empty: the page's own origin). */
    static String base(String configured, String host) {
        String base = configured.replace("{host}", hostName(host));
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The Host header's name, kept only when it is a plain host name or address, so nothing else lands in a URL. */
    static String hostName(String host) {
        if (host == null || !host.matches("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]")) {
            return "localhost";
        }
        return host;
    }
}
