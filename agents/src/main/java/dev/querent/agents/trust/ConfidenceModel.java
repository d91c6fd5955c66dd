package dev.querent.agents.trust;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The probability that an answer is right, from its {@link Signals}: one logistic model per answer
 * source, fitted on {@code querent eval} results ({@code querent eval --fit}) and shipped as
 * {@code calibration.json}. A source the file has no model for falls back to the planner's
 * confidence lowered by disagreement — an uncalibrated estimate, and labelled so.
 *
 * <p>It also carries the routing evidence: the plan shapes for which the harness measured the rule
 * planner more accurate than the configured model. Everywhere else a configured model writes.
 */
public final class ConfidenceModel {
    /** The file shipped with the product, fitted on the dev half of the pooled evaluation runs. */
    public static final String RESOURCE = "/dev/querent/agents/trust/calibration.json";

    /**
     * @param weights intercept first, then one weight per {@link Signals#FEATURES} entry
     * @param answers how many answers it was fitted on
     */
    public record SourceModel(List<Double> weights, int answers) {
        public SourceModel {
            weights = List.copyOf(weights);
        }
    }

    /**
     * @param fittedOn what the model was fitted on, for people
     * @param sources one model per {@link AnswerSource} name
     * @param rulesPreferred plan shapes where rules beat the model on the harness
     */
    public record Calibration(
            String fittedOn, List<String> features, Map<String, SourceModel> sources, Set<String> rulesPreferred) {
        public Calibration {
            features = features == null ? List.of() : List.copyOf(features);
            sources = sources == null ? Map.of() : Map.copyOf(sources);
            rulesPreferred = rulesPreferred == null ? Set.of() : Set.copyOf(rulesPreferred);
        }
    }

    /** An estimate and how it was made. */
    public record Estimate(double probability, boolean calibrated) {}

    private final Calibration calibration;

    public ConfidenceModel(Calibration calibration) {
        if (!calibration.sources().isEmpty() && !calibration.features().equals(Signals.FEATURES)) {
            throw new IllegalArgumentException("the calibration was fitted on features " + calibration.features()
                    + ", this version reads " + Signals.FEATURES + "; fit it again with querent eval --fit");
        }
        calibration.sources().forEach((source, m) -> {
            if (m.weights().size() != Signals.FEATURES.size() + 1) {
                throw new IllegalArgumentException("the calibration of " + source + " has "
                        + m.weights().size() + " weights; expected " + (Signals.FEATURES.size() + 1));
            }
        });
        this.calibration = calibration;
    }

    /** No fitted model: every estimate is the uncalibrated fallback; rules never override a model. */
    public static ConfidenceModel uncalibrated() {
        return new ConfidenceModel(new Calibration("nothing", Signals.FEATURES, Map.of(), Set.of()));
    }

    /** The shipped calibration. */
    public static ConfidenceModel shipped() {
        try (InputStream in = ConfidenceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return uncalibrated();
            }
            return new ConfidenceModel(
                    Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Calibration.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calibration in {@code file} (a {@code querent eval --fit} output), the shipped one when none is named. */
    public static ConfidenceModel loadOrShipped(String file) {
        return file == null || file.isBlank() ? shipped() : load(Path.of(file));
    }

    /** A calibration file written by {@code querent eval --fit}. */
    public static ConfidenceModel load(Path file) {
        try {
            return new ConfidenceModel(Json.read(Files.readString(file), Calibration.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the calibration file " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "the calibration file " + file + " is not a querent eval --fit output: " + e.getMessage(), e);
        }
    }

    public Calibration calibration() {
        return calibration;
    }

    public Estimate estimate(Signals s) {
        SourceModel m = calibration.sources().get(s.source().name());
        if (m == null) {
            double p = s.agrees() ? s.planned() : s.planned() * (0.5 + 0.5 * s.agreement());
            return new Estimate(round(p), false);
        }
        return new Estimate(round(probability(m.weights(), s.features())), true);
    }

    /**
     * The highest confidence the calibration can give any answer of {@code source} — every signal at its
     * most favourable end (each feature lies between 0 and 1, {@link Signals#features()}); null when the
     * calibration has no model for it. Below the precision target, no answer of that source is ever
     * trusted, whatever its signals.
     */
    public Double ceiling(String source) {
        SourceModel m = calibration.sources().get(source);
        if (m == null) {
            return null;
        }
        double[] best = new double[m.weights().size() - 1];
        for (int i = 0; i < best.length; i++) {
            best[i] = m.weights().get(i + 1) > 0 ? 1 : 0;
        }
        return round(probability(m.weights(), best));
    }

    /** {@link #ceiling} of every source the calibration has a model for, by source name. */
    public SortedMap<String, Double> ceilings() {
        SortedMap<String, Double> all = new TreeMap<>();
        calibration.sources().keySet().forEach(source -> all.put(source, ceiling(source)));
        return all;
    }

    /** Whether the harness showed rules more accurate than the model for plans of this shape. */
    public boolean rulesPreferred(String shape) {
        return calibration.rulesPreferred().contains(shape);
    }

    /** The logistic function of intercept + weights · features. */
    public static double probability(List<Double> weights, double[] features) {
        double z = weights.getFirst();
        for (int i = 0; i < features.length; i++) {
            z += weights.get(i + 1) * features[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    private static double round(double p) {
        return Math.round(p * 1000) / 1000.0;
    }
}
