package dev.querent.llm;

import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.List;
import java.util.Objects;

/**
 * Builds the self-correction prompt: the original task plus the query that failed and the engine's
 * error, asking for a corrected query in the same output format as {@link SqlPromptBuilder}.
 */
public final class SqlRepairPromptBuilder {
    private final SchemaRenderer renderer;

    public SqlRepairPromptBuilder() {
        this(new SchemaRenderer());
    }

    public SqlRepairPromptBuilder(SchemaRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    public ChatPrompt build(
            SchemaSnapshot schema, String question, String failedSql, String engineError, PromptOptions options) {
        return build(schema, schema.tables(), question, failedSql, engineError, options);
    }

    /**
     * @param failedSql the query the engine (or Querent's validator) rejected
     * @param engineError its error message; long messages are cut
     */
    public ChatPrompt build(
            SchemaSnapshot schema,
            List<TableInfo> tables,
            String question,
            String failedSql,
            String engineError,
            PromptOptions options) {
        String q = PromptSections.requireText(question, "question");
        String sql = PromptSections.requireText(failedSql, "failed SQL");
        String error = PromptSections.engineError(engineError);
        PromptOptions o = options == null ? PromptOptions.defaults() : options;
        String ddl = renderer.render(schema, tables);
        List<String[]> attempt = List.of(
                new String[] {"Previous Attempt", PromptSections.sqlBlock(sql)},
                new String[] {"Database Error", error});
        if (o.style() == PromptStyle.PLAIN) {
            String task = "The previous query failed with the error above. Write a corrected read-only "
                    + schema.dialect().displayName() + " query that answers the question, using only the tables"
                    + " and columns above. Reply with the query alone in a ```sql code block, without explanation.";
            return new ChatPrompt(
                    PromptSections.plainSystem(schema.dialect()),
                    PromptSections.plainUser(schema.dialect(), ddl, q, o, attempt, task),
                    null);
        }
        List<String> fix = List.of("The previous attempt failed with the database error above: work out why, and"
                + " write a corrected query rather than repeating it.");
        return new ChatPrompt(
                PromptSections.ARCTIC_SYSTEM,
                PromptSections.arcticUser(schema.dialect(), ddl, q, o, attempt, fix),
                SqlPromptBuilder.ARCTIC_PREFILL);
    }
}
