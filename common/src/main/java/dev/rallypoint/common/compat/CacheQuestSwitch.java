package dev.rallypoint.common.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.problem.Problem;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The routes of games written for the Cache Quest backend ({@code /compat/cache-quest/...})
 * answer only where {@code rallypoint.compat.cache-quest.enabled=true}. Elsewhere a route ahead
 * of every other one answers 404 for them, as for any path the service does not have, before
 * anything else (authentication included) looks at the request; with the routes on, nothing is
 * added, so no request pays for the switch.
 */
@ApplicationScoped
public class CacheQuestSwitch {

    public static final String PREFIX = "/compat/cache-quest";

    void routes(@Observes Router router, ObjectMapper json,
                @ConfigProperty(name = "rallypoint.compat.cache-quest.enabled", defaultValue = "false") boolean enabled)
            throws JsonProcessingException {
        if (enabled) {
            return;
        }
        String body = json.writeValueAsString(Problem.of(404, "not-found", "Not found",
                "The Cache Quest routes are off: rallypoint.compat.cache-quest.enabled=true turns them on."));
        router.route(PREFIX + "*").order(Integer.MIN_VALUE).handler(request -> request.response()
                .setStatusCode(404)
                .putHeader("Content-Type", "application/problem+json")
                .end(body));
    }
}
