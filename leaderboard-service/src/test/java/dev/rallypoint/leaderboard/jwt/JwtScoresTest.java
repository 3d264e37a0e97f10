package dev.rallypoint.leaderboard.jwt;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestIdentityProvider;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** A studio's own players, known by its identity provider's JWTs alone, rank under their names. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(TestIdentityProvider.class)
class JwtScoresTest {

    @Test
    void aJwtPlayerSubmitsAndRanksUnderTheNameItsTokenCarries() {
        String board = Players.board();
        String ann = "auth0|" + UUID.randomUUID();
        String bo = "auth0|" + UUID.randomUUID();
        submit(TestIdentityProvider.token(ann, "Ann"), board, 300).statusCode(200).body("playerId", equalTo(ann)).body("name", equalTo("Ann"));
        submit(TestIdentityProvider.token(bo, "Bo"), board, 500).body("rank", equalTo(1));

        given().auth().oauth2(TestIdentityProvider.token(ann, "Ann")).get("/api/leaderboard/" + board).then().statusCode(200)
                .body("entries.playerId", contains(bo, ann))
                .body("entries.name", contains("Bo", "Ann"));
    }

    @Test
    void aForgedOrExpiredTokenSubmitsNothing() {
        String board = Players.board();
        String eve = "auth0|" + UUID.randomUUID();
        submit(TestIdentityProvider.signedByAnotherKey(TestIdentityProvider.claims(eve, "Eve")), board, 1)
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestIdentityProvider.token("auth0|" + UUID.randomUUID(), "Reader"))
                .get("/api/leaderboard/" + board).then().statusCode(200).body("total", equalTo(0));
    }

    private static ValidatableResponse submit(String token, String board, long score) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":" + score + "}")
                .post("/api/leaderboard").then();
    }
}
