package dev.querent.connectors.internal;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.FlagNames;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gathers catalog rows (tables, columns, keys) as an engine reads them, in any order and in bulk,
 * and assembles the {@link SchemaSnapshot}. Rows for tables that were not registered (filtered
 * out, or system objects) are ignored.
 */
public final class SchemaCollector {
    private final Map<Key, Draft> tables = new LinkedHashMap<>();

    private record Key(String schema, String name) {}

    /** A text column (or one named as a flag) of a base table, a candidate for {@link ValueSampler}. */
    public record TextColumn(String schema, String table, String column, long tableRowEstimate) {}

    private static final class Draft {
        final String schema;
        final String name;
        final TableKind kind;
        final String comment;
        final long rowEstimate;
        final List<ColumnInfo> columns = new ArrayList<>();
        final List<Boolean> textual = new ArrayList<>();
        final List<String> primaryKey = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();

        Draft(String schema, String name, TableKind kind, String comment, long rowEstimate) {
            this.schema = schema;
            this.name = name;
            this.kind = kind;
            this.comment = comment;
            this.rowEstimate = rowEstimate;
        }
    }

    public void table(String schema, String name, TableKind kind, String comment, long rowEstimate) {
        tables.put(new Key(schema, name), new Draft(schema, name, kind, blankToNull(comment), rowEstimate));
    }

    public boolean has(String schema, String table) {
        return tables.containsKey(new Key(schema, table));
    }

    /**
     * Adds a column; call in column order. {@code textual} marks it for value sampling; a column named
     * as a flag ({@code is_open}, {@code has_parking}, {@code isActive}) is sampled too unless it is a
     * boolean, as databases without a boolean type keep flags as 0 and 1.
     */
    public void column(
            String schema, String table, String name, String type, boolean nullable, String comment, boolean textual) {
        Draft d = tables.get(new Key(schema, table));
        if (d != null) {
            d.columns.add(new ColumnInfo(name, type, nullable, blankToNull(comment), List.of()));
            d.textual.add(textual || (FlagNames.named(name) && !isBooleanType(type)));
        }
    }

    /** A boolean column needs no samples to be read as a flag. */
    private static boolean isBooleanType(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("bool");
    }

    public void primaryKey(String schema, String table, List<String> columns) {
        Draft d = tables.get(new Key(schema, table));
        if (d != null) {
            d.primaryKey.clear();
            d.primaryKey.addAll(columns);
        }
    }

    public List<String> primaryKeyOf(String schema, String table) {
        Draft d = tables.get(new Key(schema, table));
        return d == null ? List.of() : List.copyOf(d.primaryKey);
    }

    public void foreignKey(String schema, String table, ForeignKey fk) {
        Draft d = tables.get(new Key(schema, table));
        if (d != null) {
            d.foreignKeys.add(fk);
        }
    }

    /** Text columns of base tables that hold rows, in catalog order. */
    public List<TextColumn> textColumns() {
        List<TextColumn> out = new ArrayList<>();
        for (Draft d : tables.values()) {
            if (d.kind != TableKind.TABLE || d.rowEstimate == 0) {
                continue;
            }
            for (int i = 0; i < d.columns.size(); i++) {
                if (d.textual.get(i)) {
                    out.add(new TextColumn(d.schema, d.name, d.columns.get(i).name(), d.rowEstimate));
                }
            }
        }
        return out;
    }

    public void sampleValues(String schema, String table, String column, List<String> values) {
        Draft d = tables.get(new Key(schema, table));
        if (d == null) {
            return;
        }
        for (int i = 0; i < d.columns.size(); i++) {
            if (d.columns.get(i).name().equals(column)) {
                d.columns.set(i, d.columns.get(i).withSampleValues(values));
            }
        }
    }

    public SchemaSnapshot build(Dialect dialect, String defaultSchema) {
        List<TableInfo> out = tables.values().stream()
                .sorted(Comparator.comparing((Draft d) -> d.schema == null ? "" : d.schema)
                        .thenComparing(d -> d.name))
                .map(d -> new TableInfo(
                        d.schema, d.name, d.kind, d.comment, d.columns, d.primaryKey, d.foreignKeys, d.rowEstimate))
                .toList();
        return new SchemaSnapshot(dialect, defaultSchema, out, Instant.now());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
