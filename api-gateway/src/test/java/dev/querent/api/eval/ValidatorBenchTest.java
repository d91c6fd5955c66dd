package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.querent.api.eval.ValidatorBench.Row;
import dev.querent.semantics.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorBenchTest {
    private static Row row(String kind, double score) {
        return new Row(
                "s",
                "db",
                "dev",
                "q",
                kind,
                true,
                "SELECT 1",
                true,
                score,
                Verdict.AGREES,
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void aucIsTheChanceThatGoldOutscoresWrongWithTiesHalf() {
        assertThat(ValidatorBench.auc(List.of(row("gold", 0.9), row("gold", 0.8)), List.of(row("x", 0.1))))
                .isEqualTo(1.0);
        assertThat(ValidatorBench.auc(List.of(row("gold", 0.1)), List.of(row("x", 0.9))))
                .isEqualTo(0.0);
        assertThat(ValidatorBench.auc(List.of(row("gold", 0.5)), List.of(row("x", 0.5))))
                .isEqualTo(0.5);
        // pairs: (0.9 > 0.5), (0.9 > 0.2), (0.3 < 0.5), (0.3 > 0.2) -> 3 of 4
        assertThat(ValidatorBench.auc(
                        List.of(row("gold", 0.9), row("gold", 0.3)), List.of(row("x", 0.5), row("x", 0.2))))
                .isCloseTo(0.75, within(1e-9));
        assertThat(ValidatorBench.auc(List.of(), List.of(row("x", 0.5)))).isNaN();
    }

    @Test
    void theSplitOfAnyQuestionIsTheSplitOfTheSameDefogQuestion() {
        QuestionSet.Question q = new QuestionSet.Question(1, "academic", "", "How many papers?", List.of());
        assertThat(QuestionSet.split("academic", "How many papers?")).isEqualTo(QuestionSet.split(q));
    }
}
