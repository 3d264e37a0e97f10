package dev.rallypoint.matchmaker.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code rallypoint.web.*}: where the web client served at {@code /} finds the other services.
 * {@code {host}} stands for the host name the browser used to reach the matchmaker, so the
 * defaults work from any host the page is opened on (once CORS allows its origin); behind one
 * proxy or Ingress both are {@code /}, and the page calls its own origin.
 */
@ConfigMapping(prefix = "rallypoint.web")
public interface WebClientConfig {

    /** save-service's base URL, e.g. {@code https://api.example.com}, {@code //{host}:8082}, or {@code /}. */
    @WithDefault("//{host}:8082")
    String saveUrl();

    /** leaderboard-service's base URL, like {@link #saveUrl()}. */
    @WithDefault("//{host}:8083")
    String leaderboardUrl();
}
