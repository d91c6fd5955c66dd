package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plan under construction, over schema objects rather than names, so that rules can ask about
 * types and keys. {@link PlanAssembler} turns it into a {@link dev.querent.semantics.QueryPlan}
 * (joins, aliases) and back.
 */
public final class Draft {

    /** What an order sorts by: a measure, a dimension, or a plain column. */
    sealed interface OrderKey permits Measure, Dimension, ColumnTarget {}

    /** {@code column} is null for COUNT(*); {@code name} is the noun or alias to name it by. */
    record Measure(Aggregate function, TableInfo table, ColumnInfo column, String name) implements OrderKey {
        boolean sameAs(Measure other) {
            return function == other.function
                    && table.equals(other.table)
                    && Objects.equals(
                            column == null ? null : column.name(), other.column == null ? null : other.column.name());
        }
    }

    record Dimension(TableInfo table, ColumnInfo column, TimeGrain grain, String alias) implements OrderKey {}

    record Filter(TableInfo table, ColumnInfo column, FilterOp op, List<String> values, ValueType type) {}

    record Having(Measure measure, FilterOp op, List<String> values) {}

    record Order(OrderKey key, Direction direction) {}

    public TableInfo main;
    final List<Measure> measures = new ArrayList<>();
    final List<Dimension> dims = new ArrayList<>();
    final List<Filter> filters = new ArrayList<>();
    final List<Having> having = new ArrayList<>();
    /** Sets of filters of which any one is enough ("first name starts with J or last name contains son"). */
    final List<List<Filter>> alternatives = new ArrayList<>();

    final List<ColumnTarget> columns = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    /** Tables joined only to restrict the rows ("customers with a loan"). */
    final List<TableInfo> joined = new ArrayList<>();

    /**
     * Tables in the order the question names them (by themselves, a column or a value): the join
     * tree grows in this order, so "courses taken by students in the program" reaches the program
     * through the students. Empty for a draft not read from a question.
     */
    final List<TableInfo> mentioned = new ArrayList<>();

    /** Joins to keep as they were (a follow-up keeps the previous plan's). */
    final List<Join> joins = new ArrayList<>();

    Integer limit;
    boolean distinct;

    Measure addMeasure(Measure m) {
        for (Measure existing : measures) {
            if (existing.sameAs(m)) {
                return existing;
            }
        }
        measures.add(m);
        return m;
    }

    void addDim(Dimension d) {
        boolean present = dims.stream()
                .anyMatch(x -> x.table().equals(d.table())
                        && x.column().name().equals(d.column().name())
                        && x.grain() == d.grain());
        if (!present) {
            dims.add(d);
        }
    }

    void addFilter(Filter f) {
        if (!filters.contains(f)) {
            filters.add(f);
        }
    }

    public List<TableInfo> tables() {
        List<TableInfo> out = new ArrayList<>();
        if (main != null) {
            out.add(main);
        }
        measures.forEach(m -> add(out, m.table()));
        dims.forEach(d -> add(out, d.table()));
        filters.forEach(f -> add(out, f.table()));
        alternatives.forEach(any -> any.forEach(f -> add(out, f.table())));
        columns.forEach(c -> add(out, c.table()));
        orders.forEach(o -> {
            if (o.key() instanceof ColumnTarget c) {
                add(out, c.table());
            }
        });
        joined.forEach(t -> add(out, t));
        return out;
    }

    private static void add(List<TableInfo> out, TableInfo t) {
        if (t != null && !out.contains(t)) {
            out.add(t);
        }
    }
}
