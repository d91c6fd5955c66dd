package dev.querent.llm;

import dev.querent.core.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The building blocks the prompt builders share, so the Arctic sections read the same everywhere. */
final class PromptSections {
    static final String ARCTIC_SYSTEM = "You are a data science expert: given a database schema and a question"
            + " in natural language, you write one valid SQL query that answers the question.";
    static final String SCHEMA_NOTE = "The schema above gives every table as a CREATE TABLE statement: its"
            + " columns with their types, descriptions and example values, its primary key, and the foreign"
            + " keys that show how the tables relate to each other.";
    static final String ARCTIC_OUTPUT_FORMAT =
            """
            Output Format:
            Write your step-by-step reasoning inside <think> ... </think>, then give the final answer inside \
            <answer> ... </answer> as a single SQL code block:
            <think>
            your reasoning
            </think>
            <answer>
            ```sql
            -- the SQL query
            ```
            </answer>""";
    private static final int MAX_ERROR_LENGTH = 1000;

    private PromptSections() {}

    static String plainSystem(Dialect dialect) {
        return "You are an expert " + dialect.displayName() + " developer who turns questions about a database"
                + " into correct, read-only SQL queries.";
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.strip();
    }

    static void section(StringBuilder sb, String title, String body) {
        if (!sb.isEmpty()) {
            sb.append("\n\n");
        }
        sb.append(title).append(":\n").append(body);
    }

    /** Glossary and custom instructions, or {@code null} when there are neither. */
    static String domainNotes(PromptOptions options) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> term : options.glossary().entrySet()) {
            sb.append("- ")
                    .append(term.getKey().strip())
                    .append(": ")
                    .append(term.getValue().strip())
                    .append('\n');
        }
        if (options.instructions() != null) {
            sb.append(options.instructions()).append('\n');
        }
        return sb.isEmpty() ? null : sb.toString().stripTrailing();
    }

    static String examples(List<FewShotExample> examples) {
        StringBuilder sb = new StringBuilder();
        for (FewShotExample example : examples) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append("Question: ").append(example.question().strip()).append('\n');
            sb.append(sqlBlock(example.sql()));
        }
        return sb.toString();
    }

    static String sqlBlock(String sql) {
        return "```sql\n" + sql.strip() + "\n```";
    }

    /** The engine's message, cut to a size that cannot crowd out the schema. */
    static String engineError(String error) {
        String e = requireText(error, "engine error");
        return e.length() <= MAX_ERROR_LENGTH ? e : e.substring(0, MAX_ERROR_LENGTH) + " ...";
    }

    /** The Arctic user message around {@code extra} sections placed between question and instructions. */
    static String arcticUser(
            Dialect dialect,
            String schemaDdl,
            String question,
            PromptOptions options,
            List<String[]> extraSections,
            List<String> extraInstructions) {
        StringBuilder sb = new StringBuilder();
        section(sb, "Database Engine", dialect.displayName());
        section(sb, "Database Schema", schemaDdl + "\n\n" + SCHEMA_NOTE);
        String notes = domainNotes(options);
        if (notes != null) {
            section(sb, "Domain Notes", notes);
        }
        if (!options.examples().isEmpty()) {
            section(sb, "Examples", examples(options.examples()));
        }
        section(sb, "Question", question);
        if (options.plan() != null) {
            section(sb, "Plan", options.plan());
        }
        for (String[] extra : extraSections) {
            section(sb, extra[0], extra[1]);
        }
        StringBuilder rules = new StringBuilder();
        for (String line : extraInstructions) {
            rules.append("- ").append(line).append('\n');
        }
        rules.append("- Use only the tables and columns listed in the schema, and write SQL that ")
                .append(dialect.displayName())
                .append(" can run.\n");
        rules.append("- Return exactly the information the question asks for: no requested column missing and no"
                + " extra columns.\n");
        if (options.plan() != null) {
            rules.append("- Follow the plan above; it was confirmed by the person asking.\n");
        }
        if (notes != null) {
            rules.append("- Apply the domain notes wherever they concern the question.\n");
        }
        rules.append("- Think the problem through before answering: which tables, joins, filters, groupings and"
                + " ordering it needs.");
        section(sb, "Instructions", rules.toString());
        sb.append("\n\n").append(ARCTIC_OUTPUT_FORMAT);
        return sb.toString();
    }

    /** The plain-style user message. */
    static String plainUser(
            Dialect dialect,
            String schemaDdl,
            String question,
            PromptOptions options,
            List<String[]> extraSections,
            String task) {
        StringBuilder sb = new StringBuilder();
        section(sb, "Database engine", dialect.displayName());
        section(sb, "Schema", schemaDdl);
        String notes = domainNotes(options);
        if (notes != null) {
            section(sb, "Notes", notes);
        }
        if (!options.examples().isEmpty()) {
            section(sb, "Examples", examples(options.examples()));
        }
        section(sb, "Question", question);
        if (options.plan() != null) {
            section(sb, "Confirmed plan", options.plan());
        }
        for (String[] extra : extraSections) {
            section(sb, extra[0], extra[1]);
        }
        sb.append("\n\n").append(task);
        return sb.toString();
    }

    static String plainTask(Dialect dialect) {
        return "Write one read-only " + dialect.displayName() + " query that answers the question, using only the"
                + " tables and columns above and returning exactly the requested columns. Reply with the query"
                + " alone in a ```sql code block, without explanation.";
    }
}
