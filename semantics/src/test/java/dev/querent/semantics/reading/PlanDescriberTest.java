package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.semantics.PlanDescriber;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Dimension;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.Measure;
import dev.querent.semantics.QueryPlan.Order;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDescriberTest {

    private final PlanDescriber describer = new PlanDescriber();

    @Test
    void describesACountPerMonthOfAYear() {
        ColumnRef date = new ColumnRef("shop.orders", "order_date");
        QueryPlan plan = new QueryPlan(
                List.of("shop.orders"),
                List.of(),
                List.of(
                        new Filter(date, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE),
                        new Filter(date, FilterOp.LT, List.of("2025-01-01"), ValueType.DATE),
                        new Filter(
                                new ColumnRef("shop.orders", "status"),
                                FilterOp.EQ,
                                List.of("delivered"),
                                ValueType.STRING)),
                List.of(new Measure(Aggregate.COUNT, null, "order_count")),
                List.of(new Dimension(date, TimeGrain.MONTH, "month")),
                List.of(),
                List.of(new Order("month", Direction.ASC)),
                null,
                false,
                "");
        assertThat(describer.describe(plan))
                .isEqualTo(
                        "Computes the number of orders per month of order date, for orders where order date is in 2024"
                                + " and status is 'delivered', sorted by month, earliest first.");
    }

    @Test
    void describesRankingsOverJoinsWithTheirLinks() {
        QueryPlan plan = new QueryPlan(
                List.of("shop.order_items", "shop.products"),
                List.of(new Join(
                        JoinType.INNER,
                        new ColumnRef("shop.order_items", "product_id"),
                        new ColumnRef("shop.products", "product_id"))),
                List.of(new Filter(new ColumnRef(null, "revenue"), FilterOp.GTE, List.of("100"), ValueType.NUMBER)),
                List.of(new Measure(Aggregate.SUM, new ColumnRef("shop.order_items", "line_total"), "revenue")),
                List.of(new Dimension(new ColumnRef("shop.products", "name"), null, "name")),
                List.of(),
                List.of(new Order("revenue", Direction.DESC)),
                5,
                false,
                "");
        assertThat(describer.describe(plan))
                .isEqualTo("Computes the total line total of order items per name of products, keeping only results"
                        + " where revenue is at least 100, sorted by revenue, highest first, keeping the first 5 rows."
                        + " Combines order items and products through their link"
                        + " shop.order_items.product_id = shop.products.product_id.");
    }

    @Test
    void describesListingsAndTextMatches() {
        QueryPlan plan = new QueryPlan(
                List.of("shop.customers"),
                List.of(),
                List.of(
                        new Filter(
                                new ColumnRef("shop.customers", "name"),
                                FilterOp.LIKE,
                                List.of("%son%"),
                                ValueType.STRING),
                        new Filter(
                                new ColumnRef("shop.customers", "signup_date"),
                                FilterOp.GTE,
                                List.of("2024-06-01"),
                                ValueType.DATE)),
                List.of(),
                List.of(),
                List.of(new ColumnRef("shop.customers", "name"), new ColumnRef("shop.customers", "email")),
                List.of(),
                10,
                false,
                "");
        assertThat(describer.describe(plan))
                .isEqualTo("Lists name and email of customers, for rows where name contains 'son' and signup date is on"
                        + " or after 2024-06-01, limited to 10 rows.");
    }

    @Test
    void neverFailsOnEditedOrEmptyPlans() {
        assertThat(describer.describe(null)).contains("names no table");
        QueryPlan broken = new QueryPlan(
                List.of("nowhere"),
                null,
                List.of(new Filter(new ColumnRef("nowhere", "x"), FilterOp.BETWEEN, List.of(), null)),
                List.of(new Measure(null, null, null)),
                List.of(new Dimension(null, TimeGrain.DAY, null)),
                null,
                List.of(new Order(null, null)),
                null,
                false,
                null);
        assertThat(describer.describe(broken)).startsWith("Computes").endsWith(".");
    }
}
