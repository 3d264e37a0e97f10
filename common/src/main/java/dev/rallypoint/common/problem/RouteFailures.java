package dev.rallypoint.common.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} gets a problem+json 413 too, not the
 * empty one Quarkus answers: said at once when the request announces its length, or when the
 * body passes the limit as it streams in.
 */
@ApplicationScoped
public class RouteFailures {

    private final long maxBodyBytes;

    RouteFailures(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > maxBodyBytes) {
                tooLarge(context.response());
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                tooLarge(context.response());
            } else {
                context.next();
            }
        });
    }

    private void tooLarge(HttpServerResponse response) {
        Problem problem = Problem.of(413, "too-large", "Content too large",
                "The body is over the " + maxBodyBytes + " bytes this service reads.");
        // The rest of the body is not read: the connection closes after this answer.
        response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject().put("type", problem.type()).put("title", problem.title())
                        .put("status", problem.status()).put("detail", problem.detail()).encode());
    }
}
