package dev.querent.semantics.reading;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.Edge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a {@link Draft} into a {@link QueryPlan} (join paths, aliases, order targets) and back. */
public final class PlanAssembler {

    /** A table the plan needs that no join path reaches. */
    /** No relationship of the schema joins {@code table} to the plan's {@code main} table. */
    public static final class UnjoinableException extends RuntimeException {
        public final TableInfo table;
        public final TableInfo main;
        /**
         * The inferred references that would join them but name a role the question does not say
         * ({@code flight_stop.stop_airport} → "stop"), as {@code table.column (role)}; empty when
         * nothing joins them.
         */
        public final List<String> unsaidRoles;

        UnjoinableException(TableInfo table, TableInfo main, List<String> unsaidRoles) {
            super("no relationship joins " + table.qualifiedName() + " to " + main.qualifiedName());
            this.table = table;
            this.main = main;
            this.unsaidRoles = List.copyOf(unsaidRoles);
        }
    }

    private static final Map<Aggregate, String> PREFIX =
            Map.of(Aggregate.SUM, "total_", Aggregate.AVG, "avg_", Aggregate.MIN, "min_", Aggregate.MAX, "max_");

    private final SchemaIndex index;

    public PlanAssembler(SchemaIndex index) {
        this.index = index;
    }

    public QueryPlan toPlan(Draft d) {
        List<TableInfo> tables = new ArrayList<>(d.tables());
        List<Join> joins = joins(d, tables);
        Set<String> aliases = new HashSet<>();
        List<QueryPlan.Dimension> dims = new ArrayList<>();
        Map<Object, String> aliasOf = new HashMap<>();
        for (Draft.Dimension dim : d.dims) {
            String base = dim.alias() != null
                    ? dim.alias()
                    : dim.grain() != null
                            ? dim.grain().name().toLowerCase(Locale.ROOT)
                            : dim.column().name();
            String alias =
                    unique(base, singular(dim.table()) + "_" + dim.column().name(), aliases);
            aliasOf.put(dim, alias);
            TimeGrain grain = dayOfADate(dim) ? null : dim.grain();
            dims.add(new QueryPlan.Dimension(ref(dim.table(), dim.column()), grain, alias));
        }
        List<QueryPlan.Measure> measures = new ArrayList<>();
        for (Draft.Measure m : d.measures) {
            String base = m.name() != null ? m.name() : defaultAlias(m);
            String alias = unique(base, base + "_" + singular(m.table()), aliases);
            aliasOf.put(m, alias);
            measures.add(
                    new QueryPlan.Measure(m.function(), m.column() == null ? null : ref(m.table(), m.column()), alias));
        }
        List<QueryPlan.Filter> filters = new ArrayList<>();
        for (Draft.Filter f : d.filters) {
            filters.add(planFilter(f));
        }
        for (List<Draft.Filter> any : d.alternatives) {
            filters.add(QueryPlan.Filter.anyOf(
                    any.stream().map(PlanAssembler::planFilter).toList()));
        }
        for (Draft.Having h : d.having) {
            String alias = aliasOf.get(d.measures.stream()
                    .filter(m -> m.sameAs(h.measure()))
                    .findFirst()
                    .orElseThrow());
            filters.add(new QueryPlan.Filter(new ColumnRef(null, alias), h.op(), h.values(), ValueType.NUMBER));
        }
        List<QueryPlan.Order> orders = new ArrayList<>();
        for (Draft.Order o : d.orders) {
            String target =
                    switch (o.key()) {
                        case Draft.Measure m ->
                            aliasOf.get(d.measures.stream()
                                    .filter(x -> x.sameAs(m))
                                    .findFirst()
                                    .orElseThrow());
                        case Draft.Dimension dim -> aliasOf.get(dim);
                        case ColumnTarget c -> ref(c.table(), c.column()).toString();
                    };
            if (target != null && orders.stream().noneMatch(x -> x.target().equals(target))) {
                orders.add(new QueryPlan.Order(target, o.direction()));
            }
        }
        List<ColumnRef> columns =
                d.columns.stream().map(c -> ref(c.table(), c.column())).toList();
        return new QueryPlan(
                tables.stream().map(TableInfo::qualifiedName).toList(),
                joins,
                filters,
                measures,
                dims,
                columns,
                orders,
                d.limit,
                d.distinct,
                "");
    }

