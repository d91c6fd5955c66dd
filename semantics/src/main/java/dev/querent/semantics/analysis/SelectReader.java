package dev.querent.semantics.analysis;

import dev.querent.core.Dialect;
import dev.querent.core.dialect.DateGrain;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Computed;
import dev.querent.semantics.QueryPlan.ComputedKind;
import dev.querent.semantics.QueryPlan.Dimension;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.Measure;
import dev.querent.semantics.QueryPlan.Order;
import dev.querent.semantics.QueryPlan.Step;
import dev.querent.semantics.QueryPlan.StepKind;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.reading.SchemaIndex;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;

/**
 * Reads one parsed query into the {@link QueryPlan} it runs. Column references name the tables as
 * the plan lists them (schema-qualified where the source has schemas), whatever aliases the SQL
 * uses; CTEs and sub-queries in {@code FROM} are listed by their names. What the structured fields
 * cannot hold is kept as SQL text, never dropped: a plan read from SQL says everything the SQL does.
 * One instance reads one statement.
 */
public final class SelectReader {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max");

    private final Dialect dialect;
    private final SchemaSnapshot schema;
    private final Function<Select, String> describe;
    private int subqueries;

    /**
     * @param describe English for a step's query (its plan's summary)
     */
    public SelectReader(Dialect dialect, SchemaSnapshot schema, Function<Select, String> describe) {
        this.dialect = dialect;
        this.schema = schema;
        this.describe = describe;
    }

    /** The plan of {@code select}, without a summary (the caller describes the whole statement). */
    public QueryPlan read(Select select) {
        return read(select, new Scope(null));
    }

    // --- queries ---

    private QueryPlan read(Select select, Scope outer) {
        Scope scope = new Scope(outer);
        List<Step> steps = new ArrayList<>();
        if (select.getWithItemsList() != null) {
            for (WithItem<?> item : select.getWithItemsList()) {
                if (item.getSelect() == null) {
                    continue;
                }
                String name = unquote(item.getAliasName());
                QueryPlan plan = read(item.getSelect().getSelect(), scope);
                String description = describe.apply(item.getSelect());
                steps.add(new Step(name, StepKind.CTE, null, description, plan.withSummary(description)));
                scope.ctes.put(
                        name.toLowerCase(Locale.ROOT),
                        outputNames(item.getSelect().getSelect(), plan));
            }
        }
        Select body = select;
        while (body instanceof ParenthesedSelect p && p.getWithItemsList() == null) {
            body = p.getSelect();
        }
        QueryPlan plan;
        if (body instanceof SetOperationList set) {
            plan = setOperation(set, scope, steps);
        } else if (body instanceof PlainSelect ps) {
            plan = new Plain(ps, scope, steps).plan();
        } else if (body instanceof ParenthesedSelect p) {
            plan = read(p, scope);
            List<Step> all = new ArrayList<>(steps);
            all.addAll(plan.steps());
            plan = withSteps(plan, all);
        } else {
            plan = withSteps(QueryPlan.summaryOnly(null), steps);
        }
        return plan;
    }

    private QueryPlan setOperation(SetOperationList set, Scope scope, List<Step> steps) {
        Set<String> tables = new LinkedHashSet<>();
        for (int i = 0; i < set.getSelects().size(); i++) {
            Select operand = set.getSelects().get(i);
            QueryPlan plan = read(operand, scope);
            tables.addAll(plan.tables());
            String operator =
                    i == 0 ? null : set.getOperations().get(i - 1).toString().toUpperCase(Locale.ROOT);
            String description = describe.apply(operand);
            steps.add(new Step(
                    "part " + (i + 1), StepKind.SET_OPERAND, operator, description, plan.withSummary(description)));
        }
        List<Order> orders = new ArrayList<>();
        if (set.getOrderByElements() != null) {
            for (OrderByElement o : set.getOrderByElements()) {
                orders.add(new Order(text(o.getExpression(), scope), o.isAsc() ? Direction.ASC : Direction.DESC));
            }
        }
        return new QueryPlan(
                List.copyOf(tables),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                orders,
                limit(set),
                false,
                null,
                List.of(),
                steps);
    }

    private static QueryPlan withSteps(QueryPlan p, List<Step> steps) {
        return p.withSteps(steps);
    }

    /** The names of a query's output columns, for resolving references to a CTE or derived table. */
    private static Set<String> outputNames(Select select, QueryPlan plan) {
        Set<String> names = new LinkedHashSet<>();
        Select body = select;
        while (body instanceof ParenthesedSelect p) {
            body = p.getSelect();
        }
        if (body instanceof SetOperationList set && !set.getSelects().isEmpty()) {
            body = set.getSelects().getFirst();
        }
        if (body instanceof PlainSelect ps) {
            for (SelectItem<?> item : ps.getSelectItems()) {
                if (item.getAlias() != null) {
                    names.add(unquote(item.getAliasName()).toLowerCase(Locale.ROOT));
                } else if (item.getExpression() instanceof Column c) {
                    names.add(unquote(c.getColumnName()).toLowerCase(Locale.ROOT));
                }
            }
        }
        plan.columns().forEach(c -> names.add(c.column().toLowerCase(Locale.ROOT)));
        return names;
    }

