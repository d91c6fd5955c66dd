package dev.querent.core.sql;

import dev.querent.core.schema.SchemaSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one user (or role) may read of one data source, enforced on the validated SQL tree by
 * {@link ScopedGuard}: never by asking the model.
 *
 * <p>Table names are written {@code table} or {@code schema.table}, unquoted and case-insensitive.
 * An unqualified name applies to every table of that name in any schema. When several entries name
 * the same table they all apply: row filters are combined with AND, masks add up and only columns
 * every entry allows stay visible.
 *
 * @param allowedTables the tables the user may read; {@code null} for every table of the data source
 * @param tables per-table column, mask and row rules; a table without an entry is read unchanged
 */
public record DataScope(Set<String> allowedTables, Map<String, TableScope> tables) {
    public DataScope {
        allowedTables = allowedTables == null ? null : Set.copyOf(allowedTables);
        tables = tables == null ? Map.of() : Map.copyOf(tables);
    }

    /** No restriction at all. */
    public static DataScope unrestricted() {
        return new DataScope(null, Map.of());
    }

    /** Only these tables (rules as before). */
    public DataScope withAllowedTables(Set<String> names) {
        return new DataScope(names, tables);
    }

    /** Adds (or replaces) the rules of one table. */
    public DataScope withTable(String name, TableScope scope) {
        Map<String, TableScope> copy = new LinkedHashMap<>(tables);
        copy.put(name, scope);
        return new DataScope(allowedTables, copy);
    }

    /**
     * {@code schema} as this scope lets the user see it, for prompts, retrieval and the schema
     * check: tables not allowed and hidden columns removed (with the keys that name them); masked
     * columns keep their names but lose their sample values; a row-filtered table loses all sample
     * values and its row estimate, which describe rows the user may not see.
     */
    public SchemaSnapshot visibleSchema(SchemaSnapshot schema) {
        return ScopeRules.visibleSchema(this, schema);
    }
}
