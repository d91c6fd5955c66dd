package dev.querent.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only benchmark data ({@code shared/bench}), which lives beside the repository
 * rather than in it.
 */
public final class BenchDir {
    /** System property or environment variable naming the bench directory explicitly. */
    public static final String PROPERTY = "QUERENT_BENCH_DIR";

    private BenchDir() {}

    /**
     * The bench directory: {@value #PROPERTY} when set, else the first {@code shared/bench} found
     * walking up from the working directory (a checkout has {@code ../shared} beside it).
     */
    public static Optional<Path> locate() {
        String explicit = System.getProperty(PROPERTY, System.getenv(PROPERTY));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit).toAbsolutePath();
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("bench");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The bench directory for a test that needs it: fails the test on CI (where the data must be
     * present, so a missing directory is a broken setup) and skips it elsewhere.
     */
    public static Path require() {
        Optional<Path> dir = locate();
        if (dir.isEmpty()) {
            String why = "benchmark data not found: set " + PROPERTY + " or put shared/bench beside the checkout";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        return dir.get();
    }
}
