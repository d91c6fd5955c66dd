package dev.querent.agents.validation;

import dev.querent.agents.ValidationReport;
import dev.querent.agents.access.ScopeResolver;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardVerdict;
import dev.querent.core.sql.SqlGuard;
import dev.querent.semantics.Agreement;
import dev.querent.semantics.AgreementScorer;
import dev.querent.semantics.BackTranslation;
import dev.querent.semantics.SqlBackTranslator;
import dev.querent.semantics.SqlChecks;
import dev.querent.semantics.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks generated SQL before it runs, in order: the AST safety guard with the schema check, the
 * engine's {@code EXPLAIN} dry run, and back-translation of the SQL into English compared with the
 * question. The first two decide whether it may run; disagreement only lowers confidence and flags
 * the answer for human review.
 */
public final class ValidatorAgent {
    private final SqlGuard guard;
    private final SqlBackTranslator backTranslator;
    private final AgreementScorer scorer;

    public ValidatorAgent(SqlGuard guard, SqlBackTranslator backTranslator, AgreementScorer scorer) {
        this.guard = guard;
        this.backTranslator = backTranslator;
        this.scorer = scorer;
    }

    /** What the SQL means in words, and how well that agrees with the question. */
    public record Meaning(BackTranslation translation, Agreement agreement) {}

    /**
     * The meaning check of {@link #validate} alone: back-translates {@code sql} as written (the LIMIT
     * the guard adds for safety is not part of the answer's meaning) and scores it against the
     * question. Needs no database, so benchmarks measure exactly what users get.
     */
    public Meaning meaning(String question, String sql, SchemaSnapshot schema) {
        return meaning(question, null, sql, schema);
    }

    /**
     * As above, with the instructions that came with the question ({@code hints}, may be null): what
     * they mention may justify the SQL, and the SQL need not show it.
     */
    public Meaning meaning(String question, String hints, String sql, SchemaSnapshot schema) {
        Dialect dialect = schema == null ? null : schema.dialect();
        BackTranslation bt = backTranslator.describe(sql, dialect, schema);
        return new Meaning(bt, scorer.score(question, hints, bt, schema));
    }

    public ValidationOutcome validate(
            String question, String sql, SchemaSnapshot schema, DataSourceInterface connector, QueryLimits limits) {
        return validate(question, null, sql, schema, connector, limits, ScopeResolver.Grant.UNRESTRICTED);
    }

    /**
     * As above, with the instructions that came with the question ({@code hints}, may be null), for a
     * user whose data scope applies: the SQL that runs (and is explained) reads the scoped rows only;
     * {@code schema} is the whole introspected schema.
     */
    public ValidationOutcome validate(
            String question,
            String hints,
            String sql,
            SchemaSnapshot schema,
            DataSourceInterface connector,
            QueryLimits limits,
            ScopeResolver.Grant grant) {
        GuardVerdict verdict = guard.check(sql, schema.dialect(), schema, grant.scope(), grant.attributes());
        if (!verdict.accepted()) {
            List<String> reasons = verdict.rejections().stream()
                    .map(r -> r.code() + ": " + r.message())
                    .toList();
            ValidationReport report =
                    new ValidationReport(false, reasons, verdict.warnings(), null, null, 0, Verdict.DISAGREES, true);
            return new ValidationOutcome(
                    null, report, "The SQL was refused by the safety check: " + String.join("; ", reasons));
        }
        ExplainResult explain = connector.explain(verdict.safeSql(), limits);
        Meaning meaning = meaning(question, hints, sql, schema);
        BackTranslation bt = meaning.translation();
        Agreement agreement = meaning.agreement();
        List<String> warnings = new ArrayList<>(verdict.warnings());
        if (!agreement.missingFromSql().isEmpty()) {
            warnings.add("The question mentions " + SqlChecks.describeConcepts(agreement.missingFromSql(), question)
                    + " but the SQL does not seem to use it.");
        }
        if (!agreement.extraInSql().isEmpty()) {
            warnings.add("The SQL also has " + SqlChecks.describeConcepts(agreement.extraInSql(), question)
                    + ", which the question does not mention.");
        }
        if (verdict.safeSql().limitAdded() && !SqlChecks.returnsOneRow(sql)) {
            warnings.add("A row limit was added to the query.");
        }
        SqlChecks.namesakeWarning(sql, schema).ifPresent(warnings::add);
        SqlChecks.hints(sql, schema.dialect(), schema).forEach(h -> warnings.add("Performance: " + h));
        ValidationReport report = new ValidationReport(
                        true,
                        List.of(),
                        warnings,
                        explain.ok(),
                        bt.text(),
                        agreement.score(),
                        agreement.verdict(),
                        !agreement.agrees())
                .withEstimates(
                        explain.ok() ? explain.estimatedRows() : null, explain.ok() ? explain.estimatedBytes() : null);
        return new ValidationOutcome(
                explain.ok() ? grant.apply(verdict.safeSql()) : null,
                report,
                explain.ok() ? null : "The database could not plan the query: " + explain.error(),
                agreement);
    }
}
