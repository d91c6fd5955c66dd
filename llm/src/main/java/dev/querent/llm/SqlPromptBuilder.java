package dev.querent.llm;

import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.List;
import java.util.Objects;

/**
 * Builds the text-to-SQL prompt. In {@link PromptStyle#ARCTIC} style it follows the format
 * Arctic-Text2SQL-R1 was trained on (engine, schema, question, instructions, {@code <think>} and
 * {@code <answer>} output) and pre-fills the assistant turn to open the reasoning; optional
 * sections (domain notes, examples, a confirmed plan) sit where the model expects context. {@link
 * PromptStyle#PLAIN} style asks a general instruct model for the SQL alone.
 */
public final class SqlPromptBuilder {
    /** How Arctic-Text2SQL-R1's answers begin: a short line, then the opening think tag. */
    public static final String ARCTIC_PREFILL = "Let me work through this step by step.\n<think>\n";

    private final SchemaRenderer renderer;

    public SqlPromptBuilder() {
        this(new SchemaRenderer());
    }

    public SqlPromptBuilder(SchemaRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** A prompt over every table of {@code schema}. */
    public ChatPrompt build(SchemaSnapshot schema, String question, PromptOptions options) {
        return build(schema, schema.tables(), question, options);
    }

    /** A prompt over {@code tables} only, e.g. those retrieval picked for the question. */
    public ChatPrompt build(SchemaSnapshot schema, List<TableInfo> tables, String question, PromptOptions options) {
        String q = PromptSections.requireText(question, "question");
        PromptOptions o = options == null ? PromptOptions.defaults() : options;
        String ddl = renderer.render(schema, tables);
        if (o.style() == PromptStyle.PLAIN) {
            return new ChatPrompt(
                    PromptSections.plainSystem(schema.dialect()),
                    PromptSections.plainUser(
                            schema.dialect(), ddl, q, o, List.of(), PromptSections.plainTask(schema.dialect())),
                    null);
        }
        return new ChatPrompt(
                PromptSections.ARCTIC_SYSTEM,
                PromptSections.arcticUser(schema.dialect(), ddl, q, o, List.of(), List.of()),
                ARCTIC_PREFILL);
    }
}
