package dev.querent.knowledge;

import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Chroma server integration tests use: the one named by {@code QUERENT_TEST_CHROMA_URL}, as
 * {@code .ci/run} starts it with {@code scripts/start-chroma.sh}. Without it the test is skipped
 * locally, and fails under {@code CI=true} so CI never passes by skipping.
 */
final class TestChroma {
    static final String TENANT = "default_tenant";
    static final String DATABASE = "default_database";

    private TestChroma() {}

    static String url() {
        String url = System.getenv("QUERENT_TEST_CHROMA_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(
                        "CI=true but QUERENT_TEST_CHROMA_URL is not set: .ci/run must start Chroma");
            }
            Assumptions.abort("No Chroma for this test: set QUERENT_TEST_CHROMA_URL (see scripts/start-chroma.sh)");
        }
        return url;
    }

    /** A collection name no other test uses (Chroma wants 3-512 characters of [a-zA-Z0-9._-]). */
    static String freshCollectionName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
