package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@code querent eval --compare} and {@code --fit} read: a run's directory or its results. */
class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunDirectoryMeansItsResultsFile() throws Exception {
        Path results = Files.writeString(dir.resolve("results.json"), "[]");

        assertThat(EvalCommand.resultsFile(dir)).isEqualTo(results);
        assertThat(EvalCommand.resultsFile(results)).isEqualTo(results);
    }

    @Test
    void aPathWithoutResultsIsRefusedNamingIt() {
        Path empty = dir.resolve("nothing-here");

        assertThatThrownBy(() -> EvalCommand.resultsFile(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString());
        assertThatThrownBy(() -> EvalCommand.resultsFile(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing-here");
    }

    @Test
    void aFileThatIsNotResultsIsRefusedNamingIt() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.json"), "{\"not\": \"results\"}");

        assertThatThrownBy(() -> EvalCommand.main(new String[] {"--compare", notes.toString(), notes.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.json is not the results.json");
    }

    @Test
    void missingOptionValuesAreNamed() {
        assertThatThrownBy(() -> EvalCommand.options(new String[] {"--compare", "a"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--compare needs two runs");
        assertThatThrownBy(() -> EvalCommand.options(new String[] {"--out"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--out needs a value");
    }
}
