package dev.rallypoint.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail: the body of every error a Rallypoint REST service returns.
 * {@code type} is a stable URN per kind of failure, so clients can branch on it. Registered for
 * reflection: it leaves in a {@link Response} that an exception mapper builds, where a native
 * image's analysis does not see Jackson read its fields.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:rallypoint:problem:";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == 503) {
            // Every 503 here is temporary (Redis away, a document too contended): say when to retry.
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.build();
    }
}
