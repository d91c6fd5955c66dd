package dev.querent.semantics;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How well a back-translated query matches the question it was written for.
 *
 * @param score 0 (unrelated) to 1 (everything the question asks for is in the SQL and the SQL adds
 *     no restriction the question did not ask for)
 * @param missingFromSql question concepts the SQL does not reflect
 * @param extraInSql SQL restrictions and groupings the question does not ask for
 */
public record Agreement(double score, List<Concept> missingFromSql, List<Concept> extraInSql, Verdict verdict) {

    public Agreement {
        missingFromSql = List.copyOf(missingFromSql);
        extraInSql = List.copyOf(extraInSql);
    }

    public boolean agrees() {
        return verdict == Verdict.AGREES;
    }

    /** The kinds of what the SQL misses (an aggregate, a value, a grouping, ...), typed, for calibration. */
    public Set<ConceptKind> missingKinds() {
        return kinds(missingFromSql);
    }

    /** The kinds of what the SQL adds unasked (a filter, a grouping, an odd join, a column, ...). */
    public Set<ConceptKind> extraKinds() {
        return kinds(extraInSql);
    }

    private static Set<ConceptKind> kinds(List<Concept> concepts) {
        Set<ConceptKind> out = EnumSet.noneOf(ConceptKind.class);
        concepts.forEach(c -> out.add(c.kind()));
        return out;
    }
}
