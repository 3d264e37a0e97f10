package dev.rallypoint.common.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A studio's identity provider for tests: an RSA key the tests sign players' JWTs with, its
 * public key served as a JWKS by a local HTTP server (or, with the init argument
 * {@code keys=pem}, a PEM file), and the issuer and audience the
 * service is configured to expect.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://id.studio.example";
    public static final String AUDIENCE = "rallypoint";
    // Made from fixed seeds: the test resource and the test class may be loaded by different class
    // loaders, and must hold the same key.
    private static final KeyPair KEY = rsa("rallypoint-test-identity-provider");
    private static final KeyPair OTHER_KEY = rsa("someone-else");

    private HttpServer jwks;
    private boolean pem;

    @Override
    public void init(Map<String, String> initArgs) {
        pem = "pem".equals(initArgs.get("keys"));
    }

    @Override
    public Map<String, String> start() {
        if (pem) {
            // A mounted PEM file, as a deployment would configure the provider's public key.
            try {
                Path file = Files.createTempFile("identity-provider", ".pem");
                file.toFile().deleteOnExit();
                Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEY.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                return Map.of("mp.jwt.verify.publickey.location", file.toString(),
                        "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.audiences", AUDIENCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        return Map.of("mp.jwt.verify.publickey.location",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json",
                "mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.audiences", AUDIENCE);
    }

    @Override
    public void stop() {
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    /** A valid token of this provider for the player {@code sub}, named {@code name}. */
    public static String token(String sub, String name) {
        return sign(claims(sub, name));
    }

    /** The claims of a valid token, to change one before signing with {@link #sign}. */
    public static JwtClaimsBuilder claims(String sub, String name) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(sub).claim("name", name)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(1)));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("test").sign(KEY.getPrivate());
    }

    /** Signed by a key this provider never published. */
    public static String signedByAnotherKey(JwtClaimsBuilder claims) {
        return claims.jws().keyId("test").sign(OTHER_KEY.getPrivate());
    }

    private static String jwks() {
        RSAPublicKey key = (RSAPublicKey) KEY.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"test\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + base64Url(key.getModulus())
                + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    private static KeyPair rsa(String seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
