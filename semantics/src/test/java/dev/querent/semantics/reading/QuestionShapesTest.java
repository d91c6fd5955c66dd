package dev.querent.semantics.reading;

import static dev.querent.semantics.reading.TestSchemas.col;
import static dev.querent.semantics.reading.TestSchemas.fk;
import static dev.querent.semantics.reading.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Dimension;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.Measure;
import dev.querent.semantics.QueryPlan.Order;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.RuleBasedPlanner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes of questions the offline generator once answered confidently and wrongly. */
class QuestionShapesTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 15);

    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final SchemaSnapshot shop = TestSchemas.shop(Dialect.SQLITE);

    /** A library without dates: the year a book came out is a number. */
    private final SchemaSnapshot library = new SchemaSnapshot(
            Dialect.SQLITE,
            "main",
            List.of(
                    table(
                            null,
                            "authors",
                            null,
                            "author_id",
                            List.of(),
                            col("author_id", "INTEGER"),
                            col("name", "TEXT")),
                    table(
                            null,
                            "books",
                            null,
                            "book_id",
                            List.of(fk("author_id", "authors", "author_id")),
                            col("book_id", "INTEGER"),
                            col("title", "TEXT"),
                            col("author_id", "INTEGER"),
                            col("year", "INTEGER"),
                            col("num_pages", "INTEGER"),
                            col("num_citations", "INTEGER"),
                            col("credits", "TEXT", "3", "4", "6"))),
            Instant.EPOCH);

    /** Regions and their towns: both know their population; no foreign key is declared. */
    private final SchemaSnapshot regions = new SchemaSnapshot(
            Dialect.SQLITE,
            "main",
            List.of(
                    table(
                            null,
                            "town",
                            null,
                            "town_id",
                            List.of(),
                            col("town_id", "INTEGER"),
                            col("town_name", "TEXT", "Munich", "Leipzig"),
                            col("population", "INTEGER"),
                            col("region_name", "TEXT", "Bavaria", "Saxony")),
                    table(
                            null,
                            "region",
                            null,
                            "region_id",
                            List.of(),
                            col("region_id", "INTEGER"),
                            col("region_name", "TEXT", "Bavaria", "Saxony"),
                            col("population", "INTEGER"),
                            col("area", "DOUBLE"))),
            Instant.EPOCH);

    private QueryPlan plan(String question, SchemaSnapshot schema) {
        PlanAttempt attempt = planner.plan(question, schema, null, TODAY);
        assertThat(attempt.plan())
                .as(question + ": " + attempt.explanationWhenNoPlan())
                .isNotNull();
        return attempt.plan();
    }

    @Test
    void theNumberOfATopNWinsOverTheDefaultLimit() {
        QueryPlan p = plan("What are the top 5 products with the highest price?", shop);
        assertThat(p.limit()).isEqualTo(5);
        assertThat(p.orderBy()).containsExactly(new Order("shop.products.price", Direction.DESC));
    }

    @Test
    void directionPhrasesSetTheOrder() {
        QueryPlan largest = plan("List the products by price from largest to smallest", shop);
        assertThat(largest.orderBy()).extracting(Order::direction).containsOnly(Direction.DESC);
        QueryPlan cheapest = plan("List the products by price from smallest to largest", shop);
        assertThat(cheapest.orderBy()).extracting(Order::direction).containsOnly(Direction.ASC);
        QueryPlan descending = plan("List the product names in descending order", shop);
        assertThat(descending.orderBy()).extracting(Order::direction).containsOnly(Direction.DESC);
    }

    @Test
    void theNumberOfSomethingACountColumnHoldsIsItsSum() {
        QueryPlan p = plan("What is the total number of citations of each author?", library);
        assertThat(p.measures())
                .extracting(Measure::function, Measure::column)
                .containsExactly(tuple(Aggregate.SUM, new ColumnRef("books", "num_citations")));
        assertThat(p.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("authors", "name"));
        QueryPlan most = plan("Which book has the highest number of citations?", library);
        assertThat(most.measures()).isEmpty();
        assertThat(most.orderBy()).containsExactly(new Order("books.num_citations", Direction.DESC));
        assertThat(most.limit()).isEqualTo(1);
    }

    @Test
    void aValueOfANamedEntityIsReadFromTheEntitysOwnTable() {
        QueryPlan p = plan("What is the population of Bavaria?", regions);
        assertThat(p.measures()).extracting(Measure::column).containsOnly(new ColumnRef("region", "population"));
        assertThat(p.tables()).containsExactly("region");
        assertThat(p.filters())
                .containsExactly(new Filter(
                        new ColumnRef("region", "region_name"), FilterOp.EQ, List.of("Bavaria"), ValueType.STRING));
    }

    @Test
    void aTableTheQuestionNamesStillWinsOverTheValuesOwner() {
        QueryPlan p = plan("What is the total population of the towns in Bavaria?", regions);
        assertThat(p.measures()).extracting(Measure::column).containsOnly(new ColumnRef("town", "population"));
        assertThat(p.filters())
                .containsExactly(new Filter(
                        new ColumnRef("town", "region_name"), FilterOp.EQ, List.of("Bavaria"), ValueType.STRING));
    }

    @Test
    void rowsAndTheirColumnShowWhichRowsTheyAre() {
        QueryPlan p = plan("Get the towns in Bavaria and their population", regions);
        assertThat(p.columns())
                .containsExactly(new ColumnRef("town", "town_name"), new ColumnRef("town", "population"));
        QueryPlan only = plan("Get the population of the towns in Bavaria", regions);
        assertThat(only.columns()).containsExactly(new ColumnRef("town", "population"));
    }

    @Test
    void aSecondSuperlativeCountsForTheEntityTheFirstNamed() {
        QueryPlan p = plan("What are the top 2 customers with the most orders?", shop);
        assertThat(p.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("shop.customers", "name"));
        assertThat(p.measures()).extracting(Measure::function).containsExactly(Aggregate.COUNT);
        assertThat(p.limit()).isEqualTo(2);
    }

    @Test
    void intersectionsAndTotalsOfTextAreRefused() {
        PlanAttempt both = planner.plan("Which customers have both orders and order items?", shop, null, TODAY);
        assertThat(both.plan()).isNull();
        assertThat(both.confidence()).isLessThan(RuleBasedPlanner.DEFAULT_THRESHOLD);
        // two values of one column, each after its own table word: still an intersection, not an IN
        SchemaSnapshot domains = new SchemaSnapshot(
                Dialect.SQLITE,
                "main",
                List.of(
                        table(null, "author", null, "aid", List.of(), col("aid", "INTEGER"), col("name", "TEXT")),
                        table(
                                null,
                                "domain",
                                null,
                                "did",
                                List.of(),
                                col("did", "INTEGER"),
                                col("name", "TEXT", "Machine Learning", "Data Science")),
                        table(
                                null,
                                "domain_author",
                                null,
                                "aid",
                                List.of(fk("aid", "author", "aid"), fk("did", "domain", "did")),
                                col("aid", "INTEGER"),
                                col("did", "INTEGER"))),
                Instant.EPOCH);
        PlanAttempt values = planner.plan(
                "Which authors work in both the domain \"Machine Learning\" and the domain \"Data Science\"?",
                domains,
                null,
                TODAY);
        assertThat(values.plan()).isNull();
        assertThat(values.explanationWhenNoPlan()).contains("both of two sets");
        // credits kept as text: "the total number" asks for their sum, which the plan cannot cast
        PlanAttempt credits = planner.plan("What is the total number of credits of each author?", library, null, TODAY);
        assertThat(credits.plan()).isNull();
        assertThat(credits.confidence()).isLessThan(RuleBasedPlanner.DEFAULT_THRESHOLD);
        // categories are words: their total number is how many there are
        assertThat(plan("What is the total number of categories of products?", shop)
                        .measures())
                .extracting(Measure::function)
                .containsExactly(Aggregate.COUNT_DISTINCT);
    }

    @Test
    void aColumnWordBelongsToTheTableNamedJustBeforeIt() {
        SchemaSnapshot parks = new SchemaSnapshot(
                Dialect.SQLITE,
                "main",
                List.of(
                        table(
                                null,
                                "park",
                                null,
                                "park_id",
                                List.of(fk("region_id", "region", "region_id")),
                                col("park_id", "INTEGER"),
                                col("park_name", "TEXT"),
                                col("area", "DOUBLE"),
                                col("region_id", "INTEGER")),
                        table(
                                null,
                                "region",
                                null,
                                "region_id",
                                List.of(),
                                col("region_id", "INTEGER"),
                                col("region_name", "TEXT"),
                                col("area", "DOUBLE"))),
                Instant.EPOCH);
        QueryPlan p = plan("Which parks are located in regions with an area greater than 1000?", parks);
        assertThat(p.filters())
                .containsExactly(
                        new Filter(new ColumnRef("region", "area"), FilterOp.GT, List.of("1000"), ValueType.NUMBER));
    }

    @Test
    void aNamedTableThatCannotBeJoinedIsNotLeftOutSilently() {
        PlanAttempt attempt =
                planner.plan("What is the average population of towns that have a region?", regions, null, TODAY);
        assertThat(attempt.plan()).isNull();
        assertThat(attempt.explanationWhenNoPlan()).contains("no relationship of the schema joins it");
    }

    @Test
    void anOrBetweenValuesOfOneColumnIsAnIn() {
        QueryPlan p = plan("How many orders are delivered or shipped?", shop);
        assertThat(p.filters())
                .containsExactly(new Filter(
                        new ColumnRef("shop.orders", "status"),
                        FilterOp.IN,
                        List.of("delivered", "shipped"),
                        ValueType.STRING));
    }

    @Test
    void anOrBetweenConditionsOnTwoColumnsKeepsRowsMeetingEither() {
        QueryPlan customers = plan("List the customers in Berlin or France", shop);
        assertThat(customers.filters())
                .containsExactly(Filter.anyOf(List.of(
                        new Filter(
                                new ColumnRef("shop.customers", "city"),
                                FilterOp.EQ,
                                List.of("Berlin"),
                                ValueType.STRING),
                        new Filter(
                                new ColumnRef("shop.customers", "country"),
                                FilterOp.EQ,
                                List.of("France"),
                                ValueType.STRING))));
        String sql = new PlanSqlCompiler().compile(customers, Dialect.SQLITE, shop);
        assertThat(sql).endsWith("WHERE (city = 'Berlin' OR country = 'France')");
        QueryPlan products = plan("List the products with a price above 100 or in Books", shop);
        assertThat(products.filters()).singleElement().satisfies(f -> assertThat(f.anyOf())
                .extracting(Filter::column, Filter::op)
                .containsExactly(
                        tuple(new ColumnRef("shop.products", "price"), FilterOp.GT),
                        tuple(new ColumnRef("shop.products", "category"), FilterOp.EQ)));
        QueryPlan named =
                plan("Return the name and city of customers whose name starts with 'A' or city contains 'ber'", shop);
        assertThat(named.filters()).singleElement().satisfies(f -> assertThat(f.anyOf())
                .extracting(Filter::column, Filter::op, Filter::values)
                .containsExactly(
                        tuple(new ColumnRef("shop.customers", "name"), FilterOp.LIKE, List.of("A%")),
                        tuple(new ColumnRef("shop.customers", "city"), FilterOp.LIKE, List.of("%ber%"))));
        QueryPlan prices = plan("List the products with a price above 100 or below 10", shop);
        assertThat(prices.filters())
                .singleElement()
                .satisfies(f -> assertThat(f.anyOf()).extracting(Filter::op).containsExactly(FilterOp.GT, FilterOp.LT));
    }

    @Test
    void anOrThePlanCannotExpressIsRefusedRatherThanAnsweredAsAnd() {
        for (String q : List.of("List the orders with status A or delivered")) {
            PlanAttempt attempt = planner.plan(q, shop, null, TODAY);
            assertThat(attempt.plan()).as(q).isNull();
            assertThat(attempt.confidence()).as(q).isLessThan(RuleBasedPlanner.DEFAULT_THRESHOLD);
            assertThat(attempt.explanationWhenNoPlan()).as(q).contains("either of two conditions");
        }
    }

    @Test
    void perYearGroupsByAYearColumnWhenTheTableHasNoDate() {
        ColumnRef year = new ColumnRef("books", "year");
        for (String q : List.of(
                "What is the total number of books published per year?",
                "How many books were published in each year?")) {
            QueryPlan p = plan(q, library);
            assertThat(p.groupBy()).as(q).containsExactly(new Dimension(year, null, "year"));
        }
        QueryPlan in2021 = plan("How many books were published in 2021?", library);
        assertThat(in2021.filters()).containsExactly(new Filter(year, FilterOp.EQ, List.of("2021"), ValueType.NUMBER));
        // "the year 2021" names a date: nothing is grouped
        QueryPlan titles = plan("What are the titles of the books published in the year 2021?", library);
        assertThat(titles.groupBy()).isEmpty();
        assertThat(titles.measures()).isEmpty();
        assertThat(titles.columns()).containsExactly(new ColumnRef("books", "title"));
        assertThat(titles.filters()).containsExactly(new Filter(year, FilterOp.EQ, List.of("2021"), ValueType.NUMBER));
    }
}
