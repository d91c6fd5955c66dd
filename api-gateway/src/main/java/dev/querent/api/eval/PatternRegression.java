package dev.querent.api.eval;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.DataSourceView;
import dev.querent.api.eval.EvalRunner.Result;
import dev.querent.api.eval.QuestionSet.Question;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A project's verified patterns as a regression set: each pattern's question is asked with that
 * pattern withheld (so the model, the rules and the other patterns must answer it), and the answer
 * is judged against the rows the pattern's SQL returns today. A pattern whose SQL no longer runs
 * (schema drift) is reported as GOLD_FAILED. Run on a copy of the data directory: questions create
 * chats, and a pattern is hidden while its question is asked.
 */
final class PatternRegression {
    private final PatternStore patterns;
    private final DataSourceService dataSources;
    private final EvalRunner runner;

    PatternRegression(PatternStore patterns, DataSourceService dataSources, EvalRunner runner) {
        this.patterns = patterns;
        this.dataSources = dataSources;
        this.runner = runner;
    }

    /** Every verified pattern of the data sources named (all when {@code onlySource} is null). */
    void run(String onlySource, Consumer<Result> out) {
        for (DataSourceView ds : dataSources.list()) {
            if (onlySource != null && !onlySource.equals(ds.name())) {
                continue;
            }
            List<QueryPattern> verified = new ArrayList<>(patterns.list(ds.id(), PatternStatus.VERIFIED, null));
            int i = 0;
            for (QueryPattern p : verified) {
                Question q = new Question(++i, ds.name(), "pattern", p.question(), List.of(p.sql()));
                patterns.setStatus(p.id(), PatternStatus.CANDIDATE);
                try {
                    out.accept(runner.one(q, ds.id()));
                } finally {
                    patterns.setStatus(p.id(), PatternStatus.VERIFIED);
                }
            }
        }
    }

    /** Whether every pattern's answer still matches its rows. */
    static boolean passed(List<Result> results) {
        return results.stream().allMatch(r -> r.match().equals("EXACT"));
    }

    static Map<String, Long> failures(List<Result> results) {
        return results.stream()
                .filter(r -> !r.match().equals("EXACT"))
                .collect(java.util.stream.Collectors.groupingBy(Result::match, java.util.stream.Collectors.counting()));
    }
}
