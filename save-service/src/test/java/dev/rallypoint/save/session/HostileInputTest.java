package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a hostile client sends instead of a login or a save: each gets a problem+json that says why. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class HostileInputTest {

    @TestHTTPResource("/")
    URI uri;

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":[\"a\"]}", "{\"name\":42}", "{\"name\":{\"first\":\"Ann\"}}"})
    void aNameThatIsNotAStringIsRefusedNotCoerced(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/session")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:invalid-name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\u200b", "\u3164", "\u202eAnn", "Ann\u2028", "\ue000Ann", "Ann\\u0007", "\u2800\u2800"})
    void aNameWithCharactersNobodyCanSeeIsRefused(String name) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}").post("/api/session")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:invalid-name"));
    }

    @Test
    void aNameIsStoredInItsComposedForm() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Zoe\u0301\"}").post("/api/session")
                .then().statusCode(201).body("name", equalTo("Zo\u00e9"));
    }

    @Test
    void aBodyNestedTenThousandDeepIsAProblemNotAnEmpty400() {
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        given().contentType(ContentType.JSON).body(deep).post("/api/session")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:malformed-json"));
    }

    /** The client says how big the body is and waits (Expect: 100-continue), as a well-behaved large upload does. */
    @Test
    void aBodyOverTheHttpLimitIsA413Problem() throws Exception {
        byte[] huge = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri.resolve("/api/session"))
                .expectContinue(true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertTrue(refused.body().contains("urn:rallypoint:problem:too-large"), refused.body());
    }

    @Test
    void aSaveThatIsNotJsonIsA415Problem() {
        String token = SessionResourceTest.newSession("{\"name\":\"Ann\"}");
        for (String type : new String[] {"text/plain", "image/png"}) {
            given().auth().oauth2(token).contentType(type).body("{\"gold\":1}".getBytes()).post("/api/playerstate")
                    .then().statusCode(415).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(type).body("{\"gold\":1}".getBytes()).put("/api/playerstate")
                    .then().statusCode(415).contentType("application/problem+json");
        }
    }
}
