package dev.querent.semantics.description;

import dev.querent.core.sql.SqlParser;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/** Structural facts about a query that decide which warnings mean something. */
public final class Shapes {
    private static final Set<String> AGGREGATES = Set.of(
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "total",
            "group_concat",
            "string_agg",
            "array_agg",
            "stddev",
            "variance",
            "median",
            "bool_and",
            "bool_or",
            "every");

    private Shapes() {}

    /**
     * Whether the query returns at most one row whatever the data: an aggregate over the whole
     * input (no GROUP BY), or a SELECT without FROM. A row limit added to such a query cuts nothing,
     * so warning about it would only be noise.
     */
    public static boolean returnsOneRow(String sql) {
        if (!(SqlParser.parseOne(sql, null).orElse(null) instanceof PlainSelect ps)) {
            return false;
        }
        if (ps.getGroupBy() != null) {
            return false;
        }
        if (ps.getFromItem() == null) {
            return true;
        }
        boolean[] aggregate = {false};
        ExpressionVisitorAdapter<Void> finder = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(Function function, S context) {
                // Window functions are AnalyticExpressions, so a plain Function here aggregates the whole input.
                if (function.getName() != null
                        && AGGREGATES.contains(function.getName().toLowerCase(Locale.ROOT))) {
                    aggregate[0] = true;
                }
                return super.visit(function, context);
            }
        };
        for (SelectItem<?> item : ps.getSelectItems()) {
            item.getExpression().accept(finder, null);
        }
        return aggregate[0];
    }
}