    private Integer limit(Select select) {
        Expression rows = null;
        if (select.getLimit() != null) {
            rows = select.getLimit().getRowCount();
        } else if (select.getFetch() != null) {
            rows = select.getFetch().getExpression();
        } else if (select instanceof PlainSelect ps && ps.getTop() != null) {
            rows = ps.getTop().getExpression();
        }
        if (rows instanceof LongValue v && v.getValue() >= 0 && v.getValue() <= Integer.MAX_VALUE) {
            return (int) v.getValue();
        }
        return null;
    }

    // --- one SELECT … FROM … ---

    /** What a name in FROM stands for: a table of the schema, a CTE, or a derived table. */
    private record Source(String planName, TableInfo table, Set<String> columns) {
        boolean has(String column) {
            String c = column.toLowerCase(Locale.ROOT);
            return table != null ? table.column(column).isPresent() : columns.contains(c);
        }

        String columnName(String column) {
            return table == null
                    ? column
                    : table.column(column).map(ColumnInfo::name).orElse(column);
        }
    }

    /** The names a query can see: its FROM sources, the CTEs around it, and the enclosing query's. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Set<String>> ctes = new HashMap<>();
        final Map<String, Source> byAlias = new LinkedHashMap<>();
        final List<Source> sources = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Set<String> cte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Set<String> c = s.ctes.get(name.toLowerCase(Locale.ROOT));
                if (c != null) {
                    return c;
                }
            }
            return null;
        }

        void add(Source source, String... names) {
            sources.add(source);
            for (String n : names) {
                if (n != null) {
                    byAlias.putIfAbsent(n.toLowerCase(Locale.ROOT), source);
                }
            }
        }

        /** The column a reference names, looking outwards for correlated references; null if unknown. */
        ColumnRef resolve(Column c) {
            String name = unquote(c.getColumnName());
            Table t = c.getTable();
            String qualifier = t == null || t.getName() == null ? null : unquote(t.getName());
            for (Scope s = this; s != null; s = s.parent) {
                ColumnRef found = s.resolveHere(qualifier, t, name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private ColumnRef resolveHere(String qualifier, Table t, String name) {
            if (qualifier != null) {
                Source s = byAlias.get(qualifier.toLowerCase(Locale.ROOT));
                if (s == null && t.getSchemaName() != null) {
                    s = byAlias.get((unquote(t.getSchemaName()) + "." + qualifier).toLowerCase(Locale.ROOT));
                }
                return s == null ? null : new ColumnRef(s.planName(), s.columnName(name));
            }
            Source only = null;
            for (Source s : sources) {
                if (s.has(name)) {
                    return new ColumnRef(s.planName(), s.columnName(name));
                }
                if (s.table() == null && s.columns().isEmpty()) {
                    only = s; // a derived table whose columns are unknown may hold it
                }
            }
            if (only == null && sources.size() == 1 && parent == null) {
                only = sources.getFirst();
            }
            return only == null ? null : new ColumnRef(only.planName(), name);
        }
    }

    private final class Plain {
        private final PlainSelect ps;
        private final Scope scope;
        private final List<Step> steps;
        private final List<String> tables = new ArrayList<>();
        private final List<Join> joins = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private final List<Measure> measures = new ArrayList<>();
        private final List<Dimension> groupBy = new ArrayList<>();
        private final List<ColumnRef> columns = new ArrayList<>();
        private final List<Computed> computed = new ArrayList<>();
        private final List<Order> orderBy = new ArrayList<>();
        /** Output aliases by the text of their expression, and the aliases themselves. */
        private final Map<String, String> outputs = new HashMap<>();

        /** Output aliases as written, by their lowercase form. */
        private final Map<String, String> aliases = new HashMap<>();
        /** Sources joined by a comma, waiting for a WHERE equality to say how. */
        private final List<Source> commaJoined = new ArrayList<>();

        Plain(PlainSelect ps, Scope scope, List<Step> steps) {
            this.ps = ps;
            this.scope = scope;
            this.steps = steps;
        }

        QueryPlan plan() {
            from();
            List<Expression> parts = new ArrayList<>();
            ps.getSelectItems().forEach(i -> parts.add(i.getExpression()));
            parts.add(ps.getWhere());
            parts.add(ps.getHaving());
            for (Expression part : parts) {
                for (ParenthesedSelect sub : subqueries(part)) {
                    String name = "subquery " + (++subqueries);
                    QueryPlan plan = read(sub.getSelect(), scope);
                    String description = describe.apply(sub);
                    steps.add(new Step(name, StepKind.SUBQUERY, null, description, plan.withSummary(description)));
                    if (ps.getFromItem() == null) {
                        plan.tables().stream().filter(t -> !tables.contains(t)).forEach(tables::add);
                    }
                }
            }
            List<Expression> groupKeys = groupKeys();
            Set<String> grouped = new HashSet<>();
            groupKeys.forEach(g -> grouped.add(key(g)));
            boolean grouping =
                    !groupKeys.isEmpty() || ps.getSelectItems().stream().anyMatch(i -> aggregates(i.getExpression()));
            Set<String> used = new HashSet<>();
            for (SelectItem<?> item : ps.getSelectItems()) {
                selectItem(item, grouping, grouped, used);
            }
            for (Expression g : groupKeys) {
                if (!used.contains(key(g))) {
                    dimension(g, null);
                }
            }
            for (Expression c : conjuncts(ps.getWhere())) {
                where(c);
            }
            for (Source s : commaJoined) {
                joins.add(new Join(JoinType.CROSS, null, new ColumnRef(s.planName(), null), null));
            }
            for (Expression c : conjuncts(ps.getHaving())) {
                having(c);
            }
            if (ps.getOrderByElements() != null) {
                for (OrderByElement o : ps.getOrderByElements()) {
                    orderBy.add(new Order(orderTarget(o.getExpression()), o.isAsc() ? Direction.ASC : Direction.DESC));
                }
            }
            if (ps.getQualify() != null) {
                filters.add(Filter.expression("QUALIFY " + text(ps.getQualify())));
            }
            return new QueryPlan(
                    tables,
                    joins,
                    filters,
                    measures,
                    groupBy,
                    columns,
                    orderBy,
                    limit(ps),
                    ps.getDistinct() != null,
                    null,
                    computed,
                    steps);
        }

        // --- FROM and joins ---

        private void from() {
            if (ps.getFromItem() == null) {
                return;
            }
            source(ps.getFromItem());
            if (ps.getJoins() != null) {
                ps.getJoins().forEach(this::join);
            }
        }

        private Source source(FromItem item) {
            String alias =
                    item.getAlias() == null ? null : unquote(item.getAlias().getName());
            Source source;
            if (item instanceof Table t) {
                String name = unquote(t.getName());
                String schemaName = t.getSchemaName() == null ? null : unquote(t.getSchemaName());
                Set<String> cte = schemaName == null ? scope.cte(name) : null;
                TableInfo info =
                        cte != null ? null : schema.table(schemaName, name).orElse(null);
                if (cte != null) {
                    source = new Source(name, null, cte);
                } else if (info != null) {
                    source = new Source(info.qualifiedName(), info, Set.of());
                } else {
                    source = new Source(schemaName == null ? name : schemaName + "." + name, null, Set.of());
                }
                scope.add(source, alias == null ? name : alias, alias == null ? source.planName() : null);
            } else if (item instanceof ParenthesedSelect sub) {
                String name = alias != null ? alias : "subquery " + (++subqueries);
                QueryPlan plan = read(sub.getSelect(), scope);
                String description = describe.apply(sub);
                steps.add(new Step(name, StepKind.SUBQUERY, null, description, plan.withSummary(description)));
                source = new Source(name, null, outputNames(sub.getSelect(), plan));
                scope.add(source, name);
            } else if (item instanceof ParenthesedFromItem nested) {
                source = source(nested.getFromItem());
                if (nested.getJoins() != null) {
                    nested.getJoins().forEach(this::join);
                }
                return source;
            } else {
                source = new Source(item.toString(), null, Set.of());
                scope.add(source, alias);
            }
            if (!tables.contains(source.planName())) {
                tables.add(source.planName());
            }
            return source;
        }

        private void join(net.sf.jsqlparser.statement.select.Join j) {
            List<Source> before = List.copyOf(scope.sources);
            Source right = source(j.getFromItem());
            JoinType type = j.isCross()
                    ? JoinType.CROSS
                    : j.isFull()
                            ? JoinType.FULL
                            : j.isRight() ? JoinType.RIGHT : j.isLeft() ? JoinType.LEFT : JoinType.INNER;
            List<Expression> on = new ArrayList<>();
            if (j.getOnExpressions() != null) {
                j.getOnExpressions().forEach(e -> on.addAll(conjuncts(e)));
            }
            boolean using = j.getUsingColumns() != null && !j.getUsingColumns().isEmpty();
            if (on.isEmpty() && !using) {
                if (j.isNatural()) {
                    joins.add(new Join(type, null, new ColumnRef(right.planName(), null), "NATURAL"));
                } else if (j.isSimple() || type == JoinType.CROSS) {
                    commaJoined.add(right);
                } else {
                    joins.add(new Join(type, null, new ColumnRef(right.planName(), null), null));
                }
                return;
            }
            List<Join> made = new ArrayList<>();
            if (using) {
                for (Column c : j.getUsingColumns()) {
                    String name = unquote(c.getColumnName());
                    Source left = before.stream()
                            .filter(s -> s.has(name))
                            .findFirst()
                            .orElse(before.isEmpty() ? right : before.getFirst());
                    made.add(new Join(
                            type,
                            new ColumnRef(left.planName(), left.columnName(name)),
                            new ColumnRef(right.planName(), right.columnName(name)),
                            null));
                }
            }
            List<String> rest = new ArrayList<>();
            for (Expression e : on) {
                ColumnRef[] pair = columnEquality(e);
                if (pair != null && !pair[0].table().equals(pair[1].table())) {
                    made.add(new Join(type, pair[0], pair[1], null));
                } else {
                    rest.add(text(e));
                }
            }
            String condition = rest.isEmpty() ? null : String.join(" AND ", rest);
            if (made.isEmpty()) {
                joins.add(new Join(type, null, new ColumnRef(right.planName(), null), condition));
                return;
            }
            if (condition != null) {
                Join first = made.removeFirst();
                made.addFirst(new Join(first.type(), first.left(), first.right(), condition));
            }
            joins.addAll(made);
        }

        /** {@code a.x = b.y} with both sides columns of this query's sources. */
        private ColumnRef[] columnEquality(Expression e) {
            if (e instanceof EqualsTo eq
                    && strip(eq.getLeftExpression()) instanceof Column l
                    && strip(eq.getRightExpression()) instanceof Column r) {
                ColumnRef left = local(l);
                ColumnRef right = local(r);
                if (left != null && right != null && left.table() != null && right.table() != null) {
                    return new ColumnRef[] {left, right};
                }
            }
            return null;
        }

        /** A column of this query's own sources (not a correlated one). */
        private ColumnRef local(Column c) {
            ColumnRef ref = scope.resolve(c);
            if (ref == null) {
                return null;
            }
            return scope.sources.stream().anyMatch(s -> s.planName().equals(ref.table())) ? ref : null;
        }

        // --- SELECT list and GROUP BY ---

        private List<Expression> groupKeys() {
            List<Expression> keys = new ArrayList<>();
            if (ps.getGroupBy() == null || ps.getGroupBy().getGroupByExpressionList() == null) {
                return keys;
            }
            for (Expression e : ps.getGroupBy().getGroupByExpressionList()) {
                keys.add(dereference(e));
            }
            return keys;
        }

        /** A GROUP BY or ORDER BY item as the expression it stands for: ordinals and output aliases resolved. */
        private Expression dereference(Expression e) {
            List<SelectItem<?>> items = ps.getSelectItems();
            if (e instanceof LongValue n && n.getValue() >= 1 && n.getValue() <= items.size()) {
                return items.get((int) n.getValue() - 1).getExpression();
            }
            if (e instanceof Column c && c.getTable() == null) {
                String name = unquote(c.getColumnName());
                boolean sourceColumn =
                        local(c) != null && scope.sources.stream().anyMatch(s -> s.has(name));
                if (!sourceColumn) {
                    for (SelectItem<?> item : items) {
                        if (item.getAlias() != null
                                && unquote(item.getAliasName()).equalsIgnoreCase(name)) {
                            return item.getExpression();
                        }
                    }
                }
            }
            return e;
        }

        private void selectItem(SelectItem<?> item, boolean grouping, Set<String> grouped, Set<String> used) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns) {
                return; // "*" and "t.*": every column, as a plan with no columns lists
            }
            String alias = item.getAlias() == null ? null : unquote(item.getAliasName());
            String k = key(e);
            boolean inGroup = grouped.contains(k);
            if (inGroup) {
                used.add(k);
            }
            if (containsWindow(e)) {
                output(e, alias);
                computed.add(new Computed(text(e), alias, ComputedKind.WINDOW));
                return;
            }
            if (aggregates(e)) {
                measure(e, alias);
                return;
            }
            Expression bare = strip(e);
            if (bare instanceof Column c && scope.resolve(c) != null) {
                ColumnRef ref = scope.resolve(c);
                if (inGroup) {
                    output(e, alias == null ? ref.column() : alias);
                    groupBy.add(new Dimension(ref, null, alias == null ? ref.column() : alias));
                } else {
                    output(e, alias);
                    columns.add(ref);
                }
                return;
            }
            if (inGroup) {
                dimension(e, alias);
                return;
            }
            output(e, alias);
            ComputedKind kind = bare instanceof CaseExpression ? ComputedKind.CASE : ComputedKind.VALUE;
            computed.add(new Computed(text(e), alias, kind));
        }

        private void output(Expression e, String alias) {
            if (alias != null) {
                outputs.putIfAbsent(key(e), alias);
                aliases.putIfAbsent(alias.toLowerCase(Locale.ROOT), alias);
            }
        }

        /** A grouping expression: a column, a column truncated to a time grain, or another expression. */
        private void dimension(Expression e, String alias) {
            Expression bare = strip(e);
            if (bare instanceof Column c && scope.resolve(c) != null) {
                ColumnRef ref = scope.resolve(c);
                output(e, alias == null ? ref.column() : alias);
                groupBy.add(new Dimension(ref, null, alias));
                return;
            }
            output(e, alias);
            List<Column> cols = columnsOf(e);
            ColumnRef first = cols.isEmpty() ? null : scope.resolve(cols.getFirst());
            TimeGrain grain = first == null ? null : grain(e, cols.getFirst());
            if (grain != null) {
                groupBy.add(new Dimension(first, grain, alias));
            } else {
                groupBy.add(new Dimension(first, null, alias, text(e)));
            }
        }

        /** The grain whose truncation of {@code column} the dialect writes exactly as {@code e}. */
        private TimeGrain grain(Expression e, Column column) {
            if (dialect == null) {
                return null;
            }
            String written = key(e);
            for (TimeGrain g : TimeGrain.values()) {
                String truncated = dialect.sql().dateTrunc(DateGrain.valueOf(g.name()), column.toString());
                try {
                    if (key(CCJSqlParserUtil.parseExpression(truncated)).equals(written)) {
                        return g;
                    }
                } catch (JSQLParserException | RuntimeException ignored) {
                    // a truncation this parser cannot read is not the one written
                }
            }
            return null;
        }

        private void measure(Expression e, String alias) {
            output(e, alias);
            Expression bare = strip(e);
            net.sf.jsqlparser.expression.Function first = firstAggregate(e);
            Aggregate function = aggregate(first);
            ColumnRef column = aggregatedColumn(first);
            boolean plain = bare == first
                    && ((isStar(first) && function == Aggregate.COUNT) || column != null)
                    && (!first.isDistinct() || function == Aggregate.COUNT_DISTINCT);
            measures.add(new Measure(function, column, alias, plain ? null : text(e)));
        }

        private Aggregate aggregate(net.sf.jsqlparser.expression.Function f) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "count" -> f.isDistinct() ? Aggregate.COUNT_DISTINCT : Aggregate.COUNT;
                case "sum" -> Aggregate.SUM;
                case "avg" -> Aggregate.AVG;
                case "min" -> Aggregate.MIN;
                default -> Aggregate.MAX;
            };
        }

        private static boolean isStar(net.sf.jsqlparser.expression.Function f) {
            return f.isAllColumns()
                    || (f.getParameters() != null
                            && f.getParameters().size() == 1
                            && f.getParameters().getFirst() instanceof AllColumns);
        }

        /** The aggregated column when the aggregate reads exactly one plain column. */
        private ColumnRef aggregatedColumn(net.sf.jsqlparser.expression.Function f) {
            ExpressionList<?> params = f.getParameters();
            if (f.isAllColumns() || params == null || params.size() != 1) {
                return null;
            }
            return strip(params.getFirst()) instanceof Column c ? scope.resolve(c) : null;
        }

        // --- WHERE and HAVING ---

        private void where(Expression c) {
            ColumnRef[] pair = columnEquality(c);
            if (pair != null && !pair[0].table().equals(pair[1].table())) {
                Source waiting = commaJoined.stream()
                        .filter(s -> s.planName().equals(pair[0].table())
                                || s.planName().equals(pair[1].table()))
                        .findFirst()
                        .orElse(null);
                if (waiting != null) {
                    commaJoined.remove(waiting);
                    joins.add(new Join(JoinType.INNER, pair[0], pair[1], null));
                    return;
                }
                boolean alreadyJoined = joins.stream()
                        .anyMatch(j -> j.left() != null
                                && ((j.left().equals(pair[0]) && j.right().equals(pair[1]))
                                        || (j.left().equals(pair[1])
                                                && j.right().equals(pair[0]))));
                if (!alreadyJoined && tables.size() > 1) {
                    joins.add(new Join(JoinType.INNER, pair[0], pair[1], null));
                    return;
                }
            }
            Filter f = simpleFilter(c);
            if (f == null) {
                f = anyOfFilter(c);
            }
            filters.add(f != null ? f : Filter.expression(text(c)));
        }

        /**
         * "a LIKE 'J%' OR b LIKE '%son%'": conditions of which any one is enough, when each is a plain
         * condition on a table's column. Null otherwise.
         */
        private Filter anyOfFilter(Expression c) {
            if (!(strip(c) instanceof OrExpression)) {
                return null;
            }
            List<Filter> alternatives = new ArrayList<>();
            for (Expression x : alternatives(strip(c), new ArrayList<>())) {
                Filter f = simpleFilter(x);
                if (f == null || f.column() == null || f.column().table() == null) {
                    return null;
                }
                alternatives.add(f);
            }
            return Filter.anyOf(alternatives);
        }

        private static List<Expression> alternatives(Expression e, List<Expression> out) {
            if (e instanceof OrExpression or) {
                alternatives(strip(or.getLeftExpression()), out);
                alternatives(strip(or.getRightExpression()), out);
            } else {
                out.add(e);
            }
            return out;
        }

        private void having(Expression c) {
            if (c instanceof ComparisonOperator cmp) {
                Expression left = strip(cmp.getLeftExpression());
                Expression right = strip(cmp.getRightExpression());
                FilterOp op = op(cmp);
                Literal lit = literal(right, null);
                if (lit == null && literal(left, null) != null) {
                    lit = literal(left, null);
                    left = right;
                    op = flip(op);
                }
                String alias = lit == null ? null : measureAlias(left);
                if (alias != null && op != null) {
                    filters.add(new Filter(new ColumnRef(null, alias), op, List.of(lit.value()), lit.type()));
                    return;
                }
            }
            filters.add(Filter.expression(text(c)));
        }

        /** The alias of the plain measure an expression in HAVING repeats (or names). */
        private String measureAlias(Expression e) {
            if (e instanceof Column c && c.getTable() == null) {
                String name = unquote(c.getColumnName());
                for (Measure m : measures) {
                    if (m.alias() != null && m.alias().equalsIgnoreCase(name)) {
                        return m.alias();
                    }
                }
            }
            String alias = outputs.get(key(e));
            if (alias == null) {
                return null;
            }
            return measures.stream()
                    .filter(m -> alias.equals(m.alias()) && m.expression() == null)
                    .map(Measure::alias)
                    .findFirst()
                    .orElse(null);
        }

        /**
         * "EXTRACT(ISODOW FROM o.order_date) IN (6, 7)" written exactly as the dialect writes a day of the
         * week (as the plan compiler does): the date falls on those days. Any other spelling stays SQL text.
         */
        private Filter dayOfWeekFilter(Expression left, ExpressionList<?> days) {
            List<Column> cols = columnsOf(left);
            if (dialect == null || days.isEmpty() || cols.size() != 1) {
                return null;
            }
            Column col = cols.getFirst();
            try {
                String written = dialect.sql().isoDayOfWeek(col.toString());
                if (!key(CCJSqlParserUtil.parseExpression(written)).equals(key(left))) {
                    return null;
                }
            } catch (JSQLParserException | RuntimeException e) {
                return null; // a day of the week this parser cannot read is not the one written
            }
            ColumnRef ref = scope.resolve(col);
            if (ref == null || ref.table() == null) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (Expression x : days) {
                if (!(strip(x) instanceof LongValue n) || n.getValue() < 1 || n.getValue() > 7) {
                    return null;
                }
                names.add(DayOfWeek.of((int) n.getValue()).name());
            }
            return new Filter(ref, FilterOp.DAY_OF_WEEK, names, ValueType.STRING);
        }

        /** A condition the structured fields hold: a column compared with literals. Null otherwise. */
        private Filter simpleFilter(Expression c) {
            if (c instanceof ComparisonOperator cmp) {
                FilterOp op = op(cmp);
                Expression left = strip(cmp.getLeftExpression());
                Expression right = strip(cmp.getRightExpression());
                if (!(left instanceof Column) && right instanceof Column) {
                    Expression t = left;
                    left = right;
                    right = t;
                    op = flip(op);
                }
                ColumnRef ref = left instanceof Column col ? scope.resolve(col) : null;
                if (ref == null || op == null || ref.table() == null) {
                    return null;
                }
                Literal lit = literal(right, info(ref));
                return lit == null ? null : new Filter(ref, op, List.of(lit.value()), lit.type());
            }
            if (c instanceof Between b && !b.isNot() && strip(b.getLeftExpression()) instanceof Column col) {
                ColumnRef ref = scope.resolve(col);
                if (ref == null || ref.table() == null) {
                    return null;
                }
                Literal lo = literal(strip(b.getBetweenExpressionStart()), info(ref));
                Literal hi = literal(strip(b.getBetweenExpressionEnd()), info(ref));
                if (lo == null || hi == null || lo.type() != hi.type()) {
                    return null;
                }
                return new Filter(ref, FilterOp.BETWEEN, List.of(lo.value(), hi.value()), lo.type());
            }
            if (c instanceof InExpression in
                    && !in.isNot()
                    && in.getRightExpression() instanceof ExpressionList<?> days) {
                Filter f = dayOfWeekFilter(in.getLeftExpression(), days);
                if (f != null) {
                    return f;
                }
            }
            if (c instanceof InExpression in
                    && strip(in.getLeftExpression()) instanceof Column col
                    && in.getRightExpression() instanceof ExpressionList<?> list
                    && !(in.getRightExpression() instanceof Select)) {
                ColumnRef ref = scope.resolve(col);
                if (ref == null || ref.table() == null || list.isEmpty()) {
                    return null;
                }
                List<String> values = new ArrayList<>();
                ValueType type = null;
                for (Expression x : list) {
                    Literal lit = literal(strip(x), info(ref));
                    if (lit == null || (type != null && type != lit.type())) {
                        return null;
                    }
                    type = lit.type();
                    values.add(lit.value());
                }
                return new Filter(ref, in.isNot() ? FilterOp.NOT_IN : FilterOp.IN, values, type);
            }
            if (c instanceof IsNullExpression isNull && strip(isNull.getLeftExpression()) instanceof Column col) {
                ColumnRef ref = scope.resolve(col);
                if (ref == null || ref.table() == null) {
                    return null;
                }
                return new Filter(ref, isNull.isNot() ? FilterOp.NOT_NULL : FilterOp.IS_NULL, List.of(), null);
            }
            if (c instanceof LikeExpression like && !like.isNot() && like.getEscape() == null) {
                Expression left = lowered(strip(like.getLeftExpression()));
                Expression right = lowered(strip(like.getRightExpression()));
                String keyword = like.getLikeKeyWord() == null
                        ? "LIKE"
                        : like.getLikeKeyWord().toString().toUpperCase(Locale.ROOT);
                if (!keyword.equals("LIKE") && !keyword.equals("ILIKE")) {
                    return null;
                }
                if (left instanceof Column col && right instanceof StringValue s) {
                    ColumnRef ref = scope.resolve(col);
                    if (ref == null || ref.table() == null) {
                        return null;
                    }
                    return new Filter(ref, FilterOp.LIKE, List.of(s.getNotExcapedValue()), ValueType.STRING);
                }
            }
            return null;
        }

        /** {@code LOWER(x)} as {@code x}: how some engines write a case-insensitive LIKE. */
        private Expression lowered(Expression e) {
            if (e instanceof net.sf.jsqlparser.expression.Function f
                    && f.getName().equalsIgnoreCase("lower")
                    && f.getParameters() != null
                    && f.getParameters().size() == 1) {
                return strip(f.getParameters().getFirst());
            }
            return e;
        }

        private ColumnInfo info(ColumnRef ref) {
            return scope.sources.stream()
                    .filter(s -> s.planName().equals(ref.table()) && s.table() != null)
                    .findFirst()
                    .flatMap(s -> s.table().column(ref.column()))
                    .orElse(null);
        }

        // --- ORDER BY ---

        private String orderTarget(Expression raw) {
            // an alias may read as a keyword ("ORDER BY month"), so it is matched by its text first
            String named = raw instanceof Column c && c.getTable() == null
                    ? aliases.get(unquote(c.getColumnName()).toLowerCase(Locale.ROOT))
                    : aliases.get(unquote(raw.toString().strip()).toLowerCase(Locale.ROOT));
            if (named != null) {
                return named;
            }
            Expression e = dereference(raw);
            String alias = outputs.get(key(e));
            if (alias != null) {
                return alias;
            }
            if (strip(e) instanceof Column c) {
                ColumnRef ref = scope.resolve(c);
                if (ref != null && ref.table() != null) {
                    return ref.toString();
                }
            }
            return text(e);
        }

        private String text(Expression e) {
            return SelectReader.this.text(e, scope);
        }
    }

    // --- expressions ---

    private record Literal(String value, ValueType type) {}

    /** A literal as a plan value; {@code column} (when known) tells dates and booleans apart. */
    private static Literal literal(Expression e, ColumnInfo column) {
        if (e instanceof LongValue || e instanceof DoubleValue) {
            if (column != null && SchemaIndex.isBoolean(column) && e instanceof LongValue v && v.getValue() <= 1) {
                return new Literal(v.getValue() == 1 ? "true" : "false", ValueType.BOOLEAN);
            }
            return new Literal(e.toString(), ValueType.NUMBER);
        }
        if (e instanceof SignedExpression s
                && s.getSign() == '-'
                && (s.getExpression() instanceof LongValue || s.getExpression() instanceof DoubleValue)) {
            return new Literal("-" + s.getExpression(), ValueType.NUMBER);
        }
        if (e instanceof BooleanValue b) {
            return new Literal(String.valueOf(b.getValue()), ValueType.BOOLEAN);
        }
        if (e instanceof Column c
                && c.getTable() == null
                && (c.getColumnName().equalsIgnoreCase("true")
                        || c.getColumnName().equalsIgnoreCase("false"))) {
            return new Literal(c.getColumnName().toLowerCase(Locale.ROOT), ValueType.BOOLEAN);
        }
        if (e instanceof DateTimeLiteralExpression d) {
            return new Literal(stripQuotes(d.getValue()), ValueType.DATE);
        }
        if (e instanceof DateValue d) {
            return new Literal(d.getValue().toString(), ValueType.DATE);
        }
        if (e instanceof TimestampValue t) {
            return new Literal(stripQuotes(t.toString().replaceFirst("(?i)^\\{?ts\\s*", "")), ValueType.DATE);
        }
        if (e instanceof StringValue s) {
            String v = s.getNotExcapedValue();
            if (column != null && SchemaIndex.isDate(column) && isDate(v)) {
                return new Literal(v, ValueType.DATE);
            }
            return new Literal(v, ValueType.STRING);
        }
        return null;
    }

    private static boolean isDate(String v) {
        try {
            if (v.length() == 10) {
                LocalDate.parse(v);
            } else {
                LocalDateTime.parse(v.replace(' ', 'T'));
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String stripQuotes(String v) {
        String s = v.strip();
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    private static FilterOp op(ComparisonOperator c) {
        if (c instanceof EqualsTo) {
            return FilterOp.EQ;
        }
        if (c instanceof NotEqualsTo) {
            return FilterOp.NE;
        }
        if (c instanceof GreaterThan) {
            return FilterOp.GT;
        }
        if (c instanceof GreaterThanEquals) {
            return FilterOp.GTE;
        }
        if (c instanceof MinorThan) {
            return FilterOp.LT;
        }
        if (c instanceof MinorThanEquals) {
            return FilterOp.LTE;
        }
        return null;
    }

    private static FilterOp flip(FilterOp op) {
        if (op == null) {
            return null;
        }
        return switch (op) {
            case GT -> FilterOp.LT;
            case GTE -> FilterOp.LTE;
            case LT -> FilterOp.GT;
            case LTE -> FilterOp.GTE;
            default -> op;
        };
    }

    /** The conditions of an AND chain, parentheses around the whole removed. */
    private static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        Expression x = strip(e);
        if (x instanceof AndExpression and) {
            out.addAll(conjuncts(and.getLeftExpression()));
            out.addAll(conjuncts(and.getRightExpression()));
        } else {
            out.add(x);
        }
        return out;
    }

    private static Expression strip(Expression e) {
        Expression x = e;
        while (x instanceof Parenthesis p) {
            x = p.getExpression();
        }
        while (x instanceof ExpressionList<?> list && list.size() == 1) {
            x = list.getFirst();
        }
        return x;
    }

    /** Whether an aggregate is computed at this query's level (not inside a sub-query or window). */
    private static boolean aggregates(Expression e) {
        return firstAggregate(e) != null;
    }

    private static net.sf.jsqlparser.expression.Function firstAggregate(Expression e) {
        net.sf.jsqlparser.expression.Function[] found = {null};
        e.accept(
                new SameLevel() {
                    @Override
                    public <S> Void visit(net.sf.jsqlparser.expression.Function f, S context) {
                        if (found[0] == null && AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT))) {
                            found[0] = f;
                            return null;
                        }
                        return super.visit(f, context);
                    }

                    @Override
                    public <S> Void visit(AnalyticExpression a, S context) {
                        return null;
                    }
                },
                null);
        return found[0];
    }

    private static boolean containsWindow(Expression e) {
        boolean[] found = {false};
        e.accept(
                new SameLevel() {
                    @Override
                    public <S> Void visit(AnalyticExpression a, S context) {
                        found[0] = true;
                        return null;
                    }
                },
                null);
        return found[0];
    }

    /** The sub-queries written in an expression (not those nested inside them), in order. */
    private static List<ParenthesedSelect> subqueries(Expression e) {
        List<ParenthesedSelect> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        e.accept(
                new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(ParenthesedSelect s, S context) {
                        out.add(s);
                        return null;
                    }

                    @Override
                    public <S> Void visit(Select s, S context) {
                        if (s instanceof ParenthesedSelect p) {
                            out.add(p);
                        }
                        return null;
                    }

                    @Override
                    public <S> Void visit(InExpression in, S context) {
                        in.getLeftExpression().accept(this, context);
                        if (in.getRightExpression() != null) {
                            in.getRightExpression().accept(this, context);
                        }
                        return null;
                    }

                    @Override
                    public <S> Void visit(ExistsExpression exists, S context) {
                        exists.getRightExpression().accept(this, context);
                        return null;
                    }
                },
                null);
        return out;
    }

    private static List<Column> columnsOf(Expression e) {
        List<Column> out = new ArrayList<>();
        e.accept(
                new SameLevel() {
                    @Override
                    public <S> Void visit(Column c, S context) {
                        out.add(c);
                        return null;
                    }
                },
                null);
        return out;
    }

    /** Walks an expression without descending into the sub-queries written in it. */
    private static class SameLevel extends ExpressionVisitorAdapter<Void> {
        @Override
        public <S> Void visit(ParenthesedSelect s, S context) {
            return null;
        }

        @Override
        public <S> Void visit(Select s, S context) {
            return null;
        }
    }

    /** Two expressions written the same way, up to case and spacing. */
    private static String key(Expression e) {
        return strip(e).toString().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * An expression as SQL text with every column named by its plan table ({@code
     * ecommerce.order_items.quantity}, not {@code oi.quantity}); sub-queries and unknown names are
     * written as they were.
     */
    private String text(Expression e, Scope scope) {
        StringBuilder sb = new StringBuilder();
        int[] depth = {0};
        ExpressionDeParser deparser = new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Column c, S context) {
                ColumnRef ref = depth[0] > 0 ? null : scope.resolve(c);
                getBuilder().append(ref == null || ref.table() == null ? c.getFullyQualifiedName() : ref.toString());
                return getBuilder();
            }

            @Override
            public <S> StringBuilder visit(ParenthesedSelect s, S context) {
                depth[0]++;
                try {
                    return super.visit(s, context);
                } finally {
                    depth[0]--;
                }
            }

            @Override
            public <S> StringBuilder visit(Select s, S context) {
                depth[0]++;
                try {
                    return super.visit(s, context);
                } finally {
                    depth[0]--;
                }
            }
        };
        SelectDeParser selects = new SelectDeParser(deparser, sb);
        deparser.setSelectVisitor(selects);
        deparser.setBuilder(sb);
        try {
            e.accept(deparser, null);
            return sb.toString();
        } catch (RuntimeException ex) {
            return e.toString();
        }
    }

    static String unquote(String identifier) {
        if (identifier == null || identifier.length() < 2) {
            return identifier;
        }
        char first = identifier.charAt(0);
        char last = identifier.charAt(identifier.length() - 1);
        if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
            return identifier.substring(1, identifier.length() - 1);
        }
        return identifier;
    }
}
