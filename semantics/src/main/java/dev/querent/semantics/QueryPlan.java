package dev.querent.semantics;

import java.util.List;

/**
 * The Planner's structured plan: what the SQL will read, join, filter, measure, group, order and
 * limit. Users confirm or edit it before any SQL is written; the offline generator compiles it to
 * SQL deterministically and LLM prompts include it.
 *
 * <p>Column references are {@code table.column} with the table as listed in {@link #tables()}
 * (schema-qualified where the source has schemas, e.g. {@code ecommerce.orders}).
 *
 * @param columns plain (non-aggregated) output columns, for listing questions
 * @param summary one paragraph in plain English saying what will be computed
 */
public record QueryPlan(
        List<String> tables,
        List<Join> joins,
        List<Filter> filters,
        List<Measure> measures,
        List<Dimension> groupBy,
        List<ColumnRef> columns,
        List<Order> orderBy,
        Integer limit,
        boolean distinct,
        String summary) {

    public QueryPlan {
        tables = tables == null ? List.of() : List.copyOf(tables);
        joins = joins == null ? List.of() : List.copyOf(joins);
        filters = filters == null ? List.of() : List.copyOf(filters);
        measures = measures == null ? List.of() : List.copyOf(measures);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        columns = columns == null ? List.of() : List.copyOf(columns);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    }

    /**
     * A plan with no structure, only its summary: for answers whose SQL does not come from a
     * structured plan (a verified pattern, or a model writing over the whole schema).
     */
    public static QueryPlan summaryOnly(String summary) {
        return new QueryPlan(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, false, summary);
    }

    public QueryPlan withSummary(String newSummary) {
        return new QueryPlan(tables, joins, filters, measures, groupBy, columns, orderBy, limit, distinct, newSummary);
    }

    /** A column of a table in the plan. */
    public record ColumnRef(String table, String column) {
        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /** An equi-join along a foreign key (or a user-chosen pair of columns). */
    public record Join(JoinType type, ColumnRef left, ColumnRef right) {}

    public enum JoinType {
        INNER,
        LEFT
    }

    /**
     * A predicate on a column. {@code values} are literals as text; {@code valueType} says how to
     * render them. BETWEEN takes two values (inclusive); IN takes one or more; IS_NULL/NOT_NULL none.
     */
    public record Filter(ColumnRef column, FilterOp op, List<String> values, ValueType valueType) {
        public Filter {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public enum FilterOp {
        EQ,
        NE,
        GT,
        GTE,
        LT,
        LTE,
        IN,
        NOT_IN,
        LIKE,
        BETWEEN,
        IS_NULL,
        NOT_NULL
    }

    public enum ValueType {
        STRING,
        NUMBER,
        DATE,
        BOOLEAN
    }

    /** An aggregate. {@code column} is null for {@code COUNT(*)}. */
    public record Measure(Aggregate function, ColumnRef column, String alias) {}

    public enum Aggregate {
        COUNT,
        COUNT_DISTINCT,
        SUM,
        AVG,
        MIN,
        MAX
    }

    /** A grouping column; {@code grain} truncates a date/time column (null for none). */
    public record Dimension(ColumnRef column, TimeGrain grain, String alias) {}

    public enum TimeGrain {
        DAY,
        WEEK,
        MONTH,
        QUARTER,
        YEAR
    }

    /** Order by an output alias (measure, dimension) or a column reference written as text. */
    public record Order(String target, Direction direction) {}

    public enum Direction {
        ASC,
        DESC
    }
}
