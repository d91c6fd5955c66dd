package dev.querent.agents.trust;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.ValidationReport;
import dev.querent.agents.validation.ValidationOutcome;
import dev.querent.semantics.Agreement;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.Verdict;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the product knows about an answer when it is made, as the confidence model reads it.
 *
 * @param source who wrote the SQL
 * @param planned the planner's own confidence (rules: its reading of the question; a pattern: its
 *     similarity; a model: 1)
 * @param agreement the validator's agreement of the SQL's back-translation with the question, 0..1
 * @param agrees the validator's verdict was AGREES
 * @param missing question concepts the SQL does not reflect
 * @param extra restrictions or groupings in the SQL the question did not ask for
 * @param explainOk the engine planned the query
 * @param rows rows the answer returned (-1 before execution)
 * @param shape the plan's shape ({@link Shapes#of}), for routing; "open" when the plan has no structure
 * @param missingCritical kinds of missing concept that change the answer (aggregate, value,
 *     comparison, negation, limit, date, grouping, ranking)
 * @param extraRestriction kinds of restriction the SQL adds that nobody asked for
 * @param odd the SQL holds a construct no question asks for (a join on a non-key pair, a sum of ids)
 */
public record Signals(
        AnswerSource source,
        double planned,
        double agreement,
        boolean agrees,
        int missing,
        int extra,
        boolean explainOk,
        long rows,
        String shape,
        int missingCritical,
        int extraRestriction,
        boolean odd) {

    /** Kinds of missing concept that change what the answer means, not just its wording. */
    private static final Set<ConceptKind> CRITICAL = EnumSet.of(
            ConceptKind.AGG,
            ConceptKind.VALUE,
            ConceptKind.COMPARE,
            ConceptKind.NEGATION,
            ConceptKind.LIMIT,
            ConceptKind.YEAR,
            ConceptKind.MONTH,
            ConceptKind.GROUP,
            ConceptKind.GRAIN,
            ConceptKind.RANK,
            ConceptKind.RECENT);

    /** Kinds of restriction that narrow the rows. */
    private static final Set<ConceptKind> RESTRICTIONS = EnumSet.of(
            ConceptKind.VALUE,
            ConceptKind.COMPARE,
            ConceptKind.NEGATION,
            ConceptKind.LIMIT,
            ConceptKind.YEAR,
            ConceptKind.MONTH,
            ConceptKind.FLAG,
            ConceptKind.RECENT);

    /** The signals of an answer that ran: the validator's findings and what execution returned. */
    public static Signals of(AnswerSource source, double planned, ValidationOutcome outcome, long rows, String shape) {
        Agreement a = outcome.agreement();
        ValidationReport r = outcome.report();
        return new Signals(
                source,
                planned,
                r.agreement(),
                r.verdict() == Verdict.AGREES,
                a == null ? 0 : a.missingFromSql().size(),
                a == null ? 0 : a.extraInSql().size(),
                !Boolean.FALSE.equals(r.explainOk()),
                rows,
                shape,
                a == null ? 0 : count(a.missingKinds(), CRITICAL),
                a == null ? 0 : count(a.extraKinds(), RESTRICTIONS),
                a != null && a.extraKinds().contains(ConceptKind.ODD));
    }

    private static int count(Set<ConceptKind> kinds, Set<ConceptKind> of) {
        return (int) kinds.stream().filter(of::contains).count();
    }

    /** The names of {@link #features()}, in order (after the intercept). */
    public static final List<String> FEATURES = List.of(
            "planned",
            "agreement",
            "agrees",
            "missing",
            "extra",
            "explainFailed",
            "empty",
            "singleRow",
            "missingCritical",
            "extraRestriction",
            "odd");

    /**
     * Which way each feature may move the estimate (+1 only up, -1 only down, 0 either): more
     * agreement never makes an answer less likely right, a missing concept never more. The fit keeps
     * to these, so a small sample cannot learn a sign that contradicts what the signal means.
     */
    public static final List<Integer> DIRECTIONS = List.of(1, 1, 1, -1, -1, -1, 0, 0, -1, -1, -1);

    /** The model's inputs: bounded numbers, so no signal can dominate by its scale. */
    public double[] features() {
        return new double[] {
            clamp(planned),
            clamp(agreement),
            agrees ? 1 : 0,
            Math.min(missing, 3) / 3.0,
            Math.min(extra, 3) / 3.0,
            explainOk ? 0 : 1,
            rows == 0 ? 1 : 0,
            rows == 1 ? 1 : 0,
            Math.min(missingCritical, 3) / 3.0,
            Math.min(extraRestriction, 3) / 3.0,
            odd ? 1 : 0
        };
    }

    /** For reports: the features by name. */
    public Map<String, Double> named() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] f = features();
        for (int i = 0; i < f.length; i++) {
            m.put(FEATURES.get(i), f[i]);
        }
        return m;
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
