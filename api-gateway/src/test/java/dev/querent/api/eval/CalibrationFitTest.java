package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.trust.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationFitTest {
    private static double[] x(double agreement, double agrees) {
        double[] f = new double[Signals.FEATURES.size()];
        f[1] = agreement;
        f[2] = agrees;
        return f;
    }

    /** Answers right with probability 0.2 + 0.7 × agreement: a calibrated fit recovers that on held-out rows. */
    @Test
    void theFitIsCalibratedOnHeldOutRowsAndUsesTheSignal() {
        Random rnd = new Random(7);
        List<CalibrationFit.Row> rows = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double a = rnd.nextDouble();
            boolean right = rnd.nextDouble() < 0.2 + 0.7 * a;
            rows.add(new CalibrationFit.Row("LLM", i % 2 == 0 ? "dev" : "test", "open", x(a, a > 0.8 ? 1 : 0), right));
        }
        var calibration = CalibrationFit.fit(rows, "synthetic");
        ConfidenceModel model = new ConfidenceModel(calibration);
        List<CalibrationFit.Scored> test = CalibrationFit.score(rows, model, "test");
        assertThat(test).hasSize(2000);
        assertThat(CalibrationFit.ece(test)).isLessThan(0.05);
        double low =
                ConfidenceModel.probability(calibration.sources().get("LLM").weights(), x(0.05, 0));
        double high =
                ConfidenceModel.probability(calibration.sources().get("LLM").weights(), x(0.95, 1));
        assertThat(low).isLessThan(0.35);
        assertThat(high).isGreaterThan(0.75);
    }

    @Test
    void eceCurveAndTargetAreComputedAsDefined() {
        List<CalibrationFit.Scored> s = List.of(
                new CalibrationFit.Scored("R", 0.95, true),
                new CalibrationFit.Scored("R", 0.95, false),
                new CalibrationFit.Scored("R", 0.15, false));
        // Bin 9: confidence 0.95, accuracy 0.5 (2 of 3 answers); bin 1: 0.15 vs 0 (1 of 3).
        assertThat(CalibrationFit.ece(s)).isCloseTo(0.45 * 2 / 3 + 0.15 / 3, offset(1e-9));
        List<double[]> curve = CalibrationFit.curve(s, 10);
        assertThat(curve).hasSize(2);
        assertThat(curve.get(0)).containsExactly(0.95, 0.5, 0.2);
        assertThat(CalibrationFit.atTarget(s, 10, 0.9)).containsExactly(0.5, 0.2, 2.0);
        assertThat(CalibrationFit.svg(curve, "t")).startsWith("<svg").contains("<path d=\"M");
    }

    /** The report names a source whose model never reaches the target, and only that one. */
    @Test
    void theReportSaysWhichSourceCanNeverBeTrusted() {
        List<Double> low = new ArrayList<>(java.util.Collections.nCopies(Signals.FEATURES.size() + 1, 0.0));
        low.set(0, -0.6);
        low.set(1, 2.5); // at most sigmoid(1.9) = 0.870
        List<Double> high = new ArrayList<>(low);
        high.set(0, 2.0);
        var model = new ConfidenceModel(new ConfidenceModel.Calibration(
                "t",
                Signals.FEATURES,
                java.util.Map.of(
                        "RULES", new ConfidenceModel.SourceModel(low, 10),
                        "LLM", new ConfidenceModel.SourceModel(high, 10)),
                java.util.Set.of()));
        assertThat(EvalCommand.ceilings(model, 0.9))
                .isEqualTo("\nHighest confidence each source's model can give an answer: LLM 0.989; RULES 0.870"
                        + " (below the target: none of its answers can be trusted).\n");
        assertThat(EvalCommand.ceilings(model, 0.8)).doesNotContain("below the target");
    }

    @Test
    void rulesArePreferredOnlyForShapesWhereTheyWereMoreAccurateWithEnoughAnswers() {
        List<CalibrationFit.Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(new CalibrationFit.Row("RULES", "dev", "count", x(1, 1), true));
            rows.add(new CalibrationFit.Row("LLM", "dev", "count", x(1, 1), i < 3));
            rows.add(new CalibrationFit.Row("RULES", "dev", "sum", x(1, 1), i < 2));
            rows.add(new CalibrationFit.Row("LLM", "dev", "sum", x(1, 1), true));
            // Held-out rows never count.
            rows.add(new CalibrationFit.Row("RULES", "test", "avg", x(1, 1), true));
            rows.add(new CalibrationFit.Row("LLM", "test", "avg", x(1, 1), false));
        }
        rows.add(new CalibrationFit.Row("RULES", "dev", "max", x(1, 1), true));
        rows.add(new CalibrationFit.Row("LLM", "dev", "max", x(1, 1), false));
        assertThat(CalibrationFit.rulesPreferred(rows)).containsExactly("count");
    }

    @Test
    void aSmallSourceGetsItsSmoothedBaseRateOnly() {
        List<CalibrationFit.Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new CalibrationFit.Row("PATTERN", "dev", "open", x(i / 5.0, 0), i != 0));
        }
        var m = CalibrationFit.logistic(rows);
        assertThat(m.weights().subList(1, m.weights().size())).allMatch(w -> w == 0.0);
        assertThat(ConfidenceModel.probability(m.weights(), x(0, 0))).isBetween(0.6, 0.85);
    }

    /** A small sample where missing concepts happen to go with right answers cannot learn that sign. */
    @Test
    void aWeightNeverTakesTheSignItsSignalForbids() {
        List<CalibrationFit.Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] f = x(0.5, 0);
            f[3] = i % 2; // "missing"
            rows.add(new CalibrationFit.Row("RULES", "dev", "count", f, i % 2 == 1));
        }
        var m = CalibrationFit.logistic(rows, 0.3);
        assertThat(m.weights().get(1 + Signals.FEATURES.indexOf("missing"))).isEqualTo(0.0);
    }
    /**
     * A source tuned on the dev half (right 9 times in 10 there) but right half the time on questions
     * it never saw: fitted elsewhere, its estimate follows those; a kept source keeps its weights.
     */
    @Test
    void aSourceFittedElsewhereFollowsThoseRowsAndAKeptSourceKeepsItsModel() {
        List<CalibrationFit.Row> rows = new ArrayList<>();
        List<CalibrationFit.Row> unseen = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new CalibrationFit.Row("RULES", "dev", "count", x(0.5, 0), i % 10 != 0));
            rows.add(new CalibrationFit.Row("LLM", "dev", "count", x(0.5, 0), true));
            unseen.add(new CalibrationFit.Row("RULES", i % 2 == 0 ? "dev" : "test", "count", x(0.5, 0), i % 2 == 0));
            unseen.add(new CalibrationFit.Row("LLM", "dev", "count", x(0.5, 0), false));
        }
        var kept = new ConfidenceModel.SourceModel(
                List.of(0.25, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), 7);
        var tunedOn = CalibrationFit.fit(rows, "dev");
        var elsewhere = CalibrationFit.fit(
                rows, "unseen", rows, java.util.Map.of("RULES", unseen), java.util.Map.of("LLM", kept));
        double[] f = x(0.5, 0);
        assertThat(ConfidenceModel.probability(tunedOn.sources().get("RULES").weights(), f))
                .isGreaterThan(0.85);
        assertThat(ConfidenceModel.probability(elsewhere.sources().get("RULES").weights(), f))
                .isCloseTo(0.5, offset(0.03));
        assertThat(elsewhere.sources().get("RULES").answers()).isEqualTo(200);
        assertThat(elsewhere.sources().get("LLM")).isEqualTo(kept);
    }
}
