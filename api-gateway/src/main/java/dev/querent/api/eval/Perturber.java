package dev.querent.api.eval;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Makes plausible wrong variants of a correct query, the mistakes a text-to-SQL model makes (a
 * wrong aggregate, a flipped comparison, a dropped filter, ...), so the Validator can be measured on
 * SQL known to be wrong without a model. Works on the JSqlParser AST; each variant is produced from
 * a fresh parse, changed in exactly one place.
 */
public final class Perturber {

    /** One wrong variant and the kind of mistake it carries (one of the {@code KIND_*} names). */
    public record Perturbation(String kind, String sql) {}

    public static final String WRONG_AGGREGATE = "wrong_aggregate";
    public static final String FLIPPED_DIRECTION = "flipped_direction";
    public static final String FLIPPED_COMPARISON = "flipped_comparison";
    public static final String DROPPED_FILTER = "dropped_filter";
    public static final String LOOSENED_FILTER = "loosened_filter";
    public static final String WRONG_JOIN_KEY = "wrong_join_key";
    public static final String DROPPED_GROUP_BY = "dropped_group_by";
    public static final String CHANGED_LIMIT = "changed_limit";
    public static final String EXTRA_COLUMN = "extra_column";
    public static final String MISSING_COLUMN = "missing_column";

    /** Every kind, in the order {@link #all} lists variants. */
    public static final List<String> KINDS = List.of(
            WRONG_AGGREGATE,
            FLIPPED_DIRECTION,
            FLIPPED_COMPARISON,
            DROPPED_FILTER,
            LOOSENED_FILTER,
            WRONG_JOIN_KEY,
            DROPPED_GROUP_BY,
            CHANGED_LIMIT,
            EXTRA_COLUMN,
            MISSING_COLUMN);

    /** The aggregate a model confuses with each one. */
    private static final Map<String, List<String>> AGGREGATE_SWAPS = Map.of(
            "SUM", List.of("COUNT", "AVG"),
            "COUNT", List.of("SUM"),
            "AVG", List.of("SUM"),
            "MAX", List.of("MIN"),
            "MIN", List.of("MAX"));

    /** A wrong join key is another key-like column of the joined table. */
    private static final Pattern KEY_LIKE = Pattern.compile("(?i).*(id|key|code|no|num|number)$");

    /** Enough alternative join keys per join to show the mistake without flooding the set. */
    private static final int MAX_JOIN_ALTERNATIVES = 2;

    private Perturber() {}

    /** A place in a freshly parsed statement where one mistake can be made. */
    private interface Site {
        void apply();
    }

    private interface Sites {
        List<Site> in(Select select, SchemaSnapshot schema);
    }

    /**
     * Every wrong variant of {@code sql}, grouped by kind in {@link #KINDS} order. Variants that do
     * not parse or that read the same as the original after normalisation are left out; SQL that
     * does not parse, or is not a query, gives none.
     */
    public static List<Perturbation> all(String sql, Dialect dialect, SchemaSnapshot schemaOrNull) {
        Optional<Select> original = parse(sql);
        if (original.isEmpty()) {
            return List.of();
        }
        String normalisedOriginal = normalise(original.get().toString());
        Map<String, Sites> kinds = new LinkedHashMap<>();
        kinds.put(WRONG_AGGREGATE, Perturber::aggregateSites);
        kinds.put(FLIPPED_DIRECTION, Perturber::directionSites);
        kinds.put(FLIPPED_COMPARISON, (s, schema) -> conditionSites(s, FLIPPED_COMPARISON));
        kinds.put(DROPPED_FILTER, (s, schema) -> conditionSites(s, DROPPED_FILTER));
        kinds.put(LOOSENED_FILTER, (s, schema) -> conditionSites(s, LOOSENED_FILTER));
        kinds.put(WRONG_JOIN_KEY, Perturber::joinKeySites);
        kinds.put(DROPPED_GROUP_BY, Perturber::groupBySites);
        kinds.put(CHANGED_LIMIT, Perturber::limitSites);
        kinds.put(EXTRA_COLUMN, Perturber::extraColumnSites);
        kinds.put(MISSING_COLUMN, Perturber::missingColumnSites);

        Set<String> seen = new LinkedHashSet<>();
        List<Perturbation> out = new ArrayList<>();
        for (Map.Entry<String, Sites> kind : kinds.entrySet()) {
            int count = kind.getValue().in(original.get(), schemaOrNull).size();
            for (int i = 0; i < count; i++) {
                Select fresh = parse(sql).orElseThrow();
                List<Site> sites = kind.getValue().in(fresh, schemaOrNull);
                if (i >= sites.size()) {
                    break;
                }
                String variant;
                try {
                    sites.get(i).apply();
                    variant = fresh.toString();
                } catch (RuntimeException e) {
                    continue;
                }
                Optional<Select> reparsed = parse(variant);
                if (reparsed.isEmpty()) {
                    continue;
                }
                String normalised = normalise(reparsed.get().toString());
                if (!normalised.equals(normalisedOriginal) && seen.add(normalised)) {
                    out.add(new Perturbation(kind.getKey(), variant));
                }
            }
        }
        return out;
    }

