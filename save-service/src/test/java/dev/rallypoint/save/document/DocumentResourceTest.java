package dev.rallypoint.save.document;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class DocumentResourceTest {

    @InjectRedis
    RedisDataSource redis;

    record Login(String token, String playerId) {
    }

    static Login login(String name) {
        var created = given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/api/session").then().statusCode(201).extract();
        return new Login(created.path("token"), created.path("playerId"));
    }

    static RequestSpecification as(Login login) {
        return given().auth().oauth2(login.token());
    }

    @Test
    void createReadReplaceDelete() {
        Login ann = login("Ann");
        as(ann).get("/api/playerstate").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:document-not-found"));

        as(ann).contentType(ContentType.JSON).body("{\"level\":1}").post("/api/playerstate")
                .then().statusCode(201).header("ETag", "\"1\"").body("level", equalTo(1));
        as(ann).contentType(ContentType.JSON).body("{\"level\":2}").post("/api/playerstate")
                .then().statusCode(409).body("type", equalTo("urn:rallypoint:problem:document-exists"));

        as(ann).get("/api/playerstate").then().statusCode(200).header("ETag", "\"1\"").body("level", equalTo(1));
        as(ann).get("/api/playerstate/" + ann.playerId()).then().statusCode(200).body("level", equalTo(1));

        as(ann).contentType(ContentType.JSON).body("{\"level\":5}").put("/api/playerstate")
                .then().statusCode(200).header("ETag", "\"2\"").body("level", equalTo(5));
        as(ann).delete("/api/playerstate").then().statusCode(204);
        as(ann).get("/api/playerstate").then().statusCode(404);
        as(ann).contentType(ContentType.JSON).body("{}").put("/api/playerstate").then().statusCode(404);
        as(ann).delete("/api/playerstate").then().statusCode(404);
    }

    @Test
    void theTwoKindsAreSeparateAndOthersAre404() {
        Login bo = login("Bo");
        as(bo).contentType(ContentType.JSON).body("{\"quest\":\"intro\"}").post("/api/gamestate").then().statusCode(201);
        as(bo).get("/api/playerstate").then().statusCode(404);
        as(bo).get("/api/gamestate").then().statusCode(200).body("quest", equalTo("intro"));
        as(bo).get("/api/inventory").then().statusCode(404).body("type", equalTo("urn:rallypoint:problem:unknown-kind"));
    }

    @Test
    void theOriginalClientsSaveFlowWorks() {
        Login cy = login("Cy");
        // PATCH; on 404, POST.
        as(cy).contentType(ContentType.JSON).body("{\"gold\":10}").patch("/api/playerstate").then().statusCode(404);
        as(cy).contentType(ContentType.JSON).body("{\"gold\":10}").post("/api/playerstate").then().statusCode(201);
        as(cy).contentType("application/merge-patch+json").body("{\"gems\":1}").patch("/api/playerstate")
                .then().statusCode(200).body("gold", equalTo(10)).body("gems", equalTo(1));
    }

    @Test
    void aMergePatchMergesNestedObjectsAndNullRemovesKeys() {
        Login di = login("Di");
        as(di).contentType(ContentType.JSON).body("{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":[1,2]}").post("/api/playerstate");
        as(di).contentType("application/merge-patch+json").body("{\"a\":null,\"b\":{\"c\":null,\"x\":9},\"e\":[3]}")
                .patch("/api/playerstate")
                .then().statusCode(200)
                .body("$", not(hasKey("a")))
                .body("b.x", equalTo(9)).body("b.d", equalTo(3)).body("b", not(hasKey("c")))
                .body("e", equalTo(List.of(3)));
        as(di).contentType(ContentType.TEXT).body("{}").patch("/api/playerstate").then().statusCode(415);
    }

    @Test
    void numbersAndTextSurviveByteForByte() {
        Login ed = login("Ed");
        String longInteger = "9".repeat(1500);
        String document = "{\"big\":123456789012345678901234567890,\"past53\":9007199254740993,"
                + "\"decimal\":0.1000000000000000055511151231257827,\"money\":19.90,\"neg\":-0.0,"
                + "\"tiny\":0.0000001,\"exp\":1E+400,\"small\":-2.50e-3,\"long\":" + longInteger + ","
                + "\"list\":[1.0,100,0.10],\"text\":\"åsa 🎮 \\u0000 中文\"}";
        as(ed).contentType(ContentType.JSON).body(document).post("/api/playerstate").then().statusCode(201);
        assertEquals(document, as(ed).get("/api/playerstate").then().extract().asString());

        as(ed).contentType(ContentType.JSON).body("{\"other\":1.10,\"nested\":{\"n\":12345678901234567890.000}}")
                .patch("/api/playerstate").then().statusCode(200);
        as(ed).contentType(ContentType.JSON).body("{\"third\":true,\"pair\":\"\\ud83c\\udfae\"}").patch("/api/playerstate")
                .then().statusCode(200);
        String merged = as(ed).get("/api/playerstate").then().extract().asString();
        assertEquals(document.substring(0, document.length() - 1)
                + ",\"other\":1.10,\"nested\":{\"n\":12345678901234567890.000},\"third\":true,\"pair\":\"🎮\"}", merged);
    }

    @Test
    void versionsMakeWritesConditional() {
        Login fy = login("Fy");
        as(fy).contentType(ContentType.JSON).body("{\"v\":1}").post("/api/playerstate").then().header("ETag", "\"1\"");
        as(fy).header("If-None-Match", "\"1\"").get("/api/playerstate").then().statusCode(304);
        as(fy).header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"v\":2}").put("/api/playerstate")
                .then().statusCode(200).header("ETag", "\"2\"");
        as(fy).header("If-None-Match", "\"1\"").get("/api/playerstate").then().statusCode(200);

        as(fy).header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"v\":3}").put("/api/playerstate")
                .then().statusCode(412).body("type", equalTo("urn:rallypoint:problem:version-mismatch"));
        as(fy).header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"v\":3}").patch("/api/playerstate")
                .then().statusCode(412);
        as(fy).header("If-Match", "W/\"2\"").delete("/api/playerstate").then().statusCode(412);
        as(fy).header("If-Match", "\"1\"").delete("/api/playerstate").then().statusCode(412);
        as(fy).get("/api/playerstate").then().statusCode(200).body("v", equalTo(2)).header("ETag", "\"2\"");
        as(fy).header("If-Match", "\"2\"").delete("/api/playerstate").then().statusCode(204);
    }

    @Test
    void versionsContinueAcrossADeleteSoAnOldIfMatchNeverMatchesTheNewDocument() {
        Login gil = login("Gil");
        as(gil).contentType(ContentType.JSON).body("{\"v\":1}").post("/api/gamestate").then().header("ETag", "\"1\"");
        as(gil).delete("/api/gamestate").then().statusCode(204);
        as(gil).contentType(ContentType.JSON).body("{\"v\":2}").post("/api/gamestate")
                .then().statusCode(201).header("ETag", "\"2\"");

        as(gil).header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"v\":3}").put("/api/gamestate")
                .then().statusCode(412);
        as(gil).header("If-None-Match", "\"1\"").get("/api/gamestate").then().statusCode(200).body("v", equalTo(2));
    }

    @Test
    void twoWritersWithTheSameIfMatchGetExactlyOne412() throws Exception {
        Login gu = login("Gu");
        as(gu).contentType(ContentType.JSON).body("{\"n\":0}").post("/api/playerstate");
        List<Integer> statuses = race(2, i -> () -> as(gu).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"writer\":" + i + "}").patch("/api/playerstate").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    }

    @Test
    void fiftyParallelPatchesAreAllApplied() throws Exception {
        Login hu = login("Hu");
        as(hu).contentType(ContentType.JSON).body("{}").post("/api/playerstate");
        List<Integer> statuses = race(50, i -> () -> as(hu).contentType("application/merge-patch+json")
                .body("{\"field" + i + "\":" + i + "}").patch("/api/playerstate").statusCode());
        assertEquals(50, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        ExtractableResponse<Response> saved = as(hu).get("/api/playerstate").then().extract();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, (Integer) saved.path("field" + i), "field" + i);
        }
        assertEquals("\"51\"", saved.header("ETag"), "one version per write");
    }

    @Test
    void patchesWithoutIfMatchAllLandWhileAnotherReplicaKeepsWriting() throws Exception {
        Login jo = login("Jo");
        as(jo).contentType(ContentType.JSON).body("{\"start\":0}").post("/api/playerstate");
        List<Integer> statuses;
        int rivalWrites;
        try (RivalWriter rival = new RivalWriter(redis, DocumentKind.PLAYERSTATE.key(jo.playerId()),
                // A breath between writes, as a real writer takes: flat out, on two cores, it
                // would starve the patches of CPU rather than race them.
                1)) {
            rival.awaitFirstWrite();
            statuses = race(30, i -> () -> as(jo).contentType("application/merge-patch+json")
                    .body("{\"field" + i + "\":" + i + "}").patch("/api/playerstate").statusCode());
            rivalWrites = rival.stop();
        }
        assertEquals(true, rivalWrites > 0, "the rival wrote");
        assertEquals(30, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        ExtractableResponse<Response> saved = as(jo).get("/api/playerstate").then().extract();
        for (int i = 0; i < 30; i++) {
            assertEquals(i, (Integer) saved.path("field" + i), "field" + i);
        }
        assertEquals("\"" + (1 + 30 + rivalWrites) + "\"", saved.header("ETag"), "one version per write");
    }

    @Test
    void anotherPlayersDocumentIsReadableOnlyWhenPublic() {
        Login owner = login("Owner");
        Login other = login("Other");
        as(owner).contentType(ContentType.JSON).body("{\"secret\":1}").post("/api/playerstate");
        as(other).get("/api/playerstate/" + owner.playerId()).then().statusCode(404);

        as(owner).contentType(ContentType.JSON).body("{\"shown\":1}").patch("/api/playerstate?visibility=public")
                .then().statusCode(200);
        as(other).get("/api/playerstate/" + owner.playerId()).then().statusCode(200).body("shown", equalTo(1));
        as(owner).contentType(ContentType.JSON).body("{\"more\":1}").patch("/api/playerstate").then().statusCode(200);
        as(other).get("/api/playerstate/" + owner.playerId()).then().statusCode(200).body("more", equalTo(1));

        as(owner).contentType(ContentType.JSON).body("{}").patch("/api/playerstate?visibility=private");
        as(other).get("/api/playerstate/" + owner.playerId()).then().statusCode(404);
        as(owner).contentType(ContentType.JSON).body("{}").patch("/api/playerstate?visibility=friends")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:invalid-visibility"));
    }

    @Test
    void badBodiesAreRefusedAndLeaveTheDocumentWhole() {
        Login iv = login("Iv");
        as(iv).contentType(ContentType.JSON).body("{\"keep\":true}").post("/api/playerstate");
        String deep = "{\"a\":".repeat(65) + "1" + "}".repeat(65);
        String over = "{\"p\":\"" + "x".repeat(65536 - 7) + "\"}";
        assertEquals(65537, over.length());

        for (String method : List.of("POST", "PUT", "PATCH")) {
            as(iv).contentType(ContentType.JSON).body("{\"broken\":").request(method, "/api/playerstate")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:rallypoint:problem:malformed-json"));
            as(iv).contentType(ContentType.JSON).body("{\"a\":1} {").request(method, "/api/playerstate")
                    .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:malformed-json"));
            for (String notAnObject : List.of("[1,2]", "42", "\"text\"", "null", " ")) {
                as(iv).contentType(ContentType.JSON).body(notAnObject).request(method, "/api/playerstate")
                        .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:not-an-object"));
            }
            as(iv).contentType(ContentType.JSON).body(deep).request(method, "/api/playerstate")
                    .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:too-deep"));
            as(iv).contentType(ContentType.JSON).body("{\"list\":" + "[".repeat(64) + "]".repeat(64) + "}")
                    .request(method, "/api/playerstate")
                    .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:too-deep"));
            as(iv).contentType(ContentType.JSON).body(over).request(method, "/api/playerstate")
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("type", equalTo("urn:rallypoint:problem:too-large"));
            as(iv).contentType(ContentType.JSON).body("{\"a\":1,\"a\":2}").request(method, "/api/playerstate")
                    .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:malformed-json"));
            for (String lone : List.of("{\"t\":\"x\\ud83d\"}", "{\"t\":\"\\udfae\"}", "{\"\\ud83dkey\":1}")) {
                as(iv).contentType(ContentType.JSON).body(lone).request(method, "/api/playerstate")
                        .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:invalid-text"));
            }
        }
        as(iv).get("/api/playerstate").then().statusCode(200).header("ETag", "\"1\"").body("keep", equalTo(true));

        String deepest = "{\"a\":".repeat(63) + "1" + "}".repeat(63);
        as(iv).contentType(ContentType.JSON).body("{\"x\":" + deepest + "}").put("/api/gamestate").then().statusCode(404);
        as(iv).contentType(ContentType.JSON).body("{\"x\":" + deepest + "}").patch("/api/playerstate").then().statusCode(200);

        String limit = "{\"p\":\"" + "x".repeat(65536 - 8) + "\"}";
        assertEquals(65536, limit.length());
        as(iv).contentType(ContentType.JSON).body(limit).put("/api/playerstate").then().statusCode(200).header("ETag", "\"3\"");
        // Each part fits, the merge would not: refused, and the stored document stays as it was.
        as(iv).contentType(ContentType.JSON).body("{\"q\":1}").patch("/api/playerstate")
                .then().statusCode(413).body("type", equalTo("urn:rallypoint:problem:too-large"));
        assertEquals(limit, as(iv).get("/api/playerstate").then().statusCode(200).header("ETag", "\"3\"").extract().asString());
    }

    @Test
    void documentsNeedASession() {
        given().get("/api/playerstate").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/gamestate").then().statusCode(401);
    }

    /** Runs n calls at once (released together) and returns their results. */
    static List<Integer> race(int n, java.util.function.IntFunction<Callable<Integer>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Integer> task = call.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
