package dev.querent.knowledge;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two introspections of a data source: tables and columns added or removed,
 * and columns whose type changed. Sample values and comments are not drift: they change what is
 * indexed, not which SQL is valid.
 *
 * @param changedTables tables whose indexed content differs in any way (new, removed or edited
 *     columns, keys, comments, sample values), which is what an incremental re-index re-embeds
 */
public record SchemaDrift(
        List<String> addedTables,
        List<String> removedTables,
        List<String> addedColumns,
        List<String> removedColumns,
        List<String> retypedColumns,
        List<String> changedTables) {

    public SchemaDrift {
        addedTables = List.copyOf(addedTables);
        removedTables = List.copyOf(removedTables);
        addedColumns = List.copyOf(addedColumns);
        removedColumns = List.copyOf(removedColumns);
        retypedColumns = List.copyOf(retypedColumns);
        changedTables = List.copyOf(changedTables);
    }

    /** No difference at all. */
    public static final SchemaDrift NONE =
            new SchemaDrift(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** The drift from {@code before} (null: nothing indexed yet, every table is new) to {@code after}. */
    public static SchemaDrift between(SchemaSnapshot before, SchemaSnapshot after) {
        Map<String, TableInfo> old = byName(before == null ? List.of() : before.tables());
        Map<String, TableInfo> now = byName(after.tables());
        List<String> addedTables = new ArrayList<>();
        List<String> removedTables = new ArrayList<>();
        List<String> addedColumns = new ArrayList<>();
        List<String> removedColumns = new ArrayList<>();
        List<String> retypedColumns = new ArrayList<>();
        List<String> changedTables = new ArrayList<>();
        now.forEach((key, table) -> {
            TableInfo previous = old.get(key);
            if (previous == null) {
                addedTables.add(table.qualifiedName());
                changedTables.add(table.qualifiedName());
                return;
            }
            if (!withoutRowEstimate(previous).equals(withoutRowEstimate(table))) {
                changedTables.add(table.qualifiedName());
            }
            Map<String, ColumnInfo> oldColumns = columns(previous);
            Map<String, ColumnInfo> newColumns = columns(table);
            newColumns.forEach((name, column) -> {
                ColumnInfo was = oldColumns.get(name);
                if (was == null) {
                    addedColumns.add(table.qualifiedName() + "." + column.name());
                } else if (!Objects.equals(normalized(was.type()), normalized(column.type()))) {
                    retypedColumns.add(table.qualifiedName() + "." + column.name() + " (" + was.type() + " → "
                            + column.type() + ")");
                }
            });
            oldColumns.forEach((name, column) -> {
                if (!newColumns.containsKey(name)) {
                    removedColumns.add(table.qualifiedName() + "." + column.name());
                }
            });
        });
        old.forEach((key, table) -> {
            if (!now.containsKey(key)) {
                removedTables.add(table.qualifiedName());
                changedTables.add(table.qualifiedName());
            }
        });
        return new SchemaDrift(addedTables, removedTables, addedColumns, removedColumns, retypedColumns, changedTables);
    }

    /** Whether anything that decides if SQL is still valid changed (tables or columns gone or retyped). */
    public boolean breaking() {
        return !removedTables.isEmpty() || !removedColumns.isEmpty() || !retypedColumns.isEmpty();
    }

    /** Whether nothing indexed changed. */
    public boolean isEmpty() {
        return changedTables.isEmpty();
    }

    /** Row estimates move with every ANALYZE; they are not indexed and are no drift. */
    private static TableInfo withoutRowEstimate(TableInfo t) {
        return new TableInfo(
                t.schema(), t.name(), t.kind(), t.comment(), t.columns(), t.primaryKey(), t.foreignKeys(), -1);
    }

    private static Map<String, TableInfo> byName(List<TableInfo> tables) {
        Map<String, TableInfo> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t.qualifiedName().toLowerCase(Locale.ROOT), t));
        return out;
    }

    private static Map<String, ColumnInfo> columns(TableInfo table) {
        Map<String, ColumnInfo> out = new LinkedHashMap<>();
        table.columns().forEach(c -> out.put(c.name().toLowerCase(Locale.ROOT), c));
        return out;
    }

    private static String normalized(String type) {
        return type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    }
}
