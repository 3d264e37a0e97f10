package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.Management;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class SessionResourceTest {

    @Test
    void createsReadsAndRevokesASession() {
        var created = given().contentType(ContentType.JSON).body("{\"name\":\"Ann\"}")
                .when().post("/api/session")
                .then().statusCode(201)
                .cookie("sid", notNullValue())
                .body("name", equalTo("Ann"))
                .body("playerId", notNullValue())
                .body("expiresAt", notNullValue())
                .body("token", hasLength(43))
                .extract();
        String token = created.path("token");
        String playerId = created.path("playerId");

        given().auth().oauth2(token)
                .when().get("/api/session")
                .then().statusCode(200)
                .body("playerId", equalTo(playerId))
                .body("name", equalTo("Ann"))
                .body("token", is((Object) null));

        given().auth().oauth2(token).when().delete("/api/session").then().statusCode(204);

        given().auth().oauth2(token).when().get("/api/session").then().statusCode(401);
    }

    @Test
    void theSidCookieAuthenticatesLikeTheBearerToken() {
        String token = newSession("{\"name\":\"Cookie\"}");

        given().cookie("sid", token).when().get("/api/session")
                .then().statusCode(200).body("name", equalTo("Cookie"));
    }

    @Test
    void aBodyIsOptional() {
        given().when().post("/api/session")
                .then().statusCode(201)
                .body("name", startsWith("Player-"));
    }

    @Test
    void theSameDeviceIdGivesBackTheSamePlayer() {
        String first = given().contentType(ContentType.JSON).body("{\"name\":\"Bo\",\"deviceId\":\"device-secret-42\"}")
                .post("/api/session").then().statusCode(201).extract().path("playerId");
        var second = given().contentType(ContentType.JSON).body("{\"deviceId\":\"device-secret-42\"}")
                .post("/api/session").then().statusCode(201).extract();
        String other = given().contentType(ContentType.JSON).body("{\"deviceId\":\"device-secret-43\"}")
                .post("/api/session").then().statusCode(201).extract().path("playerId");

        assertEquals(first, second.path("playerId"));
        assertEquals("Bo", second.path("name"), "a returning player who gives no name keeps the old one");
        assertNotEquals(first, other);
    }

    @Test
    void eachLoginGetsItsOwnToken() {
        String body = "{\"deviceId\":\"device-secret-twice\"}";
        assertNotEquals(newSession(body), newSession(body));
    }

    @Test
    void aMissingTokenIsUnauthorized() {
        given().when().get("/api/session")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:rallypoint:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void aGarbageTokenIsUnauthorized() {
        given().auth().oauth2("not-a-token").when().get("/api/session")
                .then().statusCode(401).contentType("application/problem+json");
        given().cookie("sid", "not-a-token").when().delete("/api/session")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void namesOfZeroOrMoreThan32CharactersAreRejected() {
        rejectsName("\"\"");
        rejectsName("\"   \"");
        rejectsName("\"" + "x".repeat(33) + "\"");
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(32) + "\"}")
                .post("/api/session").then().statusCode(201);
    }

    @Test
    void namesCountCharactersNotBytes() {
        String name = "\uD83C\uDFAE".repeat(32);
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/api/session").then().statusCode(201).body("name", equalTo(name));
    }

    @Test
    void namesWithControlCharactersAreRejected() {
        rejectsName("\"Ann\\u0000\"");
        rejectsName("\"Ann\\nBo\"");
        rejectsName("\"\\u007f\"");
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/session")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:malformed-json"))
                .body("detail", not(containsStackTrace()));
        given().contentType(ContentType.JSON).body("[1,2]")
                .post("/api/session")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:not-an-object"));
    }

    @Test
    void anOverlongDeviceIdIsRejected() {
        given().contentType(ContentType.JSON).body("{\"deviceId\":\"" + "d".repeat(129) + "\"}")
                .post("/api/session")
                .then().statusCode(400)
                .body("type", equalTo("urn:rallypoint:problem:invalid-device-id"));
    }

    @Test
    void unknownRoutesAnswerProblemJson() {
        given().when().get("/nothing/here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @DisabledOnIntegrationTest("the management port of a packaged service is chosen at its start")
    void theApiIsPublishedAsOpenApi() {
        Management.given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/session"));
    }

    private static org.hamcrest.Matcher<String> containsStackTrace() {
        return org.hamcrest.Matchers.containsString("\tat ");
    }

    private static void rejectsName(String jsonName) {
        given().contentType(ContentType.JSON).body("{\"name\":" + jsonName + "}")
                .post("/api/session")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:invalid-name"))
                .body("status", equalTo(400));
    }

    static String newSession(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/session").then().statusCode(201).extract().path("token");
    }
}
