package dev.querent.core.sql;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.internal.FilterTemplate;
import dev.querent.core.sql.internal.ScopeRewriter;
import dev.querent.core.sql.internal.SqlLiterals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A {@link DataScope}'s rules as they apply to one introspected table. */
final class ScopeRules {
    /**
     * @param allowed whether the table may be read at all
     * @param visible its columns the user sees, in table order
     * @param masks masked visible columns by case-folded name
     */
    record Effective(
            TableInfo table,
            boolean allowed,
            List<ColumnInfo> visible,
            Map<String, ColumnMask> masks,
            List<RowFilter> filters) {
        boolean restricted() {
            return !filters.isEmpty()
                    || !masks.isEmpty()
                    || visible.size() < table.columns().size();
        }

        boolean masked(ColumnInfo c) {
            return masks.containsKey(key(c.name()));
        }
    }

    private ScopeRules() {}

    static Effective of(DataScope scope, TableInfo table) {
        boolean allowed =
                scope.allowedTables() == null || scope.allowedTables().stream().anyMatch(n -> matches(n, table));
        Set<String> allowedColumns = null;
        Map<String, ColumnMask> masks = new LinkedHashMap<>();
        List<RowFilter> filters = new ArrayList<>();
        for (Map.Entry<String, TableScope> e : scope.tables().entrySet()) {
            if (!matches(e.getKey(), table)) {
                continue;
            }
            TableScope ts = e.getValue();
            if (ts.allowedColumns() != null) {
                Set<String> keys =
                        ts.allowedColumns().stream().map(ScopeRules::key).collect(Collectors.toSet());
                if (allowedColumns == null) {
                    allowedColumns = new HashSet<>(keys);
                } else {
                    allowedColumns.retainAll(keys);
                }
            }
            ts.maskedColumns().forEach((c, m) -> masks.putIfAbsent(key(c), m));
            filters.addAll(ts.rowFilters());
        }
        Set<String> columnsAllowed = allowedColumns;
        List<ColumnInfo> visible = table.columns().stream()
                .filter(c -> columnsAllowed == null || columnsAllowed.contains(key(c.name())))
                .toList();
        Set<String> visibleKeys = visible.stream().map(c -> key(c.name())).collect(Collectors.toSet());
        masks.keySet().retainAll(visibleKeys);
        return new Effective(table, allowed && !visible.isEmpty(), visible, Map.copyOf(masks), List.copyOf(filters));
    }

    /** How a query of {@code user} may read {@code table}. */
    static ScopeRewriter.Access access(DataScope scope, TableInfo table, UserAttributes user, Dialect dialect) {
        Effective e = of(scope, table);
        String name = table.qualifiedName();
        if (!e.allowed()) {
            return new ScopeRewriter.Denied("the table " + name + " is outside your data scope");
        }
        if (!e.restricted()) {
            return new ScopeRewriter.Open();
        }
        List<String> bound = new ArrayList<>();
        for (RowFilter f : e.filters()) {
            FilterTemplate t = f.template();
            List<String> unknown =
                    t.columns().stream().filter(c -> table.column(c).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                return new ScopeRewriter.Denied("the data scope's row filter on " + name + " names columns the table"
                        + " lacks (" + String.join(", ", unknown) + "), so the table cannot be read");
            }
            List<String> missing = t.attributes().stream()
                    .filter(a -> user.values().get(a) == null)
                    .toList();
            if (!missing.isEmpty()) {
                return new ScopeRewriter.Denied("the data scope's row filter on " + name + " needs the user attribute"
                        + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + ", which is not set, so the table cannot be read");
            }
            Optional<String> b = t.bind(user.values(), dialect);
            if (b.isEmpty()) {
                return new ScopeRewriter.Denied("the data scope's row filter on " + name
                        + " could not be bound to the user's attributes safely");
            }
            bound.add("(" + b.get() + ")");
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(e.visible().stream()
                .map(c -> e.masked(c)
                        ? e.masks().get(key(c.name())).literal() + " AS " + SqlLiterals.identifier(c.name(), dialect)
                        : SqlLiterals.identifier(c.name(), dialect))
                .collect(Collectors.joining(", ")));
        sql.append(" FROM ").append(SqlLiterals.qualified(table.schema(), table.name(), dialect));
        if (!bound.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", bound));
        }
        sql.append(' ').append(dialect.sql().noOpRowClause());
        return new ScopeRewriter.Wrapped(sql.toString());
    }

    static SchemaSnapshot visibleSchema(DataScope scope, SchemaSnapshot schema) {
        Map<TableInfo, Effective> rules = new LinkedHashMap<>();
        for (TableInfo t : schema.tables()) {
            Effective e = of(scope, t);
            if (e.allowed()) {
                rules.put(t, e);
            }
        }
        List<TableInfo> tables = new ArrayList<>();
        for (Effective e : rules.values()) {
            TableInfo t = e.table();
            boolean filtered = !e.filters().isEmpty();
            List<ColumnInfo> columns = e.visible().stream()
                    .map(c -> filtered || e.masked(c) ? c.withSampleValues(List.of()) : c)
                    .toList();
            Set<String> visibleKeys = columns.stream().map(c -> key(c.name())).collect(Collectors.toSet());
            List<String> primaryKey =
                    t.primaryKey().stream().allMatch(c -> visibleKeys.contains(key(c))) ? t.primaryKey() : List.of();
            List<ForeignKey> foreignKeys = t.foreignKeys().stream()
                    .filter(fk -> fk.columns().stream().allMatch(c -> visibleKeys.contains(key(c))))
                    .filter(fk -> references(fk, rules, schema))
                    .toList();
            tables.add(new TableInfo(
                    t.schema(),
                    t.name(),
                    t.kind(),
                    t.comment(),
                    columns,
                    primaryKey,
                    foreignKeys,
                    filtered ? -1 : t.rowEstimate()));
        }
        return new SchemaSnapshot(schema.dialect(), schema.defaultSchema(), tables, schema.takenAt());
    }

    /** Whether a foreign key points at a visible table through visible columns. */
    private static boolean references(ForeignKey fk, Map<TableInfo, Effective> rules, SchemaSnapshot schema) {
        Optional<TableInfo> target = schema.table(fk.refSchema(), fk.refTable());
        if (target.isEmpty() || !rules.containsKey(target.get())) {
            return false;
        }
        Effective e = rules.get(target.get());
        Set<String> keys = e.visible().stream().map(c -> key(c.name())).collect(Collectors.toSet());
        return fk.refColumns().stream().allMatch(c -> keys.contains(key(c)));
    }

    /** Whether a scope's table name ({@code table} or {@code schema.table}) names {@code t}. */
    static boolean matches(String name, TableInfo t) {
        int dot = name.indexOf('.');
        String table = dot < 0 ? name : name.substring(dot + 1);
        String schema = dot < 0 ? null : name.substring(0, dot);
        return key(table).equals(key(t.name()))
                && (schema == null || (t.schema() != null && key(schema).equals(key(t.schema()))));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
