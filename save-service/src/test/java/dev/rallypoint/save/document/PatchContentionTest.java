package dev.rallypoint.save.document;

import dev.rallypoint.common.testing.InjectRedis;
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
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
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

    @InjectRedis
    RedisDataSource redis;

    @Test
    void aPatchThatRunsOutOfPatienceIs503AndChangesNothing() throws Exception {
        Login kai = login("Kai");
        as(kai).contentType(ContentType.JSON).body("{\"start\":0}").post("/api/playerstate");
        // Rounds of 30 patches against the rival until one loses: on a busy machine the rival may
        // not get the CPU to win a race in the first round.
        Map<String, Integer> statuses = new LinkedHashMap<>();
        int rivalWrites = 0;
        for (int round = 0; round < 20 && !statuses.containsValue(503); round++) {
            int r = round;
            List<Integer> roundStatuses;
            try (RivalWriter rival = new RivalWriter(redis, DocumentKind.PLAYERSTATE.key(kai.playerId()), FLAT_OUT)) {
                roundStatuses = race(30, i -> () -> as(kai).contentType("application/merge-patch+json")
                        .body("{\"r" + r + "f" + i + "\":" + i + "}").patch("/api/playerstate")
                        .then().statusCode(anyOf(is(200), is(503)))
                        .extract().statusCode());
                rivalWrites += rival.stop();
            }
            for (int i = 0; i < 30; i++) {
                statuses.put("r" + r + "f" + i, roundStatuses.get(i));
            }
        }
        assertTrue(statuses.containsValue(503), "some patch lost to the rival: " + statuses.values());

        long landed = statuses.values().stream().filter(s -> s == 200).count();
        ExtractableResponse<Response> saved = as(kai).get("/api/playerstate").then().extract();
        statuses.forEach((field, status) -> {
            if (status == 200) {
                assertEquals(Integer.valueOf(field.substring(field.indexOf('f') + 1)), (Integer) saved.path(field), field);
            } else {
                assertNull(saved.path(field), "a refused patch left " + field);
            }
        });
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
