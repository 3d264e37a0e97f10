package dev.rallypoint.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of a REST request, answered once as problem+json. Logging happens here and only here. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Redis outages seen in practice (a restart, a failover) last seconds. */
    private static final int RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = e.problem().toResponse();
        if (e.retryAfterSeconds() == 0) {
            return response;
        }
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(Exception e) {
        if (RedisUnavailable.is(e)) {
            return unavailable(e);
        }
        return Response.fromResponse(Problem.of(401, "unauthorized", "Unauthorized",
                        "A valid session token (Authorization: Bearer <token>, or the sid cookie) or server key"
                                + " (Authorization: ServerKey <key>, not from a browser) is required.").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "forbidden", "Forbidden", "This caller may not do that.").toResponse();
    }

    /** Also the subclasses Quarkus's Jackson integration maps to an empty 400 of its own. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class})
    public Response malformedJson(JsonProcessingException e) {
        return Problem.of(400, "malformed-json", "Bad request",
                "The body is not valid JSON of the expected shape: " + e.getOriginalMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // A JSON body that RESTEasy could not read arrives as a plain 400 with the parse failure inside.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return malformedJson(unreadable);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        return Problem.of(status.getStatusCode(), slug, status.getReasonPhrase(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (RedisUnavailable.is(e)) {
            return unavailable(e);
        }
        LOG.error("Unexpected failure", e);
        return Problem.of(500, "internal", "Internal server error", "The failure was logged.").toResponse();
    }

    private static Response unavailable(Throwable e) {
        LOG.warnf("Redis unavailable: %s", e.toString());
        return Response.fromResponse(Problem.of(503, "unavailable", "Service unavailable",
                        "The data store does not answer; retry shortly.").toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
