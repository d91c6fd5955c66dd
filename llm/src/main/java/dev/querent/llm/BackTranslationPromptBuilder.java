package dev.querent.llm;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the prompt that asks the model to say in one plain-English sentence what a query does, so
 * the user can check the SQL answers the question they meant without reading SQL.
 */
public final class BackTranslationPromptBuilder {
    private static final String SYSTEM = "You explain SQL queries to business users in plain English.";
    private static final String TASK = "Describe in one plain-English sentence what this query returns, phrased"
            + " the way a business user would ask for it. Mention the filters, groupings and ordering that shape"
            + " the result. Do not write SQL, code or backticks, and reply with the sentence only.";
    private static final Pattern FENCED = Pattern.compile("(?s)```.*?(```|\\z)");
    private static final Pattern TAGS = Pattern.compile("(?i)</?answer>");
    private static final Pattern LABEL = Pattern.compile("(?i)^(description|answer|sentence|summary)\\s*:\\s*");

    private final SchemaRenderer renderer;

    public BackTranslationPromptBuilder() {
        this(new SchemaRenderer());
    }

    public BackTranslationPromptBuilder(SchemaRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** A prompt with the query alone. */
    public ChatPrompt build(Dialect dialect, String sql) {
        return prompt(dialect, null, sql);
    }

    /** A prompt with the tables the query uses, whose descriptions help name things in business terms. */
    public ChatPrompt build(SchemaSnapshot schema, List<TableInfo> tables, String sql) {
        return prompt(schema.dialect(), tables.isEmpty() ? null : renderer.render(schema, tables), sql);
    }

    /**
     * The sentence in a model's reply: reasoning, answer tags, code blocks and labels removed, first
     * paragraph only; empty when nothing is left.
     */
    public static Optional<String> extractDescription(String output) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        String text = SqlExtractor.stripReasoning(output.replace("\r\n", "\n"));
        text = FENCED.matcher(text).replaceAll("\n\n");
        text = TAGS.matcher(text).replaceAll("\n\n");
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String p = LABEL.matcher(paragraph.strip().replaceAll("\\s+", " ")).replaceFirst("");
            p = unquote(p);
            if (!p.isEmpty()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static ChatPrompt prompt(Dialect dialect, String ddl, String sql) {
        String query = PromptSections.requireText(sql, "sql");
        StringBuilder sb = new StringBuilder();
        PromptSections.section(sb, "Database Engine", dialect.displayName());
        if (ddl != null) {
            PromptSections.section(sb, "Database Schema", ddl);
        }
        PromptSections.section(sb, "SQL Query", PromptSections.sqlBlock(query));
        PromptSections.section(sb, "Task", TASK);
        return new ChatPrompt(SYSTEM, sb.toString(), null);
    }

    private static String unquote(String s) {
        String t = s;
        while (t.length() >= 2 && isQuote(t.charAt(0)) && isQuote(t.charAt(t.length() - 1))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '\u201c' || c == '\u201d';
    }
}