    /**
     * One wrong variant chosen by {@code seed}: first a kind (each kind the query allows equally
     * likely), then a variant of it, so a benchmark is not dominated by the kinds with most sites.
     */
    public static Optional<Perturbation> pick(String sql, Dialect dialect, SchemaSnapshot schemaOrNull, long seed) {
        List<Perturbation> all = all(sql, dialect, schemaOrNull);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        List<String> kinds = all.stream().map(Perturbation::kind).distinct().toList();
        Random random = new Random(seed);
        String kind = kinds.get(random.nextInt(kinds.size()));
        List<Perturbation> ofKind =
                all.stream().filter(p -> p.kind().equals(kind)).toList();
        return Optional.of(ofKind.get(random.nextInt(ofKind.size())));
    }

    static Optional<Select> parse(String sql) {
        if (sql == null || sql.isBlank()) {
            return Optional.empty();
        }
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        try {
            Statement st = CCJSqlParserUtil.parse(s);
            return st instanceof Select select ? Optional.of(select) : Optional.empty();
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Case and spacing do not make a variant different. */
    static String normalise(String sql) {
        return sql.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** Every plain SELECT of the statement outside expressions: the main one, set operands, CTEs, derived tables. */
    private static List<PlainSelect> plainSelects(Select select) {
        List<PlainSelect> out = new ArrayList<>();
        collect(select, out);
        return out;
    }

    private static void collect(Select select, List<PlainSelect> out) {
        if (select == null) {
            return;
        }
        if (select.getWithItemsList() != null) {
            for (WithItem<?> w : select.getWithItemsList()) {
                if (w.getParenthesedStatement() instanceof ParenthesedSelect ps) {
                    collect(ps.getSelect(), out);
                }
            }
        }
        switch (select) {
            case PlainSelect ps -> {
                out.add(ps);
                collectFrom(ps.getFromItem(), out);
                if (ps.getJoins() != null) {
                    ps.getJoins().forEach(j -> collectFrom(j.getFromItem(), out));
                }
            }
            case SetOperationList set -> set.getSelects().forEach(s -> collect(s, out));
            case ParenthesedSelect ps -> collect(ps.getSelect(), out);
            default -> {}
        }
    }

    private static void collectFrom(FromItem from, List<PlainSelect> out) {
        if (from instanceof ParenthesedSelect ps) {
            collect(ps.getSelect(), out);
        }
    }

    // --- wrong aggregate ---

    private static List<Site> aggregateSites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        for (PlainSelect ps : plainSelects(select)) {
            List<Function> functions = new ArrayList<>();
            ExpressionVisitorAdapter<Void> finder = new ExpressionVisitorAdapter<>() {
                @Override
                public <S> Void visit(Function function, S context) {
                    functions.add(function);
                    return super.visit(function, context);
                }
            };
            ps.getSelectItems().forEach(i -> i.getExpression().accept(finder, null));
            if (ps.getHaving() != null) {
                ps.getHaving().accept(finder, null);
            }
            if (ps.getOrderByElements() != null) {
                ps.getOrderByElements().forEach(o -> o.getExpression().accept(finder, null));
            }
            for (Function f : functions) {
                String name = f.getName() == null ? "" : f.getName().toUpperCase(Locale.ROOT);
                boolean star = f.isAllColumns()
                        || (f.getParameters() != null
                                && f.getParameters().size() == 1
                                && f.getParameters().getFirst() instanceof AllColumns);
                for (String to : AGGREGATE_SWAPS.getOrDefault(name, List.of())) {
                    if (star && !to.equals("COUNT")) {
                        continue;
                    }
                    sites.add(() -> f.setName(to));
                }
            }
        }
        return sites;
    }

    // --- flipped direction ---

    private static List<Site> directionSites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        for (PlainSelect ps : plainSelects(select)) {
            if (ps.getOrderByElements() == null) {
                continue;
            }
            for (OrderByElement o : ps.getOrderByElements()) {
                sites.add(() -> {
                    o.setAsc(!o.isAsc());
                    o.setAscDescPresent(true);
                });
            }
        }
        return sites;
    }

    // --- filters: flipped comparison, dropped conjunct, loosened filter ---

    /** The filters of WHERE, HAVING and join conditions, each with a way to replace it in its parent. */
    private static List<Site> conditionSites(Select select, String kind) {
        List<Site> sites = new ArrayList<>();
        for (PlainSelect ps : plainSelects(select)) {
            if (ps.getWhere() != null) {
                condition(ps.getWhere(), ps::setWhere, true, kind, sites);
            }
            if (ps.getHaving() != null) {
                condition(ps.getHaving(), ps::setHaving, true, kind, sites);
            }
            if (ps.getJoins() != null && !kind.equals(DROPPED_FILTER)) {
                for (Join j : ps.getJoins()) {
                    if (j.getOnExpressions() == null) {
                        continue;
                    }
                    List<Expression> on = new ArrayList<>(j.getOnExpressions());
                    for (int k = 0; k < on.size(); k++) {
                        int at = k;
                        condition(
                                on.get(k),
                                e -> {
                                    on.set(at, e);
                                    j.setOnExpressions(on);
                                },
                                false,
                                kind,
                                sites);
                    }
                }
            }
        }
        return sites;
    }

    /**
     * @param droppable whether removing the whole condition leaves a meaningful query (a WHERE or
     *     HAVING can go, a join condition cannot)
     */
    private static void condition(
            Expression e, Consumer<Expression> replace, boolean droppable, String kind, List<Site> sites) {
        switch (e) {
            case AndExpression and -> {
                if (kind.equals(DROPPED_FILTER)) {
                    if (!(and.getLeftExpression() instanceof AndExpression) && isFilter(and.getLeftExpression())) {
                        sites.add(() -> replace.accept(and.getRightExpression()));
                    }
                    if (isFilter(and.getRightExpression())) {
                        sites.add(() -> replace.accept(and.getLeftExpression()));
                    }
                }
                condition(and.getLeftExpression(), and::setLeftExpression, false, kind, sites);
                condition(and.getRightExpression(), and::setRightExpression, false, kind, sites);
            }
            case OrExpression or -> {
                condition(or.getLeftExpression(), or::setLeftExpression, false, kind, sites);
                condition(or.getRightExpression(), or::setRightExpression, false, kind, sites);
            }
            case Parenthesis p ->
                condition(p.getExpression(), x -> replaceInside(x, p::setExpression, replace), droppable, kind, sites);
            case ParenthesedExpressionList<?> list
            when list.size() == 1 -> {
                @SuppressWarnings("unchecked")
                ParenthesedExpressionList<Expression> l = (ParenthesedExpressionList<Expression>) list;
                condition(l.getFirst(), x -> replaceInside(x, y -> l.set(0, y), replace), droppable, kind, sites);
            }
            case NotExpression not -> condition(not.getExpression(), not::setExpression, false, kind, sites);
            default -> leaf(e, replace, droppable, kind, sites);
        }
    }

    /** Dropping what a pair of parentheses holds drops the parentheses too. */
    private static void replaceInside(Expression x, Consumer<Expression> inside, Consumer<Expression> parent) {
        if (x == null) {
            parent.accept(null);
        } else {
            inside.accept(x);
        }
    }

    private static void leaf(
            Expression e, Consumer<Expression> replace, boolean droppable, String kind, List<Site> sites) {
        switch (kind) {
            case FLIPPED_COMPARISON -> {
                if (e instanceof ComparisonOperator c) {
                    ComparisonOperator flipped =
                            switch (c) {
                                case GreaterThan g -> new MinorThan();
                                case MinorThan m -> new GreaterThan();
                                case GreaterThanEquals g -> new MinorThanEquals();
                                case MinorThanEquals m -> new GreaterThanEquals();
                                default -> null;
                            };
                    if (flipped != null) {
                        flipped.setLeftExpression(c.getLeftExpression());
                        flipped.setRightExpression(c.getRightExpression());
                        sites.add(() -> replace.accept(flipped));
                    }
                }
            }
            case DROPPED_FILTER -> {
                if (droppable && isFilter(e)) {
                    sites.add(() -> replace.accept(null));
                }
            }
            case LOOSENED_FILTER -> {
                if (e instanceof EqualsTo eq) {
                    Expression left = eq.getLeftExpression();
                    Expression right = eq.getRightExpression();
                    if (right instanceof StringValue v && !v.getValue().isEmpty()) {
                        sites.add(() -> {
                            LikeExpression like = new LikeExpression();
                            like.setLeftExpression(left);
                            like.setRightExpression(new StringValue("%" + v.getValue() + "%"));
                            replace.accept(like);
                        });
                    }
                }
                if (e instanceof ComparisonOperator c) {
                    changedNumber(c.getRightExpression()).ifPresent(n -> sites.add(() -> c.setRightExpression(n)));
                }
            }
            default -> {}
        }
    }

    /** A filter compares something with a constant; a column-to-column equality is a join. */
    private static boolean isFilter(Expression e) {
        if (e instanceof EqualsTo eq) {
            return !(eq.getLeftExpression() instanceof Column && eq.getRightExpression() instanceof Column);
        }
        return true;
    }

    /** A neighbouring number: an off-by-one threshold or year. */
    private static Optional<Expression> changedNumber(Expression e) {
        if (e instanceof LongValue l) {
            return Optional.of(new LongValue(l.getValue() + 1));
        }
        if (e instanceof DoubleValue d) {
            return Optional.of(new DoubleValue(Double.toString(d.getValue() + 1)));
        }
        return Optional.empty();
    }

    // --- wrong join key ---

    private static List<Site> joinKeySites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        if (schema == null) {
            return sites;
        }
        for (PlainSelect ps : plainSelects(select)) {
            if (ps.getJoins() == null) {
                continue;
            }
            for (Join j : ps.getJoins()) {
                if (!(j.getFromItem() instanceof Table joined)) {
                    continue;
                }
                Optional<TableInfo> table = schema.table(joined.getSchemaName(), joined.getName());
                if (table.isEmpty()) {
                    continue;
                }
                String alias = joined.getAlias() == null
                        ? joined.getName()
                        : joined.getAlias().getName();
                if (j.getOnExpressions() == null) {
                    continue;
                }
                for (Expression on : j.getOnExpressions()) {
                    for (EqualsTo eq : equalities(on)) {
                        for (Expression side : List.of(eq.getLeftExpression(), eq.getRightExpression())) {
                            if (!(side instanceof Column col) || !belongsTo(col, alias, joined.getName())) {
                                continue;
                            }
                            Optional<ColumnInfo> current = table.get().column(col.getColumnName());
                            if (current.isEmpty()) {
                                continue;
                            }
                            alternatives(table.get(), current.get()).stream()
                                    .limit(MAX_JOIN_ALTERNATIVES)
                                    .forEach(other -> sites.add(() -> col.setColumnName(quoteLike(col, other))));
                        }
                    }
                }
            }
        }
        return sites;
    }

