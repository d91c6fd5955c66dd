package dev.querent.semantics.description;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SqlParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Finds groupings that merge different rows of an entity: {@code GROUP BY first_name, last_name}
 * ("top 10 customers") adds up namesakes, because a name does not identify a customer — the table's
 * key does. Only name columns of a table with a one-column primary key that the grouping leaves out
 * are considered, so "orders per status" is never questioned.
 */
public final class NamesakeCheck {
    private NamesakeCheck() {}

    /** The warning for {@code sql}, if its grouping merges namesakes. */
    public static Optional<String> warning(String sql, SchemaSnapshot schema) {
        if (schema == null) {
            return Optional.empty();
        }
        if (!(SqlParser.parseOne(sql, schema.dialect()).orElse(null) instanceof PlainSelect select)
                || select.getGroupBy() == null
                || select.getGroupBy().getGroupByExpressionList() == null) {
            return Optional.empty();
        }
        Map<String, TableInfo> byAlias = tables(select, schema);
        Map<TableInfo, List<String>> grouped = new HashMap<>();
        for (Object o : select.getGroupBy().getGroupByExpressionList()) {
            if (!(o instanceof Column c)) {
                return Optional.empty(); // expressions (dates, CASE) are groupings of their own
            }
            TableInfo t = tableOf(c, byAlias);
            if (t == null) {
                return Optional.empty();
            }
            grouped.computeIfAbsent(t, k -> new ArrayList<>()).add(c.getColumnName());
        }
        for (Map.Entry<TableInfo, List<String>> e : grouped.entrySet()) {
            TableInfo t = e.getKey();
            List<String> cols = e.getValue();
            if (t.primaryKey().size() != 1
                    || cols.stream()
                            .anyMatch(c -> c.equalsIgnoreCase(t.primaryKey().getFirst()))
                    || !cols.stream().allMatch(c -> c.toLowerCase(Locale.ROOT).contains("name"))) {
                continue;
            }
            return Optional.of("The answer is grouped by " + String.join(", ", cols) + " of " + t.name()
                    + ", not by its key " + t.primaryKey().getFirst() + ": different " + t.name()
                    + " rows with the same name are added together.");
        }
        return Optional.empty();
    }

    private static Map<String, TableInfo> tables(PlainSelect select, SchemaSnapshot schema) {
        Map<String, TableInfo> out = new HashMap<>();
        List<FromItem> items = new ArrayList<>();
        items.add(select.getFromItem());
        if (select.getJoins() != null) {
            select.getJoins().stream().map(Join::getFromItem).forEach(items::add);
        }
        for (FromItem item : items) {
            if (item instanceof Table t) {
                schema.tables().stream()
                        .filter(ti -> ti.name().equalsIgnoreCase(strip(t.getName())))
                        .findFirst()
                        .ifPresent(ti -> {
                            out.put(ti.name().toLowerCase(Locale.ROOT), ti);
                            if (t.getAlias() != null) {
                                out.put(strip(t.getAlias().getName()).toLowerCase(Locale.ROOT), ti);
                            }
                        });
            }
        }
        return out;
    }

    private static TableInfo tableOf(Column c, Map<String, TableInfo> byAlias) {
        if (c.getTable() != null && c.getTable().getName() != null) {
            return byAlias.get(strip(c.getTable().getName()).toLowerCase(Locale.ROOT));
        }
        List<TableInfo> having = byAlias.values().stream()
                .distinct()
                .filter(t ->
                        t.columns().stream().map(ColumnInfo::name).anyMatch(n -> n.equalsIgnoreCase(c.getColumnName())))
                .toList();
        return having.size() == 1 ? having.getFirst() : null;
    }

    private static String strip(String id) {
        return id.replace("\"", "").replace("`", "").replace("[", "").replace("]", "");
    }
}
