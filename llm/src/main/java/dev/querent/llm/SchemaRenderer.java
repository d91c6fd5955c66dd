package dev.querent.llm;

import dev.querent.core.Dialect;
import dev.querent.core.dialect.IdentifierQuote;
import dev.querent.core.dialect.SqlDialect;
import dev.querent.core.dialect.TypeFamily;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders tables the way Arctic-Text2SQL-R1 saw schemas in training: one {@code CREATE TABLE} per
 * table, each column as {@code name TYPE, -- description, example: ['v1', 'v2']}, then the primary
 * key and {@code CONSTRAINT fk_… FOREIGN KEY (…) REFERENCES …} lines. Relationships inferred from
 * the data rather than declared get the same line with a trailing {@code -- inferred} comment.
 *
 * <p>Identifiers that are reserved words, contain special characters, or whose case the engine
 * would fold are quoted with the engine's own quote character (back-quotes for SQLite, MySQL and
 * BigQuery; double quotes for PostgreSQL, DuckDB and Snowflake): the model copies the quoting it
 * sees, so it must be quoting the engine accepts.
 */
public final class SchemaRenderer {
    public static final int DEFAULT_MAX_SAMPLE_VALUES = 6;
    public static final int DEFAULT_MAX_VALUE_LENGTH = 40;

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final int maxSampleValues;
    private final int maxValueLength;

    public SchemaRenderer() {
        this(DEFAULT_MAX_SAMPLE_VALUES, DEFAULT_MAX_VALUE_LENGTH);
    }

    /**
     * @param maxSampleValues example values shown per column
     * @param maxValueLength characters kept of each example value; longer ones end in {@code ...}
     */
    public SchemaRenderer(int maxSampleValues, int maxValueLength) {
        if (maxSampleValues < 0 || maxValueLength < 1) {
            throw new IllegalArgumentException("maxSampleValues >= 0 and maxValueLength >= 1 required");
        }
        this.maxSampleValues = maxSampleValues;
        this.maxValueLength = maxValueLength;
    }

    /** Every table of {@code schema}, separated by blank lines. */
    public String render(SchemaSnapshot schema) {
        return render(schema, schema.tables());
    }

    /**
     * Only {@code tables} (typically those retrieval picked for the question), named relative to
     * {@code schema}'s dialect and default schema.
     */
    public String render(SchemaSnapshot schema, List<TableInfo> tables) {
        return tables.stream()
                .map(t -> renderTable(schema.dialect(), schema.defaultSchema(), t))
                .collect(Collectors.joining("\n\n"));
    }

    public String renderTable(Dialect dialect, String defaultSchema, TableInfo table) {
        StringBuilder sb = new StringBuilder();
        String tableComment = comment(table.comment(), table.name());
        if (table.kind() == TableKind.VIEW) {
            sb.append("-- view")
                    .append(tableComment == null ? "" : ": " + tableComment)
                    .append('\n');
        } else if (tableComment != null) {
            sb.append("-- ").append(tableComment).append('\n');
        }
        sb.append("CREATE TABLE ")
                .append(qualified(dialect, defaultSchema, table.schema(), table.name()))
                .append(" (\n");
        List<String[]> items = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            items.add(new String[] {column(dialect, column), annotations(dialect, column)});
        }
        if (!table.primaryKey().isEmpty()) {
            items.add(new String[] {"PRIMARY KEY (" + identifiers(dialect, table.primaryKey()) + ")", null});
        }
        for (ForeignKey fk : table.foreignKeys()) {
            // The database does not declare it: say so, as the join is a strong hint, not a constraint.
            items.add(new String[] {foreignKey(dialect, defaultSchema, table, fk), fk.inferred() ? "inferred" : null});
        }
        for (int i = 0; i < items.size(); i++) {
            sb.append("  ").append(items.get(i)[0]);
            if (i < items.size() - 1) {
                sb.append(',');
            }
            if (items.get(i)[1] != null) {
                sb.append(" -- ").append(items.get(i)[1]);
            }
            sb.append('\n');
        }
        return sb.append(");").toString();
    }

    /**
     * {@code identifier}, quoted for {@code dialect} when it needs to be. Where the engine reads
     * back-quotes (SQLite), they are used: the schemas Arctic-Text2SQL-R1 was trained on quote that
     * way, and the model copies the quoting it sees.
     */
    public static String quote(Dialect dialect, String identifier) {
        SqlDialect sql = dialect.sql();
        if (!sql.needsQuoting(identifier)) {
            return identifier;
        }
        IdentifierQuote q = sql.acceptedIdentifierQuotes().contains(IdentifierQuote.BACKTICK)
                ? IdentifierQuote.BACKTICK
                : sql.identifierQuote();
        return sql.quoteIdentifier(identifier, q);
    }

    private String column(Dialect dialect, ColumnInfo column) {
        String type = column.type() == null || column.type().isBlank() ? "" : " " + oneLine(column.type());
        return quote(dialect, column.name()) + type;
    }

    private String annotations(Dialect dialect, ColumnInfo column) {
        List<String> parts = new ArrayList<>(2);
        String comment = comment(column.comment(), column.name());
        if (comment != null) {
            parts.add(comment);
        }
        List<String> examples = examples(dialect, column);
        if (!examples.isEmpty()) {
            parts.add("example: [" + String.join(", ", examples) + "]");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private List<String> examples(Dialect dialect, ColumnInfo column) {
        boolean numeric = dialect.sql().typeFamily(column.type()) == TypeFamily.NUMERIC;
        Set<String> distinct = new LinkedHashSet<>();
        for (String value : column.sampleValues()) {
            if (value != null) {
                distinct.add(value);
            }
            if (distinct.size() == maxSampleValues) {
                break;
            }
        }
        List<String> out = new ArrayList<>(distinct.size());
        for (String value : distinct) {
            String v = oneLine(value);
            if (v.length() > maxValueLength) {
                v = v.substring(0, maxValueLength) + "...";
            }
            out.add(numeric && NUMBER.matcher(v).matches() ? v : "'" + v.replace("'", "''") + "'");
        }
        return out;
    }

    /** The comment as one line, or {@code null} when there is none or it only repeats the name. */
    private static String comment(String comment, String name) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String c = oneLine(comment);
        return normalized(c).equals(normalized(name)) ? null : c;
    }

    private static String foreignKey(Dialect dialect, String defaultSchema, TableInfo table, ForeignKey fk) {
        String name = ("fk_" + table.name() + "_" + String.join("_", fk.columns()))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_");
        return "CONSTRAINT " + name + " FOREIGN KEY (" + identifiers(dialect, fk.columns()) + ") REFERENCES "
                + qualified(dialect, defaultSchema, fk.refSchema(), fk.refTable()) + " ("
                + identifiers(dialect, fk.refColumns()) + ")";
    }

    private static String qualified(Dialect dialect, String defaultSchema, String schema, String name) {
        if (schema == null || schema.isBlank() || schema.equalsIgnoreCase(defaultSchema)) {
            return quote(dialect, name);
        }
        return quote(dialect, schema) + "." + quote(dialect, name);
    }

    private static String identifiers(Dialect dialect, List<String> names) {
        return names.stream().map(n -> quote(dialect, n)).collect(Collectors.joining(", "));
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String normalized(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
