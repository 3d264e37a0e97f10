package dev.rallypoint.save.document;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.save.document.DocumentResourceTest.Login;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.rallypoint.save.document.DocumentResourceTest.as;
import static dev.rallypoint.save.document.DocumentResourceTest.login;
import static dev.rallypoint.save.document.DocumentResourceTest.race;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A patch that keeps losing to another writer: 503 with nothing changed, never 412. */
@QuarkusTest
@TestProfile(PatchContentionTest.NoPatience.class)
@WithTestResource(RedisTestResource.class)
class PatchContentionTest {

    /** No retries past the first lost race, so that losing is certain to show. */
    public static class NoPatience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.save.patch-patience", "0s");
        }
    }

    /** The rival writes without a pause: with no patience to spend, a patch must lose to it sometimes. */
    private static final long FLAT_OUT = 0;

    @Inject
    RedisDataSource redis;

    @Test
    void aPatchThatRunsOutOfPatienceIs503AndChangesNothing() throws Exception {
        Login kai = login("Kai");
        as(kai).contentType(ContentType.JSON).body("{\"start\":0}").post("/api/playerstate");
        List<Integer> statuses;
        int rivalWrites;
        try (RivalWriter rival = new RivalWriter(redis, DocumentKind.PLAYERSTATE.key(kai.playerId()), FLAT_OUT)) {
            statuses = race(30, i -> () -> as(kai).contentType("application/merge-patch+json")
                    .body("{\"field" + i + "\":" + i + "}").patch("/api/playerstate")
                    .then().statusCode(anyOf(is(200), is(503)))
                    .extract().statusCode());
            rivalWrites = rival.stop();
        }
        long landed = statuses.stream().filter(s -> s == 200).count();
        assertTrue(landed < 30, "some patch lost to the rival: " + statuses);

        ExtractableResponse<Response> saved = as(kai).get("/api/playerstate").then().extract();
        for (int i = 0; i < 30; i++) {
            if (statuses.get(i) == 200) {
                assertEquals(i, (Integer) saved.path("field" + i), "field" + i);
            } else {
                assertNull(saved.path("field" + i), "a refused patch left field" + i);
            }
        }
        assertEquals("\"" + (1 + landed + rivalWrites) + "\"", saved.header("ETag"), "one version per write");

        // What a refused patch answers.
        try (RivalWriter rival = new RivalWriter(redis, DocumentKind.PLAYERSTATE.key(kai.playerId()), FLAT_OUT)) {
            for (int tries = 0; tries < 200; tries++) {
                ExtractableResponse<Response> reply = as(kai).contentType(ContentType.JSON).body("{\"probe\":1}")
                        .patch("/api/playerstate").then().extract();
                if (reply.statusCode() == 503) {
                    assertEquals("application/problem+json", reply.contentType());
                    assertEquals("urn:rallypoint:problem:write-contention", reply.path("type"));
                    assertEquals("1", reply.header("Retry-After"));
                    rival.stop();
                    return;
                }
            }
            rival.stop();
        }
        throw new AssertionError("no patch lost a race in 200 tries");
    }
}
