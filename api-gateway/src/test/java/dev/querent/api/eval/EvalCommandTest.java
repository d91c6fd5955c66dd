package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static String result(String db, String question, String split, String source, String match) {
        return """
                {"index": 0, "db": "%s", "question": "%s", "state": "ANSWERED", "source": "%s", "confidence": 0.5,
                 "flagged": true, "match": "%s", "millis": 1, "split": "%s", "shape": "count",
                 "signals": {"agreement": 0.5}, "tokens": 0}"""
                .formatted(db, question, source, match, split);
    }

    /**
     * {@code --fit-source} fits a source on other runs, leaving out any question of the test half it
     * is reported on; {@code --keep-source} keeps the current calibration's model of a source.
     */
    @Test
    void aSourceIsFittedOnOtherRunsButNeverOnTheReportedQuestions() throws Exception {
        StringBuilder pooled = new StringBuilder("[");
        StringBuilder unseen = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            pooled.append(i == 0 ? "" : ",")
                    .append(result("a", "q" + i, i % 2 == 0 ? "dev" : "test", "RULES", "EXACT"));
            unseen.append(result("b", "u" + i, "dev", "RULES", i % 2 == 0 ? "EXACT" : "WRONG"))
                    .append(',');
        }
        // The same question as one reported on (test half): never fitted on.
        unseen.append(result("a", "q1", "test", "RULES", "WRONG")).append(']');
        Path a = Files.writeString(dir.resolve("a.json"), pooled.append(']').toString());
        Path b = Files.writeString(dir.resolve("b.json"), unseen.toString());
        Path out = dir.resolve("fit");

        EvalCommand.main(new String[] {
            "--fit", a.toString(), "--fit-source", "RULES=" + b, "--keep-source", "LLM", "--out", out.toString()
        });

        String calibration = Files.readString(out.resolve("calibration.json"));
        assertThat(calibration)
                .contains("RULES: every answer of " + b)
                .contains("LLM: kept from the current calibration")
                .contains("\"answers\" : 12");
        assertThatThrownBy(() -> EvalCommand.main(new String[] {"--fit", a.toString(), "--fit-source", b.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--fit-source is SOURCE=RUN");
        // attack: a run named by --fit-source is read only as results; any other file is refused by
        // name, and nothing of its content is echoed
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:hunter2");
        for (String run :
                List.of(secret.toString(), dir.resolve("..").resolve("missing").toString(), "/etc/passwd")) {
            assertThatThrownBy(() ->
                            EvalCommand.main(new String[] {"--fit", a.toString(), "--fit-source", "RULES=" + run}))
                    .as(run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2", "root:x"));
        }
        assertThatThrownBy(() -> EvalCommand.main(new String[] {"--fit", a.toString(), "--keep-source", "ORACLE"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such source");
    }
}