    /**
     * Groups by the counted rows' own column where the group's table would be joined for nothing
     * else than that column's value: "the area of the lakes in each state" is {@code lake.state_name},
     * not {@code state.state_name} through a join (which drops the lakes of no listed state), and "How
     * many cities does each state have?" needs no relationship at all when {@code city.state_name}
     * names the state. A column is taken only when it has the same name and the join between the two
     * tables is on it, or, with no join, its name starts with the group table's ({@code state_name}
     * for {@code state}). Questions only, not a plan's edits: a follow-up keeps its joins. Returns
     * what it changed, as "group table.column → table.column".
     */
    public List<String> groupLocally(Draft d) {
        List<String> changed = new ArrayList<>();
        if (d.main == null || !d.joins.isEmpty()) {
            return changed;
        }
        for (int k = 0; k < d.dims.size(); k++) {
            Draft.Dimension dim = d.dims.get(k);
            TableInfo group = dim.table();
            if (group.equals(d.main) || dim.grain() != null || !onlyGrouped(d, group)) {
                continue;
            }
            ColumnInfo own = d.main.column(dim.column().name()).orElse(null);
            if (own == null
                    || SchemaIndex.isNumeric(own) != SchemaIndex.isNumeric(dim.column())
                    || !(joinedOn(d.main, group, dim.column()) || namesTable(own, group))) {
                continue;
            }
            Draft.Dimension local = new Draft.Dimension(d.main, own, null, dim.alias());
            d.dims.set(k, local);
            d.orders.replaceAll(o -> dim.equals(o.key()) ? new Draft.Order(local, o.direction()) : o);
            changed.add(group.name() + "." + dim.column().name() + " → " + d.main.name() + "." + own.name());
        }
        return changed;
    }

    /** Whether the draft uses {@code t} for its groups only. */
    private static boolean onlyGrouped(Draft d, TableInfo t) {
        return d.measures.stream().noneMatch(m -> t.equals(m.table()))
                && d.filters.stream().noneMatch(f -> t.equals(f.table()))
                && d.alternatives.stream().flatMap(List::stream).noneMatch(f -> t.equals(f.table()))
                && d.columns.stream().noneMatch(c -> t.equals(c.table()))
                && d.orders.stream().noneMatch(o -> o.key() instanceof ColumnTarget c && t.equals(c.table()))
                && !d.joined.contains(t);
    }

    /** Whether the cheapest join from {@code from} to {@code to} is one step on {@code c} both sides. */
    private boolean joinedOn(TableInfo from, TableInfo to, ColumnInfo c) {
        List<Edge> path = index.path(List.of(from), to);
        return path != null
                && path.size() == 1
                && path.getFirst().fromColumns().size() == 1
                && path.getFirst().fromColumns().getFirst().equalsIgnoreCase(c.name())
                && path.getFirst().toColumns().getFirst().equalsIgnoreCase(c.name());
    }

    /** {@code state_name} for {@code state}: a column whose name begins with the table's. */
    private static boolean namesTable(ColumnInfo c, TableInfo t) {
        List<String> words = Text.stems(Text.identifierWords(c.name()));
        List<String> table = Text.stems(Text.identifierWords(t.name()));
        return words.size() > table.size() && words.subList(0, table.size()).equals(table);
    }

    /**
     * "Daily totals" over a column that holds whole days (the SQL type DATE where the engine keeps it
     * so): its values are the days, so the group is the column itself (its values come back as dates,
     * not as midnights of a timestamp).
     */
    private boolean dayOfADate(Draft.Dimension dim) {
        Dialect dialect = index.snapshot().dialect();
        return dim.grain() == TimeGrain.DAY
                && dialect != null
                && dialect.sql().holdsWholeDays(dim.column().type());
    }

