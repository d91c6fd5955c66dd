package dev.querent.semantics;

import dev.querent.core.Dialect;
import dev.querent.core.dialect.DateGrain;
import dev.querent.core.dialect.SqlDialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.PlanAssembler;
import dev.querent.semantics.reading.SchemaIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles a {@link QueryPlan} into SQL for a dialect, deterministically. Plans can be edited by
 * users, so everything is checked against the schema first: unknown tables or columns, tables
 * the joins do not connect, malformed literals and misplaced aggregates are rejected with an
 * {@link IllegalArgumentException} that names the culprit.
 *
 * <p>A filter whose column has no table and names an output alias (a measure's) applies after
 * grouping, as {@code HAVING}.
 */
public final class PlanSqlCompiler {

    private static final Pattern ALIAS = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ ]*");

    public String compile(QueryPlan plan, Dialect dialect, SchemaSnapshot schema) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(schema, "schema");
        if (plan.hasExpressions()) {
            throw new IllegalArgumentException(
                    "the plan holds SQL expressions, steps or joins only its SQL can express; it cannot be compiled");
        }
        if (plan.ratio() != null) {
            return ratio(plan, dialect, schema);
        }
        return new Compilation(plan, dialect, schema).sql();
    }

    /**
     * A ratio: when both sides read the same tables through the same joins, one query whose two
     * aggregates each keep only their side's rows ({@code COUNT(CASE WHEN … THEN 1 END)}), the
     * filters both sides share in its {@code WHERE}; otherwise, for a ratio that is not grouped, each
     * side as a scalar sub-query of its own. The quotient is decimal in every dialect ({@code 1.0 *}; {@code 100.0 *} for a
     * percentage),
     * and a zero denominator gives NULL.
     */
    private String ratio(QueryPlan plan, Dialect dialect, SchemaSnapshot schema) {
        QueryPlan.Ratio r = plan.ratio();
        if (rowByRow(r)) {
            return rowRatio(plan, dialect, schema);
        }
        if (!plan.measures().isEmpty()
                || !plan.columns().isEmpty()
                || !plan.joins().isEmpty()
                || plan.distinct()) {
            throw new IllegalArgumentException(
                    "a plan with a ratio keeps its measures and joins in the ratio's two sides");
        }
        QueryPlan num = holdersRows(side(r.numerator(), "numerator"), plan);
        QueryPlan den = holdersRows(side(r.denominator(), "denominator"), plan);
        String alias = alias(r.alias(), "ratio");
        boolean sameRows = Set.copyOf(lower(num.tables())).equals(Set.copyOf(lower(den.tables())))
                && Set.copyOf(num.joins()).equals(Set.copyOf(den.joins()));
        if (sameRows) {
            List<Filter> common =
                    num.filters().stream().filter(den.filters()::contains).toList();
            QueryPlan base = new QueryPlan(
                    num.tables(),
                    num.joins(),
                    common,
                    List.of(num.measures().getFirst(), den.measures().getFirst()),
                    plan.groupBy(),
                    List.of(),
                    plan.orderBy(),
                    plan.limit(),
                    false,
                    null);
            List<Filter> numWhen =
                    num.filters().stream().filter(f -> !common.contains(f)).toList();
            List<Filter> denWhen =
                    den.filters().stream().filter(f -> !common.contains(f)).toList();
            return new Compilation(base, dialect, schema, new RatioParts(numWhen, denWhen, alias, r.percent())).sql();
        }
        if (!plan.groupBy().isEmpty()) {
            return groupedRatio(plan, num, den, alias, dialect, schema);
        }
        if (!plan.orderBy().isEmpty()) {
            throw new IllegalArgumentException("a ratio of two totals is one value; it has nothing to order by");
        }
        return "SELECT " + scale(r.percent()) + "(" + new Compilation(num, dialect, schema).sql() + ") / NULLIF(("
                + new Compilation(den, dialect, schema).sql() + "), 0) AS "
                + dialect.sql().identifier(alias);
    }

    /** Whether a ratio divides two columns of each row: both sides list one column and measure nothing. */
    private static boolean rowByRow(QueryPlan.Ratio r) {
        return r.numerator() != null
                && r.denominator() != null
                && r.numerator().measures().isEmpty()
                && r.denominator().measures().isEmpty()
                && r.numerator().columns().size() == 1
                && r.denominator().columns().size() == 1;
    }

    /**
     * A ratio of two columns of each row ("the ratio of one-way to round-trip cost for each fare"):
     * both sides read the same rows (tables, joins and filters); the holding plan lists the columns
     * that name each row, no groups or measures, and may order by the ratio's name.
     */
    private String rowRatio(QueryPlan plan, Dialect dialect, SchemaSnapshot schema) {
        QueryPlan.Ratio r = plan.ratio();
        QueryPlan num = r.numerator();
        QueryPlan den = r.denominator();
        if (!plan.measures().isEmpty()
                || !plan.groupBy().isEmpty()
                || !plan.joins().isEmpty()
                || plan.distinct()) {
            throw new IllegalArgumentException(
                    "a ratio of two columns of each row has no groups or measures; its sides hold its joins");
        }
        for (QueryPlan side : List.of(num, den)) {
            if (!side.groupBy().isEmpty()
                    || !side.orderBy().isEmpty()
                    || side.limit() != null
                    || side.distinct()
                    || side.ratio() != null) {
                throw new IllegalArgumentException(
                        "a side of a ratio of two columns lists one column, with no groups, order or limit");
            }
        }
        boolean sameRows = Set.copyOf(lower(num.tables())).equals(Set.copyOf(lower(den.tables())))
                && Set.copyOf(num.joins()).equals(Set.copyOf(den.joins()))
                && Set.copyOf(num.filters()).equals(Set.copyOf(den.filters()));
        if (!sameRows) {
            throw new IllegalArgumentException("the two columns of a ratio of each row must come from the same rows");
        }
        List<Filter> filters = new ArrayList<>(num.filters());
        plan.filters().stream().filter(f -> !filters.contains(f)).forEach(filters::add);
        QueryPlan base = new QueryPlan(
                num.tables(),
                num.joins(),
                filters,
                List.of(),
                List.of(),
                plan.columns(),
                plan.orderBy(),
                plan.limit(),
                false,
                null);
        String alias = alias(r.alias(), "ratio");
        return new Compilation(
                        base,
                        dialect,
                        schema,
                        new RatioParts(
                                List.of(),
                                List.of(),
                                alias,
                                r.percent(),
                                num.columns().getFirst(),
                                den.columns().getFirst()))
                .sql();
    }

    /**
     * A ratio per group whose sides read different tables: each side grouped on its own, the
     * numerator's groups joined to the denominator's. Every group of the denominator is kept; one
     * with no numerator rows counts zero (a count or total of nothing), and a group with no
     * denominator has no ratio.
     */
    private String groupedRatio(
            QueryPlan plan, QueryPlan num, QueryPlan den, String alias, Dialect dialect, SchemaSnapshot schema) {
        SqlDialect engine = dialect.sql();
        List<String> select = new ArrayList<>();
        List<String> on = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < plan.groupBy().size(); i++) {
            QueryPlan.Dimension d = plan.groupBy().get(i);
            String name = alias(
                    d.alias(), d.grain() != null ? d.grain().name() : d.column().column());
            select.add("den.g" + (i + 1) + " AS " + engine.identifier(name));
            on.add("num.g" + (i + 1) + " = den.g" + (i + 1));
            outputs.put(name.toLowerCase(Locale.ROOT), "den.g" + (i + 1));
        }
        Aggregate top = num.measures().getFirst().function();
        boolean zeroWhenNone = top == Aggregate.COUNT || top == Aggregate.COUNT_DISTINCT || top == Aggregate.SUM;
        select.add(scale(plan.ratio().percent()) + (zeroWhenNone ? "COALESCE(num.v, 0)" : "num.v")
                + " / NULLIF(den.v, 0) AS "
                + engine.identifier(alias));
        outputs.put(alias.toLowerCase(Locale.ROOT), engine.identifier(alias));
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(String.join(", ", select))
                .append("\nFROM (")
                .append(new Compilation(renamed(den), dialect, schema).sql())
                .append(") den\nLEFT JOIN (")
                .append(new Compilation(renamed(num), dialect, schema).sql())
                .append(") num ON ")
                .append(String.join(" AND ", on));
        if (!plan.orderBy().isEmpty()) {
            List<String> order = new ArrayList<>();
            for (QueryPlan.Order o : plan.orderBy()) {
                String target =
                        o.target() == null ? null : outputs.get(o.target().toLowerCase(Locale.ROOT));
                if (target == null) {
                    throw new IllegalArgumentException("unknown order target '" + o.target() + "'");
                }
                order.add(target + (o.direction() == Direction.DESC ? " DESC" : ""));
            }
            sql.append("\nORDER BY ").append(String.join(", ", order));
        }
        if (plan.limit() != null) {
            if (plan.limit() <= 0) {
                throw new IllegalArgumentException("limit must be positive, was " + plan.limit());
            }
            sql.append("\n").append(engine.limit(plan.limit()));
        }
        return sql.toString();
    }

    /** A side with its groups named g1, g2, … and its measure v, for the query that joins the sides. */
    private static QueryPlan renamed(QueryPlan side) {
        List<QueryPlan.Dimension> dims = new ArrayList<>();
        for (int i = 0; i < side.groupBy().size(); i++) {
            QueryPlan.Dimension d = side.groupBy().get(i);
            dims.add(new QueryPlan.Dimension(d.column(), d.grain(), "g" + (i + 1)));
        }
        QueryPlan.Measure m = side.measures().getFirst();
        return side.withGroupBy(dims).withMeasures(List.of(new QueryPlan.Measure(m.function(), m.column(), "v")));
    }

    /** A side of a ratio: one measure over its tables, nothing else. */
    private static QueryPlan side(QueryPlan side, String which) {
        if (side == null) {
            throw new IllegalArgumentException("the ratio has no " + which);
        }
        if (side.measures().size() != 1
                || !side.columns().isEmpty()
                || !side.orderBy().isEmpty()
                || side.limit() != null
                || side.distinct()
                || side.ratio() != null) {
            throw new IllegalArgumentException(
                    "the ratio's " + which + " must be a single measure, with no columns, order or limit of its own");
        }
        if (side.filters().stream().anyMatch(PlanSqlCompiler::tableless)) {
            throw new IllegalArgumentException("the ratio's " + which + " filters only columns of its tables");
        }
        return side;
    }

    /**
     * A side as the plan holding the ratio shapes it: grouped by the holder's dimensions and restricted
     * by the holder's own filters, so that an edit of the plan card (a grain, a filter) reaches both
     * sides.
     */
    private static QueryPlan holdersRows(QueryPlan side, QueryPlan holder) {
        List<Filter> filters = new ArrayList<>(side.filters());
        holder.filters().stream().filter(f -> !filters.contains(f)).forEach(filters::add);
        return side.withFilters(filters).withGroupBy(holder.groupBy());
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The rows each side of a ratio keeps beyond the filters both share, and the quotient's name; for
     * a ratio of each row, the two columns it divides (null for a ratio of two measures).
     */
    private record RatioParts(
            List<Filter> numeratorWhen,
            List<Filter> denominatorWhen,
            String alias,
            boolean percent,
            ColumnRef numeratorColumn,
            ColumnRef denominatorColumn) {
        RatioParts(List<Filter> numeratorWhen, List<Filter> denominatorWhen, String alias, boolean percent) {
            this(numeratorWhen, denominatorWhen, alias, percent, null, null);
        }

        boolean rowByRow() {
            return numeratorColumn != null;
        }
    }

    /** Whether a filter names no column of a table: SQL text, alternatives, or a measure's alias. */
    private static boolean tableless(Filter f) {
        return f.column() == null
                || f.column().table() == null
                || f.column().table().isBlank();
    }

    /** What makes a quotient decimal in every dialect, and a percentage when asked for one. */
    private static String scale(boolean percent) {
        return percent ? "100.0 * " : "1.0 * ";
    }

    private static String alias(String alias, String fallback) {
        String a = alias == null || alias.isBlank() ? fallback.toLowerCase(Locale.ROOT) : alias;
        if (!ALIAS.matcher(a).matches()) {
            throw new IllegalArgumentException("alias '" + a + "' must be a name (letters, digits, _)");
        }
        return a;
    }

    private static final class Compilation {
        private final QueryPlan plan;
        private final SqlDialect engine;
        private final SchemaSnapshot schema;
        private final Map<String, TableInfo> tables = new LinkedHashMap<>();
        private final Map<TableInfo, String> aliases = new LinkedHashMap<>();
        private final RatioParts ratio;

        Compilation(QueryPlan plan, Dialect dialect, SchemaSnapshot schema) {
            this(plan, dialect, schema, null);
        }

        /** @param ratio when not null, the plan's two measures are a ratio's sides and output as their quotient */
        Compilation(QueryPlan plan, Dialect dialect, SchemaSnapshot schema, RatioParts ratio) {
            this.plan = plan;
            this.engine = dialect.sql();
            this.schema = schema;
            this.ratio = ratio;
        }

        String sql() {
            resolveTables();
            String from = from();
            Map<String, String> outputs = new LinkedHashMap<>();
            List<String> select = new ArrayList<>();
            List<String> groupBy = new ArrayList<>();
            // the one output that stands for a column a grouped query does not group as it is: its measure
            // ("for each make, the highest price, ordered by price") or its date at a grain ("quarterly
            // totals, ordered by date")
            Map<String, String> standsFor = new LinkedHashMap<>();
            for (QueryPlan.Dimension d : plan.groupBy()) {
                String expr = grain(column(d.column()), d.grain(), d.column());
                String alias = alias(
                        d.alias(),
                        d.grain() != null ? d.grain().name() : d.column().column());
                boolean sameName = d.grain() == null && alias.equals(d.column().column());
                select.add(sameName ? expr : expr + " AS " + quote(alias));
                groupBy.add(expr);
                // an output without AS is no alias to SQLite's ORDER BY: p.paperid beside p2.paperid is ambiguous
                outputs.put(alias.toLowerCase(Locale.ROOT), sameName ? expr : quote(alias));
                if (d.grain() != null) {
                    // the same date at two grains leaves "ordered by that date" open
                    standsFor.merge(column(d.column()), quote(alias), (a, b) -> "");
                }
            }
            boolean grouping = !plan.measures().isEmpty() || !plan.groupBy().isEmpty();
            Set<String> plainNames = new HashSet<>();
            for (ColumnRef c : plan.columns()) {
                String expr = column(c);
                boolean clash = !plainNames.add(c.column().toLowerCase(Locale.ROOT));
                String alias = clash ? PlanAssembler.singular(table(c.table())) + "_" + c.column() : null;
                select.add(alias == null ? expr : expr + " AS " + quote(alias));
                if (grouping) {
                    groupBy.add(expr);
                }
            }
            if (ratio != null) {
                String quotient = ratio.rowByRow()
                        ? scale(ratio.percent()) + divisible(ratio.numeratorColumn()) + " / NULLIF("
                                + divisible(ratio.denominatorColumn()) + ", 0)"
                        : scale(ratio.percent()) + measure(plan.measures().get(0), ratio.numeratorWhen()) + " / NULLIF("
                                + measure(plan.measures().get(1), ratio.denominatorWhen()) + ", 0)";
                select.add(quotient + " AS " + quote(ratio.alias()));
                outputs.put(ratio.alias().toLowerCase(Locale.ROOT), quote(ratio.alias()));
            }
            for (QueryPlan.Measure m : ratio == null ? plan.measures() : List.<QueryPlan.Measure>of()) {
                String alias = alias(
                        m.alias(),
                        m.function().name()
                                + (m.column() == null ? "" : "_" + m.column().column()));
                select.add(measure(m) + " AS " + quote(alias));
                outputs.put(alias.toLowerCase(Locale.ROOT), quote(alias));
                if (m.column() != null) {
                    // two measures of one column leave "ordered by that column" open
                    standsFor.merge(column(m.column()), quote(alias), (a, b) -> "");
                }
            }
            if (select.isEmpty()) {
                select.add(aliases.isEmpty() ? "*" : aliases.values().iterator().next() + ".*");
            }
            List<String> where = new ArrayList<>();
            List<String> having = new ArrayList<>();
            for (Filter f : plan.filters()) {
                if (!f.anyOf().isEmpty()) {
                    where.add(anyOf(f));
                    continue;
                }
                if (f.column() == null) {
                    throw new IllegalArgumentException("a filter has no column");
                }
                if (f.column().table() == null || f.column().table().isBlank()) {
                    String output = outputs.get(f.column().column().toLowerCase(Locale.ROOT));
                    if (output == null) {
                        throw new IllegalArgumentException("filter on unknown output '"
                                + f.column().column() + "' (not a measure or dimension alias)");
                    }
                    QueryPlan.Measure m = plan.measures().stream()
                            .filter(x -> x.alias() != null
                                    && x.alias().equalsIgnoreCase(f.column().column()))
                            .findFirst()
                            .orElse(null);
                    having.add(predicate(m == null ? output : measure(m), f, null));
                } else {
                    where.add(predicate(column(f.column()), f, columnInfo(f.column())));
                }
            }
            if (!having.isEmpty() && plan.measures().isEmpty()) {
                throw new IllegalArgumentException("a filter on an output alias needs a measure to group by");
            }
            List<String> orderBy = new ArrayList<>();
            for (QueryPlan.Order o : plan.orderBy()) {
                orderBy.add(orderTarget(o.target(), outputs, standsFor, grouping ? groupBy : null)
                        + (o.direction() == Direction.DESC ? " DESC" : ""));
            }
            if (plan.limit() != null && plan.limit() <= 0) {
                throw new IllegalArgumentException("limit must be positive, was " + plan.limit());
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            if (plan.distinct()) {
                sql.append("DISTINCT ");
            }
            sql.append(String.join(", ", select)).append("\nFROM ").append(from);
            if (!where.isEmpty()) {
                sql.append("\nWHERE ").append(String.join("\n  AND ", where));
            }
            if (grouping && !groupBy.isEmpty()) {
                sql.append("\nGROUP BY ").append(String.join(", ", groupBy));
            }
            if (!having.isEmpty()) {
                sql.append("\nHAVING ").append(String.join(" AND ", having));
            }
            if (!orderBy.isEmpty()) {
                sql.append("\nORDER BY ").append(String.join(", ", orderBy));
            }
            if (plan.limit() != null) {
                sql.append("\n").append(engine.limit(plan.limit()));
            }
            return sql.toString();
        }

        /** Conditions of which any one is enough, each on a table's column: {@code (a OR b)}. */
        private String anyOf(Filter f) {
            List<String> alternatives = new ArrayList<>();
            for (Filter a : f.anyOf()) {
                if (!a.anyOf().isEmpty() || tableless(a)) {
                    throw new IllegalArgumentException(
                            "each of a filter's alternatives must be a condition on a table's column");
                }
                alternatives.add(predicate(column(a.column()), a, columnInfo(a.column())));
            }
            return alternatives.size() == 1 ? alternatives.getFirst() : "(" + String.join(" OR ", alternatives) + ")";
        }

        // --- tables and joins ---

        private void resolveTables() {
            if (plan.tables().isEmpty()) {
                throw new IllegalArgumentException("the plan reads no table");
            }
            for (String name : plan.tables()) {
                TableInfo t = lookup(name);
                if (tables.containsValue(t)) {
                    throw new IllegalArgumentException("table '" + name + "' is listed twice");
                }
                tables.put(name.toLowerCase(Locale.ROOT), t);
            }
            if (tables.size() > 1) {
                Set<String> taken = new HashSet<>();
                for (TableInfo t : tables.values()) {
                    String base = Text.identifierWords(t.name()).stream()
                            .map(w -> w.substring(0, 1))
                            .collect(Collectors.joining());
                    if (base.isEmpty()
                            || !SqlDialect.PLAIN_IDENTIFIER.matcher(base).matches()) {
                        base = "t";
                    }
                    String alias = base;
                    for (int n = 2; taken.contains(alias) || engine.isReserved(alias); n++) {
                        alias = base + n;
                    }
                    taken.add(alias);
                    aliases.put(t, alias);
                }
            }
        }

        private TableInfo lookup(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a table name is empty");
            }
            int dot = name.lastIndexOf('.');
            var found =
                    dot > 0 ? schema.table(name.substring(0, dot), name.substring(dot + 1)) : schema.table(null, name);
            return found.orElseThrow(() -> new IllegalArgumentException("unknown table '" + name + "'"));
        }

        /** A plan table by the name a column reference uses: as listed, or unqualified when unique. */
        private TableInfo table(String name) {
            if (name == null) {
                throw new IllegalArgumentException("a column reference has no table");
            }
            TableInfo t = tables.get(name.toLowerCase(Locale.ROOT));
            if (t != null) {
                return t;
            }
            List<TableInfo> byName = tables.values().stream()
                    .filter(x ->
                            x.name().equalsIgnoreCase(name) || x.qualifiedName().equalsIgnoreCase(name))
                    .toList();
            if (byName.size() == 1) {
                return byName.getFirst();
            }
            throw new IllegalArgumentException("table '" + name + "' is not among the plan's tables " + plan.tables());
        }

        private ColumnInfo columnInfo(ColumnRef ref) {
            TableInfo t = table(ref.table());
            return t.column(ref.column())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown column '" + ref.column() + "' in table '" + t.qualifiedName() + "'"));
        }

        private String column(ColumnRef ref) {
            TableInfo t = table(ref.table());
            ColumnInfo c = columnInfo(ref);
            String name = quote(c.name());
            return aliases.isEmpty() ? name : aliases.get(t) + "." + name;
        }

        private String from() {
            List<TableInfo> order = new ArrayList<>(tables.values());
            TableInfo first = order.getFirst();
            StringBuilder sb = new StringBuilder(tableName(first));
            Set<TableInfo> placed = new HashSet<>(List.of(first));
            List<Join> pending = new ArrayList<>(plan.joins());
            for (Join j : pending) {
                if (j.left() == null || j.right() == null) {
                    throw new IllegalArgumentException("a join is missing a column");
                }
                columnInfo(j.left());
                columnInfo(j.right());
            }
            while (placed.size() < order.size()) {
                TableInfo next = null;
                for (Join j : pending) {
                    TableInfo l = table(j.left().table());
                    TableInfo r = table(j.right().table());
                    if (placed.contains(l) != placed.contains(r)) {
                        next = placed.contains(l) ? r : l;
                        break;
                    }
                }
                if (next == null) {
                    TableInfo unjoined = order.stream()
                            .filter(t -> !placed.contains(t))
                            .findFirst()
                            .orElseThrow();
                    throw new IllegalArgumentException("table '" + unjoined.qualifiedName() + "' is not joined to '"
                            + first.qualifiedName() + "'");
                }
                List<String> on = new ArrayList<>();
                JoinType type = null;
                for (Join j : List.copyOf(pending)) {
                    TableInfo l = table(j.left().table());
                    TableInfo r = table(j.right().table());
                    boolean connects = (l.equals(next) && (placed.contains(r) || r.equals(next)))
                            || (r.equals(next) && placed.contains(l));
                    if (connects) {
                        on.add(column(j.left()) + " = " + column(j.right()));
                        type = type == null ? j.type() : type;
                        pending.remove(j);
                    }
                }
                sb.append("\n")
                        .append(type == JoinType.LEFT ? "LEFT JOIN " : "JOIN ")
                        .append(tableName(next));
                sb.append(" ON ").append(String.join(" AND ", on));
                placed.add(next);
            }
            return sb.toString();
        }

        private String tableName(TableInfo t) {
            String name = t.schema() == null || t.schema().isEmpty()
                    ? quote(t.name())
                    : quote(t.schema()) + "." + quote(t.name());
            String alias = aliases.get(t);
            return alias == null ? name : name + " " + alias;
        }

        // --- expressions ---

        private String measure(QueryPlan.Measure m) {
            if (m.function() == null) {
                throw new IllegalArgumentException("measure '" + m.alias() + "' has no function");
            }
            if (m.column() == null) {
                if (m.function() != Aggregate.COUNT) {
                    throw new IllegalArgumentException(m.function() + " needs a column");
                }
                return "COUNT(*)";
            }
            ColumnInfo info = columnInfo(m.column());
            String col = column(m.column());
            if ((m.function() == Aggregate.SUM || m.function() == Aggregate.AVG) && !summable(info)) {
                throw new IllegalArgumentException(
                        m.function() + " needs a numeric column, but " + m.column() + " is " + info.type());
            }
            return switch (m.function()) {
                case COUNT -> "COUNT(" + col + ")";
                case COUNT_DISTINCT -> "COUNT(DISTINCT " + col + ")";
                default -> m.function().name() + "(" + col + ")";
            };
        }

        /** A column a ratio of each row divides: a number (or text an untyped engine may hold one in). */
        private String divisible(ColumnRef ref) {
            ColumnInfo info = columnInfo(ref);
            if (!summable(info)) {
                throw new IllegalArgumentException("a ratio divides numbers, but " + ref + " is " + info.type());
            }
            return column(ref);
        }

        /** A measure over only the rows {@code when} keeps ({@code FILTER (WHERE …)} written portably). */
        private String measure(QueryPlan.Measure m, List<Filter> when) {
            String all = measure(m);
            if (when.isEmpty()) {
                return all;
            }
            String condition = when.stream()
                    .map(f -> predicate(column(f.column()), f, columnInfo(f.column())))
                    .collect(Collectors.joining(" AND "));
            if (m.column() == null) {
                return "COUNT(CASE WHEN " + condition + " THEN 1 END)";
            }
            String kept = "CASE WHEN " + condition + " THEN " + column(m.column()) + " END";
            return switch (m.function()) {
                case COUNT_DISTINCT -> "COUNT(DISTINCT " + kept + ")";
                default -> m.function().name() + "(" + kept + ")";
            };
        }

        /** Text columns of untyped engines may hold numbers, so only clearly other types are refused. */
        private boolean summable(ColumnInfo c) {
            return switch (engine.typeFamily(c.type())) {
                case TEXT, TEMPORAL, BOOLEAN -> false;
                case NUMERIC, OTHER, UNKNOWN -> true;
            };
        }

        private String grain(String col, TimeGrain grain, ColumnRef ref) {
            if (grain == null) {
                return col;
            }
            ColumnInfo info = columnInfo(ref);
            if (SchemaIndex.isNumeric(info) || SchemaIndex.isBoolean(info)) {
                throw new IllegalArgumentException(
                        "time grain " + grain + " needs a date column, but " + ref + " is " + info.type());
            }
            return engine.dateTrunc(DateGrain.valueOf(grain.name()), col);
        }

        private String predicate(String expr, Filter f, ColumnInfo info) {
            return FilterSql.predicate(engine, expr, f, info);
        }

        /**
         * @param standsFor the one output standing for a column, by the column's expression: a grouped
         *     query ordered by a column it aggregates is ordered by that aggregate, and by a date it groups
         *     at a grain, by that grain
         * @param grouped the GROUP BY expressions when the query groups, else null
         */
        private String orderTarget(
                String target, Map<String, String> outputs, Map<String, String> standsFor, List<String> grouped) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("an order has no target");
            }
            String output = outputs.get(target.toLowerCase(Locale.ROOT));
            if (output != null) {
                return output;
            }
            String expr = null;
            int dot = target.lastIndexOf('.');
            if (dot > 0) {
                expr = column(new ColumnRef(target.substring(0, dot), target.substring(dot + 1)));
            } else {
                for (TableInfo t : tables.values()) {
                    if (expr == null && t.column(target).isPresent()) {
                        expr = column(new ColumnRef(t.qualifiedName(), target));
                    }
                }
            }
            if (expr == null) {
                throw new IllegalArgumentException("unknown order target '" + target + "'");
            }
            if (grouped != null
                    && !grouped.contains(expr)
                    && !standsFor.getOrDefault(expr, "").isEmpty()) {
                return standsFor.get(expr);
            }
            if (grouped != null && !grouped.contains(expr)) {
                throw new IllegalArgumentException(
                        "cannot order by '" + target + "': it is neither grouped nor a measure");
            }
            return expr;
        }

        /** Quotes an identifier only when the dialect would otherwise misread it. */
        private String quote(String identifier) {
            return engine.identifier(identifier);
        }
    }
}
