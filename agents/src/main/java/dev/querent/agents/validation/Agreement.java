package dev.querent.agents.validation;

import java.util.List;

/**
 * How well a back-translated query matches the question it was written for.
 *
 * @param score 0 (unrelated) to 1 (everything the question asks for is in the SQL and the SQL adds
 *     no restriction the question did not ask for)
 * @param missingFromSql question concepts the SQL does not reflect
 * @param extraInSql SQL restrictions and groupings the question does not ask for
 * @param verdict {@link #AGREES}, {@link #PARTIAL} or {@link #DISAGREES}
 */
public record Agreement(double score, List<String> missingFromSql, List<String> extraInSql, String verdict) {

    public static final String AGREES = "AGREES";
    public static final String PARTIAL = "PARTIAL";
    public static final String DISAGREES = "DISAGREES";

    public Agreement {
        missingFromSql = List.copyOf(missingFromSql);
        extraInSql = List.copyOf(extraInSql);
    }

    public boolean agrees() {
        return AGREES.equals(verdict);
    }
}