    /** Keeps the draft's own joins where they still apply and adds shortest FK paths for the rest. */
    private List<Join> joins(Draft d, List<TableInfo> tables) {
        List<Join> joins = new ArrayList<>();
        if (tables.isEmpty()) {
            return joins;
        }
        Set<TableInfo> tree = new LinkedHashSet<>(List.of(tables.getFirst()));
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Join j : d.joins) {
                TableInfo l = index.table(j.left().table()).orElse(null);
                TableInfo r = index.table(j.right().table()).orElse(null);
                if (l == null || r == null || !tables.contains(l) || !tables.contains(r) || joins.contains(j)) {
                    continue;
                }
                if (tree.contains(l) != tree.contains(r)) {
                    joins.add(j);
                    tree.add(l);
                    tree.add(r);
                    progress = true;
                }
            }
        }
        for (TableInfo t : inMentionOrder(d, tables)) {
            if (tree.contains(t)) {
                continue;
            }
            List<Edge> path = index.path(tree, t);
            if (path == null) {
                List<String> roles = index.unsaidRoles(tree, t).stream()
                        .map(e -> e.referencing() + " (" + String.join(" ", e.role()) + ")")
                        .toList();
                throw new UnjoinableException(t, tables.getFirst(), roles);
            }
            for (Edge e : path) {
                for (int k = 0; k < e.fromColumns().size(); k++) {
                    joins.add(new Join(
                            JoinType.INNER,
                            new ColumnRef(
                                    e.from().qualifiedName(), e.fromColumns().get(k)),
                            new ColumnRef(e.to().qualifiedName(), e.toColumns().get(k))));
                }
                tree.add(e.to());
                if (!tables.contains(e.to())) {
                    tables.add(e.to());
                }
            }
        }
        return joins;
    }

    /**
     * The tables to join, the first (the tree's root) first and the rest in the order the question
     * names them; those it does not name keep their place after them. Where two join trees are
     * equally short, the one that reaches each table from those named before it is the question's.
     */
    private static List<TableInfo> inMentionOrder(Draft d, List<TableInfo> tables) {
        List<TableInfo> rest = new ArrayList<>(tables.subList(1, tables.size()));
        rest.sort(Comparator.comparingInt(t -> {
            int at = d.mentioned.indexOf(t);
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        rest.addFirst(tables.getFirst());
        return rest;
    }

    /** The draft of an existing plan, so that a follow-up can edit it; fails on unknown names. */
    public Draft fromPlan(QueryPlan p) {
        Draft d = new Draft();
        for (String name : p.tables()) {
            TableInfo t = table(name);
            if (d.main == null) {
                d.main = t;
            }
        }
        for (QueryPlan.Measure m : p.measures()) {
            if (m.column() == null) {
                d.measures.add(new Draft.Measure(m.function(), d.main, null, m.alias()));
            } else {
                ColumnTarget c = column(m.column());
                d.measures.add(new Draft.Measure(m.function(), c.table(), c.column(), m.alias()));
            }
        }
        for (QueryPlan.Dimension g : p.groupBy()) {
            ColumnTarget c = column(g.column());
            d.dims.add(new Draft.Dimension(c.table(), c.column(), g.grain(), g.alias()));
        }
        for (QueryPlan.Filter f : p.filters()) {
            if (!f.anyOf().isEmpty()) {
                d.alternatives.add(f.anyOf().stream().map(this::draftFilter).toList());
            } else if (f.column().table() == null) {
                d.measures.stream()
                        .filter(m -> f.column().column().equals(m.name()))
                        .findFirst()
                        .ifPresent(m -> d.having.add(new Draft.Having(m, f.op(), f.values())));
            } else {
                d.filters.add(draftFilter(f));
            }
        }
        for (ColumnRef c : p.columns()) {
            d.columns.add(column(c));
        }
        for (QueryPlan.Order o : p.orderBy()) {
            Draft.OrderKey key = d.measures.stream()
                    .filter(m -> o.target().equals(m.name()))
                    .findFirst()
                    .map(Draft.OrderKey.class::cast)
                    .or(() -> d.dims.stream()
                            .filter(g -> o.target().equals(g.alias()))
                            .findFirst()
                            .map(Draft.OrderKey.class::cast))
                    .orElse(null);
            if (key == null) {
                int dot = o.target().lastIndexOf('.');
                if (dot > 0) {
                    key = column(new ColumnRef(
                            o.target().substring(0, dot), o.target().substring(dot + 1)));
                }
            }
            if (key != null) {
                d.orders.add(new Draft.Order(key, o.direction()));
            }
        }
        for (String name : p.tables()) {
            TableInfo t = table(name);
            if (!d.tables().contains(t)) {
                d.joined.add(t);
            }
        }
        d.joins.addAll(p.joins());
        d.limit = p.limit();
        d.distinct = p.distinct();
        return d;
    }

    private TableInfo table(String name) {
        return index.table(name).orElseThrow(() -> new IllegalArgumentException("unknown table " + name));
    }

    private ColumnTarget column(ColumnRef ref) {
        TableInfo t = table(ref.table());
        ColumnInfo c = t.column(ref.column()).orElseThrow(() -> new IllegalArgumentException("unknown column " + ref));
        return new ColumnTarget(t, c);
    }

    private Draft.Filter draftFilter(QueryPlan.Filter f) {
        if (f.column() == null || f.column().table() == null) {
            throw new IllegalArgumentException("a filter's alternative must be a condition on a table's column");
        }
        ColumnTarget c = column(f.column());
        return new Draft.Filter(c.table(), c.column(), f.op(), f.values(), f.valueType());
    }

    private static QueryPlan.Filter planFilter(Draft.Filter f) {
        return new QueryPlan.Filter(ref(f.table(), f.column()), f.op(), f.values(), f.type());
    }

    static ColumnRef ref(TableInfo t, ColumnInfo c) {
        return new ColumnRef(t.qualifiedName(), c.name());
    }

    /** {@code order_items} → {@code order_item}. */
    public static String singular(TableInfo t) {
        return String.join("_", Text.stems(Text.identifierWords(t.name())));
    }

    private static String defaultAlias(Draft.Measure m) {
        if (m.column() == null) {
            return singular(m.table()) + "_count";
        }
        String col = m.column().name().toLowerCase(Locale.ROOT);
        return switch (m.function()) {
            case COUNT -> col + "_count";
            case COUNT_DISTINCT -> "distinct_" + col + "_count";
            case SUM -> col.startsWith("total") ? col : "total_" + col;
            default -> PREFIX.get(m.function()) + col;
        };
    }

    private static String unique(String base, String alternative, Set<String> taken) {
        String alias = base;
        if (taken.contains(alias)) {
            alias = alternative;
        }
        for (int n = 2; taken.contains(alias); n++) {
            alias = base + "_" + n;
        }
        taken.add(alias);
        return alias;
    }
}
