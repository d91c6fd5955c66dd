package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.Order;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.description.EcommerceSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plan edits applied to a model's SQL through its syntax tree; read back, the SQL is the edited plan. */
class SqlEditsTest {
    private static final String CUSTOMERS = "ecommerce.customers";
    private static final String ORDERS = "ecommerce.orders";
    /** Written as a model writes: its own aliases and expressions. */
    private static final String SQL = "SELECT c.name, SUM(o.total_amount) AS revenue FROM orders AS o"
            + " JOIN customers AS c ON o.customer_id = c.customer_id"
            + " WHERE c.country = 'Germany' AND o.status = 'delivered'"
            + " GROUP BY c.name ORDER BY revenue DESC LIMIT 10";

    private final SchemaSnapshot schema = EcommerceSchema.snapshot();
    private final SqlPlanReader reader = new SqlPlanReader();
    private final SqlEdits edits = new SqlEdits();

    private QueryPlan read(String sql) {
        return reader.read(sql, Dialect.POSTGRESQL, schema);
    }

    private Optional<String> apply(QueryPlan before, QueryPlan after) {
        return edits.apply(SQL, before, after, Dialect.POSTGRESQL, schema);
    }

    private static QueryPlan withFilters(QueryPlan p, List<Filter> filters) {
        return p.withFilters(filters);
    }

    private static QueryPlan withOrderAndLimit(QueryPlan p, List<Order> order, Integer limit) {
        return p.withOrder(order, limit);
    }

    @Test
    void aNewLimitAndDirectionKeepTheRestOfTheQuery() {
        QueryPlan before = read(SQL);
        QueryPlan after = withOrderAndLimit(before, List.of(new Order("revenue", QueryPlan.Direction.ASC)), 3);
        String sql = apply(before, after).orElseThrow();
        assertThat(sql).contains("LIMIT 3").contains("ORDER BY revenue").doesNotContain("DESC");
        assertThat(sql).contains("SUM(o.total_amount) AS revenue").contains("c.country = 'Germany'");
        QueryPlan reread = read(sql);
        assertThat(reread.limit()).isEqualTo(3);
        assertThat(reread.orderBy()).isEqualTo(after.orderBy());
        assertThat(reread.filters()).isEqualTo(before.filters());
    }

    @Test
    void aFilterWithOtherValuesOrRemovedOrAddedRewritesTheWhereClauseOnly() {
        QueryPlan before = read(SQL);
        Filter germany =
                new Filter(new ColumnRef(CUSTOMERS, "country"), FilterOp.EQ, List.of("Germany"), ValueType.STRING);
        assertThat(before.filters()).contains(germany);

        List<Filter> france = new ArrayList<>(before.filters());
        france.set(
                france.indexOf(germany),
                new Filter(germany.column(), FilterOp.IN, List.of("France", "Japan"), ValueType.STRING));
        QueryPlan toFrance = withFilters(before, france);
        String changed = apply(before, toFrance).orElseThrow();
        assertThat(changed).contains("c.country IN ('France', 'Japan')").doesNotContain("Germany");
        assertThat(read(changed).filters()).containsExactlyInAnyOrderElementsOf(france);

        List<Filter> without = new ArrayList<>(before.filters());
        without.remove(germany);
        String removed = apply(before, withFilters(before, without)).orElseThrow();
        assertThat(removed).doesNotContain("country").contains("o.status = 'delivered'");
        assertThat(read(removed).filters()).containsExactlyElementsOf(without);

        List<Filter> more = new ArrayList<>(before.filters());
        Filter big = new Filter(new ColumnRef(ORDERS, "total_amount"), FilterOp.GT, List.of("100"), ValueType.NUMBER);
        more.add(big);
        String added = apply(before, withFilters(before, more)).orElseThrow();
        assertThat(added).contains("o.total_amount > 100");
        assertThat(read(added).filters()).containsExactlyInAnyOrderElementsOf(more);
    }

    @Test
    void attackAValueThatLooksLikeSqlStaysOneLiteral() {
        QueryPlan before = read(SQL);
        String attack = "x' OR '1'='1'; DROP TABLE orders; --";
        List<Filter> filters = new ArrayList<>(before.filters());
        filters.replaceAll(f -> f.column().column().equals("country")
                ? new Filter(f.column(), FilterOp.EQ, List.of(attack), ValueType.STRING)
                : f);
        String sql = apply(before, withFilters(before, filters)).orElseThrow();
        QueryPlan reread = read(sql);
        assertThat(reread.filters()).containsExactlyInAnyOrderElementsOf(filters);
        assertThat(reread.tables()).isEqualTo(before.tables());
        // a number that is not one is refused rather than written
        List<Filter> badNumber = new ArrayList<>(before.filters());
        badNumber.add(
                new Filter(new ColumnRef(ORDERS, "total_amount"), FilterOp.GT, List.of("1 OR 1=1"), ValueType.NUMBER));
        assertThat(apply(before, withFilters(before, badNumber))).isEmpty();
        // a column name that is not an identifier is refused
        List<Filter> badColumn = new ArrayList<>(before.filters());
        badColumn.add(new Filter(new ColumnRef(ORDERS, "status = status OR 1"), FilterOp.IS_NULL, List.of(), null));
        assertThat(apply(before, withFilters(before, badColumn))).isEmpty();
    }

    @Test
    void anEditOfWhatTheTreeCannotRewriteIsLeftToTheModel() {
        QueryPlan before = read(SQL);
        QueryPlan noMeasures = new QueryPlan(
                before.tables(),
                before.joins(),
                before.filters(),
                List.of(),
                before.groupBy(),
                before.columns(),
                before.orderBy(),
                before.limit(),
                before.distinct(),
                before.summary(),
                before.computed(),
                before.steps());
        assertThat(apply(before, noMeasures)).isEmpty();
        List<Filter> asSql = new ArrayList<>(before.filters());
        asSql.add(Filter.expression("1 = 1"));
        assertThat(apply(before, withFilters(before, asSql)))
                .as("a condition written as SQL")
                .isEmpty();
        assertThat(apply(before, before))
                .contains(read(SQL).equals(before) ? apply(before, before).orElseThrow() : "");
    }
}