    private static List<EqualsTo> equalities(Expression e) {
        List<EqualsTo> out = new ArrayList<>();
        switch (e) {
            case AndExpression and -> {
                out.addAll(equalities(and.getLeftExpression()));
                out.addAll(equalities(and.getRightExpression()));
            }
            case Parenthesis p -> out.addAll(equalities(p.getExpression()));
            case ParenthesedExpressionList<?> list when list.size() == 1 -> out.addAll(equalities(list.getFirst()));
            case EqualsTo eq
            when eq.getLeftExpression() instanceof Column && eq.getRightExpression() instanceof Column -> out.add(eq);
            default -> {}
        }
        return out;
    }

    private static boolean belongsTo(Column col, String alias, String tableName) {
        if (col.getTable() == null || col.getTable().getName() == null) {
            return false;
        }
        String q = unquote(col.getTable().getName());
        return q.equalsIgnoreCase(unquote(alias)) || q.equalsIgnoreCase(unquote(tableName));
    }

    /** Other columns of the table of a compatible type, key-like names first. */
    private static List<String> alternatives(TableInfo table, ColumnInfo current) {
        String family = typeFamily(current.type());
        List<String> keyLike = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (ColumnInfo c : table.columns()) {
            if (c.name().equalsIgnoreCase(unquote(current.name()))
                    || !typeFamily(c.type()).equals(family)) {
                continue;
            }
            (KEY_LIKE.matcher(c.name()).matches() ? keyLike : rest).add(c.name());
        }
        keyLike.addAll(rest);
        return keyLike;
    }

