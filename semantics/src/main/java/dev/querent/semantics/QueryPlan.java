package dev.querent.semantics;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * The Planner's structured plan: what the SQL will read, join, filter, measure, group, order and
 * limit. Users confirm or edit it before any SQL is written; the offline generator compiles it to
 * SQL deterministically and LLM prompts include it.
 *
 * <p>Column references are {@code table.column} with the table as listed in {@link #tables()}
 * (schema-qualified where the source has schemas, e.g. {@code ecommerce.orders}).
 *
 * <p>A plan read from SQL ({@link SqlPlanReader}) may hold what the structured fields cannot:
 * measures, dimensions and filters with an {@code expression} (the SQL text they stand for),
 * {@link #computed} output columns (arithmetic, {@code CASE}, window functions), and {@link #steps}
 * for common table expressions, sub-queries and the operands of set operations. Such plans describe
 * SQL; the compiler writes SQL only for plans without them.
 *
 * @param columns plain (non-aggregated) output columns, for listing questions
 * @param summary one paragraph in plain English saying what will be computed
 * @param computed output columns that are expressions, neither a plain column nor an aggregate
 * @param steps what runs before (or beside) the main query: CTEs in order, sub-queries, set operands
 * @param ratio one aggregate divided by another, each over the rows its own words name; null for none
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
        String summary,
        List<Computed> computed,
        List<Step> steps,
        Ratio ratio) {

    public QueryPlan {
        tables = tables == null ? List.of() : List.copyOf(tables);
        joins = joins == null ? List.of() : List.copyOf(joins);
        filters = filters == null ? List.of() : List.copyOf(filters);
        measures = measures == null ? List.of() : List.copyOf(measures);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        columns = columns == null ? List.of() : List.copyOf(columns);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        computed = computed == null ? List.of() : List.copyOf(computed);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A plan without a ratio. */
    public QueryPlan(
            List<String> tables,
            List<Join> joins,
            List<Filter> filters,
            List<Measure> measures,
            List<Dimension> groupBy,
            List<ColumnRef> columns,
            List<Order> orderBy,
            Integer limit,
            boolean distinct,
            String summary,
            List<Computed> computed,
            List<Step> steps) {
        this(
                tables, joins, filters, measures, groupBy, columns, orderBy, limit, distinct, summary, computed, steps,
                null);
    }

    /** A plan of the structured fields only (what the rule planner and the compiler handle). */
    public QueryPlan(
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
        this(tables, joins, filters, measures, groupBy, columns, orderBy, limit, distinct, summary, null, null, null);
    }

    /**
     * Whether the plan holds anything only SQL text can express (expressions, computed columns,
     * steps, joins other than inner and left equi-joins): such a plan describes SQL, it does not
     * compile to it.
     */
    public boolean hasExpressions() {
        return !computed.isEmpty()
                || !steps.isEmpty()
                || joins.stream()
                        .anyMatch(j -> j.condition() != null
                                || (j.type() != null && j.type() != JoinType.INNER && j.type() != JoinType.LEFT))
                || filters.stream().anyMatch(f -> f.expression() != null)
                || measures.stream().anyMatch(m -> m.expression() != null)
                || groupBy.stream().anyMatch(d -> d.expression() != null)
                || (ratio != null
                        && ((ratio.numerator() != null && ratio.numerator().hasExpressions())
                                || (ratio.denominator() != null
                                        && ratio.denominator().hasExpressions())));
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
        return new QueryPlan(
                tables,
                joins,
                filters,
                measures,
                groupBy,
                columns,
                orderBy,
                limit,
                distinct,
                newSummary,
                computed,
                steps,
                ratio);
    }

    public QueryPlan withFilters(List<Filter> newFilters) {
        return new QueryPlan(
                tables,
                joins,
                newFilters,
                measures,
                groupBy,
                columns,
                orderBy,
                limit,
                distinct,
                summary,
                computed,
                steps,
                ratio);
    }

    public QueryPlan withOrder(List<Order> newOrderBy, Integer newLimit) {
        return new QueryPlan(
                tables,
                joins,
                filters,
                measures,
                groupBy,
                columns,
                newOrderBy,
                newLimit,
                distinct,
                summary,
                computed,
                steps,
                ratio);
    }

    public QueryPlan withGroupBy(List<Dimension> newGroupBy) {
        return new QueryPlan(
                tables,
                joins,
                filters,
                measures,
                newGroupBy,
                columns,
                orderBy,
                limit,
                distinct,
                summary,
                computed,
                steps,
                ratio);
    }

    public QueryPlan withMeasures(List<Measure> newMeasures) {
        return new QueryPlan(
                tables,
                joins,
                filters,
                newMeasures,
                groupBy,
                columns,
                orderBy,
                limit,
                distinct,
                summary,
                computed,
                steps,
                ratio);
    }

    /**
     * The plan holding {@code ratio}, grouped by {@code groupBy}: it reads its sides' tables and has no
     * measures, filters or joins of its own.
     */
    public static QueryPlan dividing(Ratio ratio, List<Dimension> groupBy) {
        List<String> read = new java.util.ArrayList<>(ratio.numerator().tables());
        ratio.denominator().tables().stream().filter(t -> !read.contains(t)).forEach(read::add);
        return new QueryPlan(
                read, List.of(), List.of(), List.of(), groupBy, List.of(), List.of(), null, false, null, null, null,
                ratio);
    }

    /**
     * A plan holding a ratio of two columns of each row: each side lists one column of the same rows,
     * and the plan lists the columns that name each row ({@code named}).
     */
    public static QueryPlan dividingEachRow(Ratio ratio, List<ColumnRef> named) {
        return new QueryPlan(
                ratio.numerator().tables(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                named,
                List.of(),
                null,
                false,
                null,
                null,
                null,
                ratio);
    }

    public QueryPlan withSteps(List<Step> newSteps) {
        return new QueryPlan(
                tables, joins, filters, measures, groupBy, columns, orderBy, limit, distinct, summary, computed,
                newSteps, ratio);
    }

    /**
     * An output that divides the one measure of {@code numerator} by the one measure of {@code
     * denominator}: "the ratio of papers from 2020 to all papers", "of courses with projects to
     * courses with exams in each semester". Each side is a plan of its own (its tables, joins,
     * filters and a single measure), so each side counts exactly the rows its words name. The holding
     * plan lists its sides' tables, its dimensions, order and limit, and no measures, columns or
     * joins of its own; both sides are grouped by its dimensions, and a filter of its own restricts
     * the rows of both. A denominator of zero gives no value (NULL), never an error.
     *
     * @param percent whether the quotient is given as a percentage (times 100): "what percentage of
     *     orders were cancelled", a term the instructions define as "(A / B) * 100"
     */
    public record Ratio(QueryPlan numerator, QueryPlan denominator, String alias, boolean percent) {
        public Ratio(QueryPlan numerator, QueryPlan denominator, String alias) {
            this(numerator, denominator, alias, false);
        }
    }

    /** A column of a table in the plan. */
    public record ColumnRef(String table, String column) {
        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /**
     * An equi-join along a foreign key (or a user-chosen pair of columns). {@code condition} is the
     * rest of the join's {@code ON} condition as SQL when it is more than column equalities (null
     * otherwise); a {@code CROSS} join has no columns.
     */
    public record Join(JoinType type, ColumnRef left, ColumnRef right, String condition) {
        public Join(JoinType type, ColumnRef left, ColumnRef right) {
            this(type, left, right, null);
        }
    }

    public enum JoinType {
        INNER,
        LEFT,
        RIGHT,
        FULL,
        CROSS
    }

    /**
     * A predicate on a column. {@code values} are literals as text; {@code valueType} says how to
     * render them. BETWEEN takes two values (inclusive); IN and DAY_OF_WEEK take one or more; IS_NULL/NOT_NULL
     * none.
     *
     * <p>A condition the structured fields cannot hold ({@code IN}/{@code EXISTS} with a sub-query,
     * an anti-join, {@code OR}, a function of a column) is kept as its SQL text in {@code
     * expression}; {@code column}, {@code op} and {@code values} are then empty. Such a condition
     * applies after grouping when it aggregates.
     *
     * <p>Conditions on different columns of which any one is enough ("first name starts with J or last
     * name contains son") are the filters of {@code anyOf}: each a plain condition on a table's column,
     * none of them nested or kept as SQL text; the other fields are then empty.
     */
    public record Filter(
            ColumnRef column,
            FilterOp op,
            List<String> values,
            ValueType valueType,
            String expression,
            @JsonSetter(nulls = Nulls.AS_EMPTY) List<Filter> anyOf) {
        public Filter {
            values = values == null ? List.of() : List.copyOf(values);
            anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
            if (!anyOf.isEmpty()) {
                column = null;
                op = null;
                values = List.of();
                valueType = null;
                expression = null;
            }
            if (expression != null) {
                // clients may fill the unused fields with defaults; the expression alone is the condition
                column = null;
                op = null;
                values = List.of();
                valueType = null;
            }
        }

        public Filter(ColumnRef column, FilterOp op, List<String> values, ValueType valueType) {
            this(column, op, values, valueType, null, List.of());
        }

        /** A condition kept as SQL text. */
        public static Filter expression(String sql) {
            return new Filter(null, null, List.of(), null, sql, List.of());
        }

        /** Conditions of which any one is enough. */
        public static Filter anyOf(List<Filter> alternatives) {
            return new Filter(null, null, List.of(), null, null, alternatives);
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
        NOT_NULL,
        /**
         * The date falls on one of the days of the week named by {@code values} ({@code MONDAY} …
         * {@code SUNDAY}): "on weekends" is {@code SATURDAY, SUNDAY}.
         */
        DAY_OF_WEEK
    }

    public enum ValueType {
        STRING,
        NUMBER,
        DATE,
        BOOLEAN
    }

    /**
     * An aggregate. {@code column} is null for {@code COUNT(*)}. A computed measure ({@code
     * SUM(order_items.quantity * order_items.unit_price)}, a ratio of aggregates) has its SQL text in
     * {@code expression}; {@code function} is then the first aggregate in it, {@code column} that
     * aggregate's column when it is a plain column (else null).
     */
    public record Measure(Aggregate function, ColumnRef column, String alias, String expression) {
        public Measure(Aggregate function, ColumnRef column, String alias) {
            this(function, column, alias, null);
        }
    }

    public enum Aggregate {
        COUNT,
        COUNT_DISTINCT,
        SUM,
        AVG,
        MIN,
        MAX
    }

    /**
     * A grouping column; {@code grain} truncates a date/time column (null for none). A grouping by
     * another expression ({@code strftime('%Y', orders.order_date)}, a {@code CASE}) has its SQL text
     * in {@code expression} and the first column it reads in {@code column}.
     */
    public record Dimension(ColumnRef column, TimeGrain grain, String alias, String expression) {
        public Dimension(ColumnRef column, TimeGrain grain, String alias) {
            this(column, grain, alias, null);
        }
    }

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

    /** An output column computed by an expression that is neither a plain column nor an aggregate. */
    public record Computed(String expression, String alias, ComputedKind kind) {}

    public enum ComputedKind {
        /** Arithmetic, functions or literals over each row. */
        VALUE,
        /** A {@code CASE} expression. */
        CASE,
        /** A window function ({@code RANK() OVER (…)}, a running total). */
        WINDOW
    }

    /**
     * A part of the query that runs before or beside the main one, with its own plan and a sentence
     * saying what it computes. {@code operator} is, for a set operand after the first, how it
     * combines with the operands before it ({@code UNION}, {@code UNION ALL}, {@code INTERSECT},
     * {@code EXCEPT}); null otherwise.
     */
    public record Step(String name, StepKind kind, String operator, String description, QueryPlan plan) {}

    public enum StepKind {
        /** A common table expression ({@code WITH name AS (…)}), which later steps and the query read by name. */
        CTE,
        /** A sub-query in the FROM clause, a condition or an output column. */
        SUBQUERY,
        /** One query of a set operation; the main plan combines them. */
        SET_OPERAND
    }
}
