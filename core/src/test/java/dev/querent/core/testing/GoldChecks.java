package dev.querent.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs one check over every gold query of a set and fails with the first failures, each with its query. */
public final class GoldChecks {
    private static final int SHOWN_FAILURES = 10;

    private GoldChecks() {}

    /**
     * @param passed what a passing query is called in the printed count ("accepted", "plans consistent")
     * @param problem what is wrong with a query, or null when it passes
     */
    public static void assertEvery(List<GoldQuery> queries, String passed, Function<GoldQuery, String> problem) {
        assertThat(queries).isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (GoldQuery q : queries) {
            String p = problem.apply(q);
            if (p != null) {
                failures.add(q.source() + " [" + q.dialect() + "] " + q.sql() + "\n    -> " + p);
            }
        }
        String source = queries.getFirst().source().replaceFirst(":.*", "");
        System.out.printf("%s: %d/%d %s%n", source, queries.size() - failures.size(), queries.size(), passed);
        int shown = Math.min(SHOWN_FAILURES, failures.size());
        assertThat(failures)
                .as(
                        "%d of %d gold queries of %s fail; the first %d:%n%s",
                        failures.size(), queries.size(), source, shown, String.join("\n", failures.subList(0, shown)))
                .isEmpty();
    }
}
