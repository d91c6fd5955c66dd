package dev.querent.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A table or view as introspected.
 *
 * @param schema the schema (namespace) it lives in, or {@code null} where the engine has none
 * @param rowEstimate the engine's row-count estimate, or {@code -1} when unknown
 */
public record TableInfo(
        String schema,
        String name,
        TableKind kind,
        String comment,
        List<ColumnInfo> columns,
        List<String> primaryKey,
        List<ForeignKey> foreignKeys,
        long rowEstimate) {
    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
    }

    /** {@code schema.name}, or {@code name} when there is no schema. */
    public String qualifiedName() {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }

    public Optional<ColumnInfo> column(String columnName) {
        String wanted = columnName.toLowerCase(Locale.ROOT);
        return columns.stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }
}