    private static String typeFamily(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.contains("int")
                || t.contains("num")
                || t.contains("dec")
                || t.contains("real")
                || t.contains("double")
                || t.contains("float")) {
            return "number";
        }
        if (t.contains("date") || t.contains("time")) {
            return "time";
        }
        return "text";
    }

    /** Keeps the quoting style of the column being replaced, so the variant reads as the original does. */
    private static String quoteLike(Column original, String name) {
        String n = original.getColumnName();
        if (n.length() > 1 && (n.startsWith("\"") || n.startsWith("`") || n.startsWith("["))) {
            char open = n.charAt(0);
            char close = open == '[' ? ']' : open;
            return open + name + close;
        }
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "\"" + name + "\"";
    }

    private static String unquote(String name) {
        if (name != null && name.length() > 1 && "\"`[".indexOf(name.charAt(0)) >= 0) {
            return name.substring(1, name.length() - 1);
        }
        return name == null ? "" : name;
    }

    // --- dropped GROUP BY column ---

    private static List<Site> groupBySites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        for (PlainSelect ps : plainSelects(select)) {
            if (ps.getGroupBy() == null
                    || ps.getGroupBy().getGroupByExpressionList() == null
                    || ps.getGroupBy().getGroupByExpressionList().isEmpty()) {
                continue;
            }
            ExpressionList<Expression> keys = ps.getGroupBy().getGroupByExpressionList();
            for (int k = 0; k < keys.size(); k++) {
                int at = k;
                sites.add(() -> {
                    String dropped = normalise(keys.get(at).toString());
                    keys.remove(at);
                    if (keys.isEmpty()) {
                        ps.setGroupByElement(null);
                    }
                    // The dropped key leaves the select list too, or the query would not be valid SQL.
                    List<SelectItem<?>> items = new ArrayList<>(ps.getSelectItems());
                    items.removeIf(i -> normalise(i.getExpression().toString()).equals(dropped));
                    if (items.isEmpty()) {
                        throw new IllegalStateException("nothing left to select");
                    }
                    ps.setSelectItems(items);
                    if (ps.getOrderByElements() != null) {
                        List<OrderByElement> order = new ArrayList<>(ps.getOrderByElements());
                        order.removeIf(
                                o -> normalise(o.getExpression().toString()).equals(dropped));
                        ps.setOrderByElements(order.isEmpty() ? null : order);
                    }
                });
            }
        }
        return sites;
    }

    // --- changed LIMIT ---

    private static List<Site> limitSites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        List<Limit> limits = new ArrayList<>();
        if (select.getLimit() != null) {
            limits.add(select.getLimit());
        }
        for (PlainSelect ps : plainSelects(select)) {
            if (ps.getLimit() != null && !limits.contains(ps.getLimit())) {
                limits.add(ps.getLimit());
            }
        }
        for (Limit limit : limits) {
            if (limit.getRowCount() instanceof LongValue n) {
                long v = n.getValue();
                sites.add(() -> limit.setRowCount(new LongValue(v + Math.max(1, v / 2))));
            }
        }
        return sites;
    }

    // --- extra / missing column ---

    private static List<Site> extraColumnSites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        if (schema == null || !(select instanceof PlainSelect ps) || !(ps.getFromItem() instanceof Table from)) {
            return sites;
        }
        boolean grouped = ps.getGroupBy() != null || ps.getDistinct() != null;
        boolean star = ps.getSelectItems().stream().anyMatch(i -> i.getExpression() instanceof AllColumns);
        if (grouped || star || hasAggregate(ps)) {
            return sites;
        }
        Optional<TableInfo> table = schema.table(from.getSchemaName(), from.getName());
        if (table.isEmpty()) {
            return sites;
        }
        String selected = normalise(ps.getSelectItems().toString());
        String qualifier = from.getAlias() != null
                ? from.getAlias().getName()
                : (ps.getJoins() == null || ps.getJoins().isEmpty() ? null : from.getName());
        for (ColumnInfo c : table.get().columns()) {
            if (selected.contains(c.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            sites.add(() -> {
                Column col = new Column(quoteLike(new Column("x"), c.name()));
                if (qualifier != null) {
                    col.setTable(new Table(qualifier));
                }
                ps.addSelectItems(col);
            });
            break;
        }
        return sites;
    }

    private static boolean hasAggregate(PlainSelect ps) {
        boolean[] found = {false};
        ExpressionVisitorAdapter<Void> finder = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(Function function, S context) {
                if (function.getName() != null
                        && AGGREGATE_SWAPS.containsKey(function.getName().toUpperCase(Locale.ROOT))) {
                    found[0] = true;
                }
                return super.visit(function, context);
            }
        };
        ps.getSelectItems().forEach(i -> i.getExpression().accept(finder, null));
        return found[0];
    }

    private static List<Site> missingColumnSites(Select select, SchemaSnapshot schema) {
        List<Site> sites = new ArrayList<>();
        if (!(select instanceof PlainSelect ps) || ps.getSelectItems().size() < 2) {
            return sites;
        }
        String text = normalise(ps.toString());
        for (int k = 0; k < ps.getSelectItems().size(); k++) {
            SelectItem<?> item = ps.getSelectItems().get(k);
            String alias = item.getAlias() == null
                    ? null
                    : normalise(unquote(item.getAlias().getName()));
            // An alias used later (ORDER BY total) cannot go without breaking the query.
            if (alias != null && text.split("\\b" + Pattern.quote(alias) + "\\b", -1).length > 2) {
                continue;
            }
            int at = k;
            sites.add(() -> {
                List<SelectItem<?>> items = new ArrayList<>(ps.getSelectItems());
                items.remove(at);
                ps.setSelectItems(items);
            });
        }
        return sites;
    }
}
