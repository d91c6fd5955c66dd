package dev.querent.agents.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.querent.agents.AnswerSource;
import dev.querent.semantics.QueryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfidenceModelTest {
    private static Signals signals(AnswerSource source, double planned, double agreement, boolean agrees) {
        return new Signals(source, planned, agreement, agrees, 0, 0, true, 5, "count", 0, 0, false);
    }

    @Test
    void withoutAFittedModelAgreementKeepsThePlannersConfidenceAndDisagreementLowersIt() {
        ConfidenceModel m = ConfidenceModel.uncalibrated();
        assertThat(m.estimate(signals(AnswerSource.RULES, 0.9, 0.85, true)))
                .isEqualTo(new ConfidenceModel.Estimate(0.9, false));
        assertThat(m.estimate(signals(AnswerSource.RULES, 0.9, 0.6, false)).probability())
                .isCloseTo(0.72, offset(1e-9));
        assertThat(m.estimate(signals(AnswerSource.RULES, 0.9, 0.0, false)).probability())
                .isCloseTo(0.45, offset(1e-9));
        assertThat(m.rulesPreferred("count")).isFalse();
    }

    @Test
    void aFittedSourceIsTheLogisticOfItsWeightedSignals() {
        List<Double> w = new ArrayList<>(java.util.Collections.nCopies(Signals.FEATURES.size() + 1, 0.0));
        w.set(0, -1.0);
        w.set(1 + Signals.FEATURES.indexOf("agrees"), 2.0);
        ConfidenceModel m = new ConfidenceModel(new ConfidenceModel.Calibration(
                "test", Signals.FEATURES, Map.of("LLM", new ConfidenceModel.SourceModel(w, 10)), Set.of("sum")));
        ConfidenceModel.Estimate agrees = m.estimate(signals(AnswerSource.LLM, 0.5, 0.9, true));
        assertThat(agrees.calibrated()).isTrue();
        assertThat(agrees.probability()).isCloseTo(1 / (1 + Math.exp(-1.0)), offset(0.001));
        assertThat(m.estimate(signals(AnswerSource.LLM, 0.5, 0.9, false)).probability())
                .isCloseTo(1 / (1 + Math.exp(1.0)), offset(0.001));
        // Rules have no model in this file: the uncalibrated fallback.
        assertThat(m.estimate(signals(AnswerSource.RULES, 0.8, 0.9, true)).calibrated())
                .isFalse();
        assertThat(m.rulesPreferred("sum")).isTrue();
        assertThat(m.rulesPreferred("count")).isFalse();
    }

    /**
     * The ceiling is the best estimate any signals reach: the intercept with every positive weight at
     * its feature's top, every negative one at 0 — and no signals give more.
     */
    @Test
    void aSourcesCeilingIsTheMostAnyOfItsAnswersCanBeGiven() {
        List<Double> w = new ArrayList<>(java.util.Collections.nCopies(Signals.FEATURES.size() + 1, 0.0));
        w.set(0, -0.5);
        w.set(1 + Signals.FEATURES.indexOf("planned"), 1.5);
        w.set(1 + Signals.FEATURES.indexOf("agrees"), 0.5);
        w.set(1 + Signals.FEATURES.indexOf("missing"), -2.0);
        ConfidenceModel m = new ConfidenceModel(new ConfidenceModel.Calibration(
                "test", Signals.FEATURES, Map.of("RULES", new ConfidenceModel.SourceModel(w, 10)), Set.of()));
        double ceiling = 1 / (1 + Math.exp(-1.5));
        assertThat(m.ceiling("RULES")).isCloseTo(ceiling, offset(0.001));
        assertThat(m.ceiling("LLM")).isNull();
        assertThat(m.estimate(signals(AnswerSource.RULES, 1.0, 1.0, true)).probability())
                .isCloseTo(ceiling, offset(0.001));
        assertThat(m.estimate(new Signals(AnswerSource.RULES, 1.0, 1.0, true, 3, 0, true, 5, "count", 0, 0, false))
                        .probability())
                .isLessThan(ceiling);
    }

    @Test
    void aFileFittedOnOtherFeaturesIsRefusedWithTheCommandThatFixesIt() {
        assertThatThrownBy(() -> new ConfidenceModel(new ConfidenceModel.Calibration(
                        "old",
                        List.of("planned"),
                        Map.of("LLM", new ConfidenceModel.SourceModel(List.of(0.0, 1.0), 3)),
                        Set.of())))
                .hasMessageContaining("querent eval --fit");
    }

    @Test
    void theShippedCalibrationLoadsAndCoversEverySource() {
        ConfidenceModel m = ConfidenceModel.shipped();
        assertThat(m.calibration().sources()).containsKeys("RULES", "LLM");
        double p = m.estimate(signals(AnswerSource.LLM, 0.5, 1.0, true)).probability();
        assertThat(p).isBetween(0.0, 1.0);
    }

    @Test
    void shapesPoolPlansByWhatTheyMeasureAndWhetherTheyGroupJoinOrRank() {
        assertThat(Shapes.of(null)).isEqualTo(Shapes.OPEN);
        assertThat(Shapes.of(QueryPlan.summaryOnly("x"))).isEqualTo(Shapes.OPEN);
        QueryPlan.ColumnRef id = new QueryPlan.ColumnRef("t", "id");
        QueryPlan plan = new QueryPlan(
                List.of("t"),
                List.of(),
                List.of(),
                List.of(new QueryPlan.Measure(QueryPlan.Aggregate.COUNT, id, "n")),
                List.of(),
                List.of(),
                List.of(),
                5,
                false,
                "s");
        assertThat(Shapes.of(plan)).isEqualTo("count+top");
    }

    @Test
    void aCalibrationFileThatIsMissingOrNotJsonIsRefusedNamingTheFile() throws Exception {
        java.nio.file.Path missing = java.nio.file.Path.of("/nonexistent/calibration.json");
        assertThatThrownBy(() -> ConfidenceModel.load(missing)).hasMessageContaining(missing.toString());
        java.nio.file.Path garbage = java.nio.file.Files.createTempFile("calibration", ".json");
        java.nio.file.Files.writeString(garbage, "{\"sources\": \"../../etc/passwd\"");
        assertThatThrownBy(() -> ConfidenceModel.load(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString());
    }
}
