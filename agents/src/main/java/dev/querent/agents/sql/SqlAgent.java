package dev.querent.agents.sql;

import dev.querent.agents.AnswerSource;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes SQL for a confirmed plan with whichever source the Planner chose; a model's SQL drafted
 * before confirmation ({@link #draft}) is what runs.
 */
public final class SqlAgent {
    private final PlanSqlCompiler compiler;
    private final Optional<LlmSqlWriter> llm;

    public SqlAgent(PlanSqlCompiler compiler, Optional<LlmSqlWriter> llm) {
        this.compiler = compiler;
        this.llm = llm;
    }

    public boolean llmAvailable() {
        return llm.isPresent();
    }

    public GeneratedSql write(
            AnswerSource source,
            String question,
            QueryPlan plan,
            String draftSql,
            DataSourceId dataSourceId,
            SchemaSnapshot schema) {
        return write(source, question, null, plan, draftSql, dataSourceId, schema);
    }

    /** @param instructions how to answer, given with the question, or null; the model is shown them */
    public GeneratedSql write(
            AnswerSource source,
            String question,
            String instructions,
            QueryPlan plan,
            String draftSql,
            DataSourceId dataSourceId,
            SchemaSnapshot schema) {
        return switch (source) {
            case PATTERN -> new GeneratedSql(draftSql, AnswerSource.PATTERN, 0, 0);
            case RULES -> new GeneratedSql(compile(plan, schema), AnswerSource.RULES, 0, 0);
            case LLM ->
                draftSql != null
                        ? new GeneratedSql(draftSql, AnswerSource.LLM, 0, 0)
                        : llm.orElseThrow(() -> new QuerentException(
                                        ErrorCode.LLM_UNAVAILABLE, "No language model is configured for this answer."))
                                .write(question, instructions, plan, dataSourceId, schema);
        };
    }

    /**
     * The model's SQL for a question before anyone confirms it: written over the retrieved schema
     * (or the plan's tables), {@code progress} hearing the text so far while it streams. Confirm
     * then runs exactly this SQL.
     */
    public GeneratedSql draft(
            String question,
            String instructions,
            QueryPlan plan,
            DataSourceId dataSourceId,
            SchemaSnapshot schema,
            Consumer<String> progress) {
        return llm.orElseThrow(() -> new QuerentException(
                        ErrorCode.LLM_UNAVAILABLE, "No language model is configured for this answer."))
                .write(question, instructions, plan, dataSourceId, schema, progress);
    }

    /**
     * One repair attempt after a failure: the model rewrites its SQL. Compiled and pattern SQL are
     * deterministic, so retrying them would fail the same way: empty.
     */
    public Optional<GeneratedSql> repair(
            AnswerSource source,
            String question,
            QueryPlan plan,
            String failedSql,
            String error,
            DataSourceId dataSourceId,
            SchemaSnapshot schema) {
        if (source == AnswerSource.LLM && llm.isPresent()) {
            return Optional.of(llm.get().repair(question, failedSql, error, dataSourceId, schema));
        }
        return Optional.empty();
    }

    private String compile(QueryPlan plan, SchemaSnapshot schema) {
        try {
            return compiler.compile(plan, schema.dialect(), schema);
        } catch (IllegalArgumentException e) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "The plan cannot be compiled: " + e.getMessage(), e);
        }
    }
}
