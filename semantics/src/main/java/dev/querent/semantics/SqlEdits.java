package dev.querent.semantics;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlParser;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Applies an edit of a plan to the SQL the plan was read from, through the SQL's syntax tree: a
 * changed limit, order, or filter on a table's column (added, removed, other values) rewrites just
 * that clause of the query and leaves the rest — whoever wrote it — as it was. An edit of anything
 * else (measures, grouping, tables, joins, steps, a condition written as SQL) cannot be applied
 * this way: then the result is empty and the caller asks the model to revise the SQL under the edit.
 *
 * <p>Values are written as literals (quotes doubled, numbers checked), never spliced as SQL; the
 * result is a proposal the guard checks like any other SQL before anything runs.
 */
public final class SqlEdits {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]*");

    private final SqlPlanReader reader = new SqlPlanReader();

    /**
     * @param sql the SQL {@code before} was read from
     * @return the SQL with {@code after}'s changes applied, or empty when they cannot be applied
     *     through the syntax tree
     */
    public Optional<String> apply(
            String sql, QueryPlan before, QueryPlan after, Dialect dialect, SchemaSnapshot schema) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!sameShape(before, after)) {
            return Optional.empty();
        }
        Optional<PlainSelect> parsed = parse(sql, dialect);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        PlainSelect select = parsed.get();
        try {
            if (!Objects.equals(before.limit(), after.limit()) && !limit(select, after.limit())) {
                return Optional.empty();
            }
            if (!before.orderBy().equals(after.orderBy()) && !order(select, before.orderBy(), after.orderBy())) {
                return Optional.empty();
            }
            if (!before.filters().equals(after.filters())
                    && !filters(select, sql, before.filters(), after.filters(), dialect, schema)) {
                return Optional.empty();
            }
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(select.toString());
    }

    /** Whether only the limit, order and filters differ. */
    private static boolean sameShape(QueryPlan a, QueryPlan b) {
        return a.tables().equals(b.tables())
                && a.joins().equals(b.joins())
                && a.measures().equals(b.measures())
                && a.groupBy().equals(b.groupBy())
                && a.columns().equals(b.columns())
                && a.distinct() == b.distinct()
                && a.computed().equals(b.computed())
                && a.steps().equals(b.steps());
    }

    private static Optional<PlainSelect> parse(String sql, Dialect dialect) {
        return SqlParser.parseOne(sql, dialect)
                .filter(PlainSelect.class::isInstance)
                .map(PlainSelect.class::cast);
    }

    private static boolean limit(PlainSelect select, Integer limit) {
        if (select.getFetch() != null || select.getTop() != null || select.getOffset() != null) {
            return false;
        }
        if (limit == null) {
            select.setLimit(null);
            return true;
        }
        if (limit <= 0) {
            return false;
        }
        Limit existing = select.getLimit();
        if (existing != null && existing.getOffset() != null) {
            return false;
        }
        select.setLimit(new Limit().withRowCount(new LongValue(limit)));
        return true;
    }

    /**
     * The new ORDER BY: a target the query already sorts by keeps its expression (only its direction
     * may change); a new one is an output alias of the query or a table's column named through the
     * query's alias for that table.
     */
    private static boolean order(PlainSelect select, List<Order> before, List<Order> after) {
        List<OrderByElement> existing = select.getOrderByElements() == null ? List.of() : select.getOrderByElements();
        List<OrderByElement> elements = new ArrayList<>();
        for (Order o : after) {
            if (o.target() == null || o.target().isBlank()) {
                return false;
            }
            int at = indexOfTarget(before, o.target());
            Expression expression;
            if (at >= 0 && existing.size() == before.size()) {
                expression = existing.get(at).getExpression();
            } else {
                Optional<Expression> resolved = target(select, o.target());
                if (resolved.isEmpty()) {
                    return false;
                }
                expression = resolved.get();
            }
            OrderByElement e = new OrderByElement();
            e.setExpression(expression);
            e.setAsc(o.direction() != QueryPlan.Direction.DESC);
            e.setAscDescPresent(o.direction() == QueryPlan.Direction.DESC);
            elements.add(e);
        }
        select.setOrderByElements(elements.isEmpty() ? null : elements);
        return true;
    }

    private static int indexOfTarget(List<Order> orders, String target) {
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).target().equalsIgnoreCase(target)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Expression> target(PlainSelect select, String target) {
        String t = target.strip();
        boolean alias = select.getSelectItems().stream()
                .anyMatch(i -> i.getAlias() != null
                        && i.getAlias().getName().replace("\"", "").equalsIgnoreCase(t));
        if (alias && IDENTIFIER.matcher(t).matches()) {
            return Optional.of(new Column(t));
        }
        int dot = t.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        return columnText(select, new ColumnRef(t.substring(0, dot), t.substring(dot + 1)))
                .map(Column::new);
    }

    private boolean filters(
            PlainSelect select,
            String sql,
            List<Filter> before,
            List<Filter> after,
            Dialect dialect,
            SchemaSnapshot schema)
            throws JSQLParserException {
        List<Filter> removed = new ArrayList<>(before);
        after.forEach(removed::remove);
        List<Filter> added = new ArrayList<>(after);
        before.forEach(added::remove);
        if (removed.stream().anyMatch(f -> f.expression() != null || tableless(f))
                || added.stream().anyMatch(f -> f.expression() != null || tableless(f))) {
            return false;
        }
        List<Expression> conjuncts = new ArrayList<>();
        flatten(select.getWhere(), conjuncts);
        for (Filter f : removed) {
            int at = conjunctOf(f, conjuncts, sql, dialect, schema);
            if (at < 0) {
                return false;
            }
            conjuncts.remove(at);
        }
        for (Filter f : added) {
            Optional<String> column = columnText(select, f.column());
            Optional<String> condition = column.flatMap(c -> condition(c, f, dialect, schema));
            if (condition.isEmpty()) {
                return false;
            }
            conjuncts.add(CCJSqlParserUtil.parseCondExpression(condition.get()));
        }
        Expression where = null;
        for (Expression c : conjuncts) {
            where = where == null ? c : new AndExpression(where, c);
        }
        select.setWhere(where);
        return true;
    }

    private static boolean tableless(Filter f) {
        return f.column() == null
                || f.column().table() == null
                || f.column().table().isBlank();
    }

    private static void flatten(Expression e, List<Expression> out) {
        if (e == null) {
            return;
        }
        if (e instanceof AndExpression and) {
            flatten(and.getLeftExpression(), out);
            flatten(and.getRightExpression(), out);
        } else if (e instanceof Parenthesis p && p.getExpression() instanceof AndExpression) {
            flatten(p.getExpression(), out);
        } else {
            out.add(e);
        }
    }

    /** Which conjunct reads as exactly {@code f}: each is read alone, over the query's own FROM. */
    private int conjunctOf(Filter f, List<Expression> conjuncts, String sql, Dialect dialect, SchemaSnapshot schema) {
        Optional<PlainSelect> probe = parse(sql, dialect);
        if (probe.isEmpty()) {
            return -1;
        }
        PlainSelect p = probe.get();
        p.setGroupByElement(null);
        p.setHaving(null);
        p.setOrderByElements(null);
        p.setLimit(null);
        for (int i = 0; i < conjuncts.size(); i++) {
            p.setWhere(conjuncts.get(i));
            Optional<QueryPlan> read = reader.tryRead(p.toString(), dialect, schema);
            if (read.isPresent() && read.get().filters().equals(List.of(f))) {
                return i;
            }
        }
        return -1;
    }

    /** The column as this query names it: through its table's alias, or its table's name. */
    private static Optional<String> columnText(PlainSelect select, ColumnRef ref) {
        if (!IDENTIFIER.matcher(ref.column()).matches()) {
            return Optional.empty();
        }
        String wanted = last(ref.table());
        List<Table> tables = new ArrayList<>();
        addTable(select.getFromItem(), tables);
        if (select.getJoins() != null) {
            for (Join j : select.getJoins()) {
                addTable(j.getFromItem(), tables);
            }
        }
        List<Table> matching =
                tables.stream().filter(t -> last(t.getName()).equals(wanted)).toList();
        if (matching.size() != 1) {
            return Optional.empty();
        }
        Table t = matching.getFirst();
        String qualifier = t.getAlias() != null ? t.getAlias().getName() : t.getFullyQualifiedName();
        return Optional.of(qualifier + "." + ref.column());
    }

    private static void addTable(FromItem item, List<Table> out) {
        if (item instanceof Table t) {
            out.add(t);
        }
    }

    private static String last(String name) {
        String n = name == null ? "" : name;
        int dot = n.lastIndexOf('.');
        return n.substring(dot + 1).replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    /** The condition as SQL text ({@link FilterSql}); empty when a value cannot be a literal of its type. */
    private static Optional<String> condition(String column, Filter f, Dialect dialect, SchemaSnapshot schema) {
        if (f.op() == null || dialect == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FilterSql.predicate(dialect.sql(), column, f, columnInfo(schema, f.column())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ColumnInfo columnInfo(SchemaSnapshot schema, ColumnRef ref) {
        if (schema == null) {
            return null;
        }
        return schema.tables().stream()
                .filter(t -> t.qualifiedName().equalsIgnoreCase(ref.table())
                        || t.name().equalsIgnoreCase(ref.table()))
                .findFirst()
                .flatMap(t -> t.column(ref.column()))
                .orElse(null);
    }
}
