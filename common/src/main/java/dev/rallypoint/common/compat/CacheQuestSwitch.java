package dev.rallypoint.common.compat;

import dev.rallypoint.common.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * The routes of games written for the Cache Quest backend ({@code /compat/cache-quest/...})
 * answer only where {@code rallypoint.compat.cache-quest.enabled=true}; elsewhere they are 404,
 * like any path the service does not have.
 */
public class CacheQuestSwitch {

    public static final String PREFIX = "/compat/cache-quest";

    private final boolean enabled;

    CacheQuestSwitch(@ConfigProperty(name = "rallypoint.compat.cache-quest.enabled", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseWhenOff(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (enabled || !(path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(404, "not-found", "Not found",
                "The Cache Quest routes are off: rallypoint.compat.cache-quest.enabled=true turns them on.").toResponse());
    }
}
