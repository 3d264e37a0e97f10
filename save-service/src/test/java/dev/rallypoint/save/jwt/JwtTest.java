package dev.rallypoint.save.jwt;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestIdentityProvider;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * A studio with its own accounts: its identity provider's JWTs (keys from its JWKS, served here by
 * a local HTTP server) work wherever a session does, and nothing else signed or addressed
 * otherwise does.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(TestIdentityProvider.class)
class JwtTest {

    @Test
    void aJwtOfTheStudioIsAPlayerWithoutASession() {
        String sub = "auth0|" + UUID.randomUUID();
        String token = TestIdentityProvider.token(sub, "Ann");
        given().auth().oauth2(token).get("/api/session").then().statusCode(200)
                .body("playerId", equalTo(sub)).body("name", equalTo("Ann"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"gold\":7}").post("/api/playerstate")
                .then().statusCode(201);
        given().auth().oauth2(token).get("/api/playerstate").then().statusCode(200).body("gold", equalTo(7));
    }

    @Test
    void theNameClaimNamesThePlayerWhereverNamesShowUnderTheRulesOfChosenNames() {
        String tag = "Jwt" + UUID.randomUUID().toString().substring(0, 6);
        String sub = "auth0|" + UUID.randomUUID();
        given().auth().oauth2(TestIdentityProvider.token(sub, tag + "Ann")).get("/api/session").then().statusCode(200);
        String searcher = TestIdentityProvider.token("auth0|" + UUID.randomUUID(), "Searcher");
        given().auth().oauth2(searcher).get("/api/playerstate?name=" + tag).then().statusCode(200)
                .body("playerId", contains(sub)).body("name", contains(tag + "Ann"));

        // The identity provider renamed the player: the next token moves them in the search.
        given().auth().oauth2(TestIdentityProvider.token(sub, tag + "Annie")).get("/api/session").then().statusCode(200)
                .body("name", equalTo(tag + "Annie"));
        given().auth().oauth2(searcher).get("/api/playerstate?name=" + tag).then().statusCode(200)
                .body("name", contains(tag + "Annie"));

        // A claim no player could choose is ignored: the stored name stays.
        given().auth().oauth2(TestIdentityProvider.token(sub, tag + "\u200bEve")).get("/api/session").then().statusCode(200)
                .body("name", equalTo(tag + "Annie"));
        // A first token without a usable name: a generated one, as a session login without a name gets.
        given().auth().oauth2(TestIdentityProvider.token("auth0|" + UUID.randomUUID(), "x".repeat(33))).get("/api/session")
                .then().statusCode(200).body("name", matchesPattern("Player-\\d{4}"));
    }

    @Test
    void aWrongIssuerAudienceKeyOrAnExpiredTokenIs401() {
        String sub = "auth0|" + UUID.randomUUID();
        String[] refused = {
                TestIdentityProvider.sign(TestIdentityProvider.claims(sub, "Eve").issuer("https://elsewhere.example")),
                TestIdentityProvider.sign(TestIdentityProvider.claims(sub, "Eve").audience("another-game")),
                TestIdentityProvider.sign(TestIdentityProvider.claims(sub, "Eve").expiresAt(Instant.now().minusSeconds(3600))),
                TestIdentityProvider.signedByAnotherKey(TestIdentityProvider.claims(sub, "Eve")),
                TestIdentityProvider.token("a player id with spaces", "Eve"),
        };
        for (String token : refused) {
            given().auth().oauth2(token).get("/api/playerstate").then().statusCode(401).contentType("application/problem+json");
        }
    }
}
