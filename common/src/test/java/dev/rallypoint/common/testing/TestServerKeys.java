package dev.rallypoint.common.testing;

/**
 * The server keys every service's tests configure ({@code %test.rallypoint.server-keys.lines}
 * holds their hashes): one with the scope {@code scores} only, one with every scope.
 */
public final class TestServerKeys {

    public static final String SCORES_ONLY = "rps_test_scores_only_7f3c9a1e5b2d4c68";
    public static final String ALL_SCOPES = "rps_test_all_scopes_2b8e6d4f1a9c3e75";

    private TestServerKeys() {
    }

    /** The Authorization header value that presents a key. */
    public static String header(String key) {
        return "ServerKey " + key;
    }
}
