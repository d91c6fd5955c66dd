package dev.querent.agents.sql;

import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.QueryPlan;
import java.util.function.Consumer;

/** Writes SQL with a language model. Absent when no LLM is configured. */
public interface LlmSqlWriter {

    GeneratedSql write(String question, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema);

    /**
     * As {@link #write(String, QueryPlan, DataSourceId, SchemaSnapshot)}, following the instructions
     * that came with the question (null for none). Writers that cannot show them write without.
     */
    default GeneratedSql write(
            String question, String instructions, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema) {
        return write(question, plan, dataSourceId, schema);
    }

    /**
     * As {@link #write(String, String, QueryPlan, DataSourceId, SchemaSnapshot)}, telling {@code
     * progress} the text written so far while a single candidate streams in (writers that cannot
     * stream write without telling).
     */
    default GeneratedSql write(
            String question,
            String instructions,
            QueryPlan plan,
            DataSourceId dataSourceId,
            SchemaSnapshot schema,
            Consumer<String> progress) {
        return write(question, instructions, plan, dataSourceId, schema);
    }

    /** Asks the model to fix {@code sql} given the engine's or the validator's {@code error}. */
    GeneratedSql repair(String question, String sql, String error, DataSourceId dataSourceId, SchemaSnapshot schema);
}
