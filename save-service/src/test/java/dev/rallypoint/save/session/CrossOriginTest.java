package dev.rallypoint.save.session;

import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Pages of other origins (the web client on the matchmaker's port) call save-service with a Bearer token. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class CrossOriginTest {

    private static final String PAGE = "http://localhost:8081";

    @Test
    void aLocalPageMayPatchASaveWithItsToken() {
        given().header("Origin", PAGE)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .when().options("/api/playerstate")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
    }

    @Test
    void aLocalPageReadsTheETagButSharesNoCookie() {
        String token = given().contentType(ContentType.JSON).body("{\"name\":\"Ann\"}")
                .post("/api/session").then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"gamesPlayed\":1}")
                .post("/api/playerstate").then().statusCode(201);

        given().header("Origin", PAGE).auth().oauth2(token)
                .when().get("/api/playerstate")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void aPageOfAnotherOriginIsRefused() {
        given().header("Origin", "https://elsewhere.example").contentType(ContentType.JSON).body("{\"name\":\"Eve\"}")
                .when().post("/api/session")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
