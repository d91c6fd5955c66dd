package dev.querent.semantics.reading;

import static dev.querent.semantics.reading.TestSchemas.col;
import static dev.querent.semantics.reading.TestSchemas.fk;
import static dev.querent.semantics.reading.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Dimension;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.JoinType;
import dev.querent.semantics.QueryPlan.Measure;
import dev.querent.semantics.QueryPlan.Order;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.RuleBasedPlanner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RuleBasedPlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 15);
    private static final ColumnRef ORDER_DATE = new ColumnRef("shop.orders", "order_date");

    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final SchemaSnapshot shop = TestSchemas.shop(Dialect.POSTGRESQL);

    private PlanAttempt plan(String question) {
        return planner.plan(question, shop, null, TODAY);
    }

    /** Each question gets a plan. */
    private void assertPlanned(String... questions) {
        for (String q : questions) {
            assertThat(plan(q).plan()).as(q).isNotNull();
        }
    }

    /** The question gets no plan, and the explanation names why. */
    private void assertRefused(String question, String why) {
        PlanAttempt attempt = plan(question);
        assertThat(attempt.plan()).as(question).isNull();
        assertThat(attempt.explanationWhenNoPlan()).as(question).contains(why);
    }

    @Test
    void ordersPerMonthOfAYear() {
        PlanAttempt attempt = plan("How many orders were placed per month in 2024?");
        assertThat(attempt.confidence()).isEqualTo(1.0);
        assertThat(attempt.notUnderstood()).isEmpty();
        assertThat(attempt.understood()).contains("'How many' → COUNT", "'in 2024' → orders.order_date in 2024");
        QueryPlan p = attempt.plan();
        assertThat(p.tables()).containsExactly("shop.orders");
        assertThat(p.measures()).containsExactly(new Measure(Aggregate.COUNT, null, "order_count"));
        assertThat(p.groupBy()).containsExactly(new Dimension(ORDER_DATE, TimeGrain.MONTH, "month"));
        assertThat(p.filters())
                .containsExactly(
                        new Filter(ORDER_DATE, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE),
                        new Filter(ORDER_DATE, FilterOp.LT, List.of("2025-01-01"), ValueType.DATE));
        assertThat(p.orderBy()).containsExactly(new Order("month", Direction.ASC));
        assertThat(p.summary())
                .isEqualTo("Computes the number of orders per month of order date, for orders where order date is in"
                        + " 2024, sorted by month, earliest first.");
    }

    @Test
    void daysOfTheWeekRestrictTheDate() {
        Filter weekends = new Filter(ORDER_DATE, FilterOp.DAY_OF_WEEK, List.of("SATURDAY", "SUNDAY"), ValueType.STRING);
        PlanAttempt attempt = plan("How many orders were placed on weekends in 2024?");
        assertThat(attempt.notUnderstood()).isEmpty();
        assertThat(attempt.understood()).contains("'weekends' → orders.order_date on Saturday or Sunday");
        assertThat(attempt.plan().filters())
                .containsExactlyInAnyOrder(
                        weekends,
                        new Filter(ORDER_DATE, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE),
                        new Filter(ORDER_DATE, FilterOp.LT, List.of("2025-01-01"), ValueType.DATE));
        assertThat(plan("How many orders were placed on weekdays?").plan().filters())
                .containsExactly(new Filter(
                        ORDER_DATE,
                        FilterOp.DAY_OF_WEEK,
                        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                        ValueType.STRING));
        for (String q :
                List.of("How many orders were placed on Mondays?", "How many orders were placed on a Monday?")) {
            assertThat(plan(q).plan().filters())
                    .as(q)
                    .containsExactly(new Filter(ORDER_DATE, FilterOp.DAY_OF_WEEK, List.of("MONDAY"), ValueType.STRING));
        }
        // one row per day of the week is a grouping, which a plan cannot make: not a filter
        assertRefused("How many orders were placed per weekday?", "days of the week");
    }

    /** Where a column holds day names, "on Saturday" is its value; where no date is known, days cannot be applied. */
    @Test
    void daysOfTheWeekAreValuesWhereAColumnHoldsThem() {
        SchemaSnapshot checkins = sqlite(noKey(
                "checkin",
                List.of(),
                col("business_id", "TEXT"),
                col("count", "INTEGER"),
                col("day", "TEXT", "Monday", "Saturday", "Sunday")));
        QueryPlan saturday = planned("What is the total count of check-ins on Saturday?", checkins);
        assertThat(saturday.filters())
                .containsExactly(new Filter(
                        new ColumnRef("checkin", "day"), FilterOp.EQ, List.of("Saturday"), ValueType.STRING));
        assertThat(refusal("What is the total count of check-ins on weekends?", checkins))
                .contains("days of the week");
    }

    @Test
    void valuesLinkThroughSampleValues() {
        QueryPlan delivered =
                plan("How many delivered orders were there last year?").plan();
        assertThat(delivered.filters())
                .contains(new Filter(
                        new ColumnRef("shop.orders", "status"), FilterOp.EQ, List.of("delivered"), ValueType.STRING))
                .contains(new Filter(ORDER_DATE, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE));
        QueryPlan berlin = plan("list customers in Berlin").plan();
        assertThat(berlin.tables()).containsExactly("shop.customers");
        assertThat(berlin.filters())
                .containsExactly(new Filter(
                        new ColumnRef("shop.customers", "city"), FilterOp.EQ, List.of("Berlin"), ValueType.STRING));
        assertThat(berlin.columns()).hasSize(6);
    }

    @Test
    void joinsAlongForeignKeys() {
        QueryPlan p = plan("Revenue per product category").plan();
        assertThat(p.tables()).containsExactly("shop.order_items", "shop.products");
        assertThat(p.joins()).hasSize(1);
        assertThat(p.measures())
                .containsExactly(
                        new Measure(Aggregate.SUM, new ColumnRef("shop.order_items", "line_total"), "revenue"));
        assertThat(p.groupBy())
                .containsExactly(new Dimension(new ColumnRef("shop.products", "category"), null, "category"));
        QueryPlan ranked = plan("customers with the most orders").plan();
        assertThat(ranked.tables()).containsExactly("shop.orders", "shop.customers");
        assertThat(ranked.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("shop.customers", "name"));
        assertThat(ranked.orderBy()).containsExactly(new Order("order_count", Direction.DESC));
    }

    @Test
    void rankingsAndComparisons() {
        QueryPlan recent = plan("the 10 most recent orders").plan();
        assertThat(recent.orderBy()).containsExactly(new Order("shop.orders.order_date", Direction.DESC));
        assertThat(recent.limit()).isEqualTo(10);
        QueryPlan cheapest = plan("cheapest product").plan();
        assertThat(cheapest.orderBy()).containsExactly(new Order("shop.products.price", Direction.ASC));
        assertThat(cheapest.limit()).isEqualTo(1);
        QueryPlan highest = plan("What is the highest price?").plan();
        assertThat(highest.measures())
                .containsExactly(new Measure(Aggregate.MAX, new ColumnRef("shop.products", "price"), "max_price"));
        QueryPlan between = plan("products with a price between 10 and 20").plan();
        assertThat(between.filters())
                .containsExactly(new Filter(
                        new ColumnRef("shop.products", "price"),
                        FilterOp.BETWEEN,
                        List.of("10", "20"),
                        ValueType.NUMBER));
        QueryPlan atLeast = plan("customers with at least 3 orders").plan();
        assertThat(atLeast.filters())
                .containsExactly(
                        new Filter(new ColumnRef(null, "order_count"), FilterOp.GTE, List.of("3"), ValueType.NUMBER));
        // after a comparison "one" is a number, not a pronoun
        QueryPlan moreThanOne = plan("customers with more than one order").plan();
        assertThat(moreThanOne.filters())
                .containsExactly(
                        new Filter(new ColumnRef(null, "order_count"), FilterOp.GT, List.of("1"), ValueType.NUMBER));
    }

    @Test
    void countsAcrossAOneToManyJoinCountDistinctKeys() {
        QueryPlan p = plan("How many orders per product category?").plan();
        assertThat(p.measures())
                .containsExactly(
                        new Measure(Aggregate.COUNT_DISTINCT, new ColumnRef("shop.orders", "order_id"), "order_count"));
    }

    /**
     * Schemas that declare no primary keys (defog's SQLite files, many warehouses): the key a count
     * can count distinct is the column the foreign keys into the table reference — declared or
     * inferred from the data — and with no such column the count is refused rather than guessed,
     * unless each counted row meets each group once.
     */
    @Test
    void countsAcrossABridgeCountTheKeyTheForeignKeysReference() {
        SchemaSnapshot papers = papers(TestSchemas.fk("keyphraseid", "keyphrase", "keyphraseid"));
        QueryPlan p = planned("How many keyphrases are associated with each paper?", papers);
        assertThat(p).isNotNull();
        assertThat(p.measures())
                .containsExactly(new Measure(
                        Aggregate.COUNT_DISTINCT, new ColumnRef("keyphrase", "keyphraseid"), "keyphrase_count"));

        // Two foreign keys into keyphrase that reference different columns: no one key to count
        // distinct, but per paper each keyphrase meets the paper once through the bridge, so its rows
        // are counted; over all papers they would be counted once per paper, and that is refused.
        SchemaSnapshot twoKeys = papers(
                TestSchemas.fk("keyphraseid", "keyphrase", "keyphraseid"),
                TestSchemas.fk("keyphrasename", "keyphrase", "keyphrasename"));
        QueryPlan perPaper = planned("How many keyphrases are associated with each paper?", twoKeys);
        assertThat(perPaper.measures()).containsExactly(new Measure(Aggregate.COUNT, null, "keyphrase_count"));
        PlanAttempt refused = planner.plan("How many keyphrases are associated with papers?", twoKeys, null, TODAY);
        assertThat(refused.plan() == null || refused.confidence() < 0.5).isTrue();
        assertThat(refused.explanationWhenNoPlan()).contains("would count rows more than once");
    }

    /**
     * A question asking which rows rank highest shows which rows (their names) and what ranked them,
     * not every column; two column words in a row ("population density") are one noun, named by the
     * last; a column named after the rows it ranks ("the highest mountains ... altitude") still shows
     * the rows' names. Any "Which ..." question over a table with names asks for the names. A request
     * for the rows themselves ("Show the ...", "List the ...") keeps all columns.
     */
    @Test
    void rankingsOfNamedRowsShowTheNamesAndTheRankingColumn() {
        SchemaSnapshot geo = geography();
        QueryPlan density = planned("Which states have the highest population density?", geo);
        assertThat(density.columns())
                .containsExactly(new ColumnRef("state", "state_name"), new ColumnRef("state", "density"));
        assertThat(density.orderBy()).containsExactly(new Order("state.density", Direction.DESC));
        QueryPlan area = planned("Which state has the largest area?", geo);
        assertThat(area.columns())
                .containsExactly(new ColumnRef("state", "state_name"), new ColumnRef("state", "area"));
        QueryPlan mountains =
                planned("What are the highest mountains in meters, ordered from highest to lowest altitude?", geo);
        assertThat(mountains.columns())
                .containsExactly(
                        new ColumnRef("mountain", "mountain_name"), new ColumnRef("mountain", "mountain_altitude"));
        assertThat(planned("Show the state with the largest area", geo).columns())
                .hasSize(4);
        // "Which ..." asks which rows: their names; "Show ..." and "List ..." ask for the rows
        assertThat(planned("Which states have an area above 1000?", geo).columns())
                .containsExactly(new ColumnRef("state", "state_name"));
        assertThat(planned("List the states with an area above 1000", geo).columns())
                .hasSize(4);
    }

    /** Older schemas glue the table's name to the column's ({@code journal.journalname}): it is still the journal's name. */
    @Test
    void columnsNamedWithTheirTableGluedOnAreReadAsTheirWords() {
        SchemaSnapshot scholar = sqlite(
                noKey("journal", List.of(), col("journalid", "INTEGER"), col("journalname", "TEXT")),
                noKey(
                        "paper",
                        List.of(TestSchemas.fk("journalid", "journal", "journalid")),
                        col("paperid", "INTEGER"),
                        col("title", "TEXT"),
                        col("journalid", "INTEGER")));
        QueryPlan p = planned("How many papers per journal, sorted by journal name?", scholar);
        assertThat(p.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("journal", "journalname"));
        assertThat(p.orderBy()).singleElement().satisfies(o -> {
            assertThat(o.target()).contains("journalname");
            assertThat(o.direction()).isEqualTo(Direction.ASC);
        });
        assertThat(SchemaIndex.columnWords(
                        scholar.tables().getFirst(),
                        scholar.tables().getFirst().columns().get(1)))
                .containsExactly("journal", "name");
        assertThat(SchemaIndex.columnWords(
                        scholar.tables().get(1),
                        scholar.tables().get(1).columns().get(1)))
                .containsExactly("title");
    }

    /**
     * "by doing a left join" says how, not what to group by; "year" beside "make" and "model" is the
     * column named year, not a grain of another date.
     */
    @Test
    void listedYearIsTheYearColumnAndByDoingGroupsNothing() {
        SchemaSnapshot cars = sqlite(
                keyed(
                        "cars",
                        "id",
                        List.of(),
                        col("id", "INTEGER"),
                        col("make", "TEXT"),
                        col("model", "TEXT"),
                        col("year", "INTEGER"),
                        col("crtd_ts", "TIMESTAMP")),
                keyed(
                        "sales",
                        "id",
                        List.of(TestSchemas.fk("car_id", "cars", "id")),
                        col("id", "INTEGER"),
                        col("car_id", "INTEGER")));
        QueryPlan p = planned(
                "Return the car ID, make, model and year for cars that have no sales records,"
                        + " by doing a left join from the cars to sales table.",
                cars);
        assertThat(p.groupBy()).isEmpty();
        assertThat(p.measures()).isEmpty();
        assertThat(p.columns())
                .contains(new ColumnRef("cars", "make"), new ColumnRef("cars", "model"), new ColumnRef("cars", "year"));
        // "the year of 2023" is a date
        assertThat(planned("How many cars were added in the year of 2023?", cars)
                        .filters())
                .extracting(Filter::column)
                .containsOnly(new ColumnRef("cars", "crtd_ts"));
        // with a group marker the grain still groups
        assertThat(planned("How many cars were added per year?", cars).groupBy())
                .hasSize(1);
    }

    /** doctors.doc_id is the doctors' key: "doctor IDs" asks for it, however short its own name. */
    @Test
    void aTablesKeyIsItsIdWhateverTheKeyAbbreviates() {
        SchemaSnapshot derm = sqlite(
                keyed("doctors", "doc_id", List.of(), col("doc_id", "INTEGER"), col("specialty", "TEXT")),
                keyed(
                        "treatments",
                        "treatment_id",
                        List.of(TestSchemas.fk("doc_id", "doctors", "doc_id")),
                        col("treatment_id", "INTEGER"),
                        col("doc_id", "INTEGER")));
        QueryPlan p = planned("Return the doctor IDs and specialties of all doctors.", derm);
        assertThat(p.columns()).contains(new ColumnRef("doctors", "doc_id"), new ColumnRef("doctors", "specialty"));
    }

    /**
     * A grouped answer shows the columns its request sentence lists: each whole item is a key of the
     * grouping, a bare "id" the key of the grouped table; "the country name" is one item, not a name.
     */
    @Test
    void columnsListedToReturnAreKeysOfTheGrouping() {
        SchemaSnapshot dealer = sqlite(
                keyed(
                        "cars",
                        "id",
                        List.of(),
                        col("id", "INTEGER"),
                        col("make", "TEXT", "Ford"),
                        col("model", "TEXT", "Mustang"),
                        col("country", "TEXT", "USA")),
                keyed(
                        "sales",
                        "id",
                        List.of(TestSchemas.fk("car_id", "cars", "id")),
                        col("id", "INTEGER"),
                        col("car_id", "INTEGER"),
                        col("sale_price", "REAL"),
                        col("buyer_name", "TEXT")));
        QueryPlan perModel = planned(
                "How many sales were made for each car model? Return the make, model and number of sales.", dealer);
        assertThat(perModel.groupBy())
                .extracting(Dimension::column)
                .containsExactlyInAnyOrder(new ColumnRef("cars", "model"), new ColumnRef("cars", "make"));
        QueryPlan withId =
                planned("Which car model had the most sales? Return the id, model and number of sales.", dealer);
        assertThat(withId.groupBy())
                .extracting(Dimension::column)
                .containsExactlyInAnyOrder(new ColumnRef("cars", "model"), new ColumnRef("cars", "id"));
        QueryPlan byCountry = planned(
                "What are the top 5 countries by number of sales? Return the country name and number of sales.",
                dealer);
        assertThat(byCountry.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("cars", "country"));
    }

    /**
     * "The total number of credits" where {@code course.credits} holds numbers as text: the total is
     * the column named a total among the numeric ones the same word names.
     */
    @Test
    void aTotalOfNumbersKeptAsTextIsTakenFromTheColumnNamedATotal() {
        SchemaSnapshot advising = sqlite(
                keyed("course", "course_id", List.of(), col("course_id", "INTEGER"), col("credits", "TEXT", "3", "4")),
                keyed(
                        "program_requirement",
                        "program_id",
                        List.of(),
                        col("program_id", "INTEGER"),
                        col("min_credit", "INTEGER")),
                keyed(
                        "student",
                        "student_id",
                        List.of(),
                        col("student_id", "INTEGER"),
                        col("total_credit", "INTEGER")));
        QueryPlan p = planned("What is the total number of credits earned by each student?", advising);
        assertSumOf(p, "student", "total_credit");
    }

    /** "The total sales count" and "the total count" count rows; "the total sales" adds up their amounts. */
    @Test
    void aTotalCountIsACountOfRows() {
        SchemaSnapshot dealer = sales();
        for (String q : List.of(
                "What is the Total Sales Count in 2023?",
                "How many sales were made in 2023? Return the total count.")) {
            QueryPlan p = planned(q, dealer);
            assertThat(p.measures()).as(q).singleElement().satisfies(m -> {
                assertThat(m.function()).isEqualTo(Aggregate.COUNT);
                assertThat(m.column()).isNull();
            });
        }
        assertSumOf(planned("What is the total sales in 2023?", dealer), "sales", "sale_price");
    }

    /** "In each of the last 8 weeks, excluding the current week": a count per week over whole weeks. */
    @Test
    void eachOfTheLastWeeksIsARowPerWeek() {
        SchemaSnapshot dealer = sales();
        QueryPlan p =
                planned("How many sales were made in each of the last 8 weeks, excluding the current week?", dealer);
        assertThat(p.groupBy()).singleElement().satisfies(d -> assertThat(d.grain())
                .isEqualTo(QueryPlan.TimeGrain.WEEK));
        // TODAY, 2025-03-15, is a Saturday: its week began on Monday the 10th
        assertThat(p.filters())
                .extracting(f -> f.op() + " " + f.values())
                .containsExactly("GTE [2025-01-13]", "LT [2025-03-10]");
    }

    /** "Split by the payment_method": a grouping by the column named as it is written, beside the day. */
    @Test
    void splitByAColumnWrittenAsItsNameGroups() {
        SchemaSnapshot payments = sqlite(keyed(
                "payments_received",
                "payment_id",
                List.of(),
                col("payment_id", "INTEGER"),
                col("payment_date", "DATE"),
                col("payment_amount", "REAL"),
                col("payment_method", "TEXT", "cash")));
        QueryPlan p = planned(
                "show me the daily total amount of payments received in the whole of the previous ISO week not"
                        + " including the current week, split by the payment_method",
                payments);
        assertThat(p.groupBy())
                .extracting(d -> d.column().column() + " " + d.grain())
                .containsExactlyInAnyOrder("payment_date DAY", "payment_method null");
        assertThat(QuestionReader.spellIdentifiers(
                        "payments_received by payment_method where note = 'payment_method' or x_y",
                        new SchemaIndex(payments)))
                .isEqualTo("payments received by payment method where note = 'payment_method' or x_y");
        assertThat(p.filters())
                .extracting(f -> f.op() + " " + f.values())
                .containsExactly("GTE [2025-03-03]", "LT [2025-03-10]");
    }

    /**
     * A flag kept as text ('Yes'/'No', 'Y'/'N', as databases without a boolean type store them) is a flag:
     * "premium fares" are the fares whose premium is 'Yes', spelt as the column spells it. Not a flag: a
     * column holding anything else beside them, or a lone letter that may mean something else ('F').
     */
    @Test
    void aYesNoTextColumnIsAFlagSpeltAsStored() {
        SchemaSnapshot fares = sqlite(keyed(
                "fare",
                "fare_id",
                List.of(),
                col("fare_id", "INTEGER"),
                col("premium", "TEXT", "Yes", "No"),
                col("refundable", "TEXT", "N", "Y"),
                col("round_trip_required", "TEXT", "No", "Yes"),
                col("one_direction_cost", "INTEGER")));
        // a flag named by its participle is said by its verb and object
        assertThat(conditions("How many fares require a round-trip?", fares))
                .containsExactly("round_trip_required EQ [Yes]");
        assertThat(conditions("How many fares do not require a round trip?", fares))
                .containsExactly("round_trip_required NE [Yes]");
        assertThat(planned("How many premium fares are there?", fares).filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values() + " " + f.valueType())
                .containsExactly("premium EQ [Yes] STRING");
        assertThat(conditions("What is the average one direction cost of refundable fares?", fares))
                .containsExactly("refundable EQ [Y]");
        // the flag in another table than the rows: an adjective before them or after "are"; after "the",
        // a noun, which sets nothing
        SchemaSnapshot bases = sqlite(
                keyed(
                        "fare",
                        "fare_id",
                        List.of(fk("fare_basis_code", "fare_basis", "fare_basis_code")),
                        col("fare_id", "INTEGER"),
                        col("fare_basis_code", "TEXT", "B", "Y")),
                keyed(
                        "fare_basis",
                        "fare_basis_code",
                        List.of(),
                        col("fare_basis_code", "TEXT", "B", "Y"),
                        col("premium", "TEXT", "Yes", "No")));
        assertThat(conditions("How many premium fares are there?", bases)).containsExactly("premium EQ [Yes]");
        assertThat(conditions("Which fare basis codes are premium?", bases)).containsExactly("premium EQ [Yes]");
        QueryPlan listed = planned("Show the premium of each fare basis code", bases);
        assertThat(listed.filters()).isEmpty();
        assertThat(new PlanSqlCompiler().compile(listed, Dialect.SQLITE, bases)).doesNotContain("WHERE");
        assertThat(SchemaIndex.yesValue(col("night", "TEXT", "No"))).isEqualTo("Yes");
        assertThat(SchemaIndex.yesValue(col("allow_audit", "TEXT", "true", "false")))
                .isEqualTo("true");
        assertThat(SchemaIndex.yesValue(col("sex", "TEXT", "F"))).isNull();
        assertThat(SchemaIndex.yesValue(col("sex", "TEXT", "F", "M"))).isNull();
        assertThat(SchemaIndex.yesValue(col("answer", "TEXT", "Yes", "No", "Maybe")))
                .isNull();
        assertThat(SchemaIndex.yesValue(col("mixed", "TEXT", "Yes", "N"))).isNull();
        assertThat(SchemaIndex.yesValue(col("premium", "INTEGER", "1", "0"))).isNull();
    }

    /**
     * "Name the …" asks for rows, like "list": the first word is a verb, not the name column ranked by how
     * often each name occurs. "What is the name of …" still names the column.
     */
    @Test
    void nameAtTheStartBeforeADeterminerIsAVerb() {
        SchemaSnapshot places = sqlite(
                restaurants(),
                geographic(),
                keyed(
                        "mountain",
                        "mountain_name",
                        List.of(),
                        col("mountain_name", "TEXT", "K2", "Mount Everest"),
                        col("mountain_altitude", "INTEGER")));
        QueryPlan worst = planned("Name the three worst rated restaurants.", places);
        assertThat(worst.measures()).isEmpty();
        assertThat(worst.orderBy())
                .extracting(o -> o.target() + " " + o.direction())
                .containsExactly("restaurant.rating ASC");
        assertThat(worst.limit()).isEqualTo(3);
        QueryPlan highest = planned("Name the highest mountain.", places);
        assertThat(highest.measures()).isEmpty();
        assertThat(highest.orderBy())
                .extracting(o -> o.target() + " " + o.direction())
                .containsExactly("mountain.mountain_altitude DESC");
        assertThat(highest.limit()).isEqualTo(1);
        // "rated" names the rating its verb gives
        PlanSqlCompiler sql = new PlanSqlCompiler();
        assertThat(sql.compile(
                        planned("What is the name of the best rated restaurant?", places), Dialect.SQLITE, places))
                .isEqualTo("SELECT name\nFROM restaurant\nORDER BY rating DESC\nLIMIT 1");
        assertThat(conditions("Which restaurants are rated above 4?", places)).containsExactly("rating GT [4]");
        assertThat(planned("What is the best rated restaurant?", places).limit())
                .isEqualTo(1);
    }

    /**
     * "Which cities have an Italian restaurant?": when nothing reads the word a which-question names its
     * answer by, a plan listing something else is refused with that word, not answered confidently.
     */
    @Test
    void aWhichQuestionWhoseAnswerWordIsUnreadIsRefused() {
        SchemaSnapshot places = sqlite(restaurants(), geographic());
        assertThat(refusal("Which cities have an Italian restaurant?", places)).contains("'cities'");
        assertThat(planned("Which restaurants are Italian?", places).tables()).containsExactly("restaurant");
        // a superlative nobody read: every row, unranked, is no answer
        SchemaSnapshot aircraft = sqlite(keyed(
                "aircraft",
                "aircraft_code",
                List.of(),
                col("aircraft_code", "TEXT", "B747", "A320"),
                col("manufacturer", "TEXT", "Boeing", "Airbus"),
                col("cruising_speed", "INTEGER")));
        assertThat(refusal("Which aircraft is the fastest?", aircraft)).contains("'fastest'");
    }

    /**
     * A flag kept as a number, named as a flag ({@code is_open} holding 0 and 1): "open businesses" are
     * those where it is 1, not a count of its values. Named otherwise, or holding other numbers, it is
     * no flag.
     */
    @Test
    void aNumberNamedAsAFlagHoldingZeroAndOneIsAFlag() {
        SchemaSnapshot shops = sqlite(keyed(
                "business",
                "bid",
                List.of(),
                col("bid", "INTEGER"),
                col("name", "TEXT", "Joe's Pizza", "Anna's Diner"),
                col("state", "TEXT", "CA", "NY"),
                col("is_open", "INTEGER", "0", "1")));
        QueryPlan open = planned("How many open businesses are there in each state?", shops);
        assertThat(open.filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values() + " " + f.valueType())
                .containsExactly("is_open EQ [1] NUMBER");
        assertThat(open.measures())
                .extracting(m -> m.function() + " " + m.column())
                .containsExactly("COUNT null");
        assertThat(conditions("Which businesses are no longer open?", shops)).containsExactly("is_open NE [1]");
        SchemaSnapshot courses = sqlite(keyed(
                "course",
                "course_id",
                List.of(),
                col("course_id", "INTEGER"),
                col("name", "TEXT", "Advanced Calculus"),
                col("has_exams", "INTEGER", "1", "0"),
                col("has_lab", "INTEGER", "0", "1")));
        assertThat(conditions("How many courses have no exams?", courses)).containsExactly("has_exams NE [1]");
        assertThat(conditions("Which courses have a lab?", courses)).containsExactly("has_lab EQ [1]");
        assertThat(SchemaIndex.yesValue(col("is_open", "INTEGER", "1"))).isEqualTo("1");
        // "business" is one business, though it ends in s: the one that received the most tips
        SchemaSnapshot tips = sqlite(
                shops.tables().getFirst(),
                keyed(
                        "tip",
                        "tip_id",
                        List.of(fk("bid", "business", "bid")),
                        col("tip_id", "INTEGER"),
                        col("bid", "INTEGER"),
                        col("text", "TEXT")));
        assertThat(planned("Which business received the most tips?", tips).limit())
                .isEqualTo(1);
        assertThat(planned("Which businesses received the most tips?", tips).limit())
                .isNull();
        assertThat(SchemaIndex.yesValue(col("is_open", "INTEGER", "0", "2"))).isNull();
        assertThat(SchemaIndex.yesValue(col("is_open", "INTEGER"))).isNull();
        assertThat(SchemaIndex.yesValue(col("open", "INTEGER", "0", "1"))).isNull();
    }

    /**
     * "Successful transactions for wallet transactions": "transactions" says again the table the question
     * names in full, not the value 'transaction' of another table's column; "successful" is the stored
     * value 'success'. The same word with no table named so is still that value.
     */
    @Test
    void aTablesHeadNounSaidAgainIsThatTableAndAnAdjectiveItsValue() {
        SchemaSnapshot wallet = sqlite(
                keyed(
                        "wallet_transactions_daily",
                        "txid",
                        List.of(),
                        col("txid", "INTEGER"),
                        col("amount", "REAL"),
                        col("status", "TEXT", "success", "failed", "pending"),
                        col("created_at", "DATE")),
                keyed(
                        "notifications",
                        "id",
                        List.of(),
                        col("id", "INTEGER"),
                        col("type", "TEXT", "transaction", "promotion"),
                        col("created_at", "DATE")));
        QueryPlan successful =
                planned("What was the number of successful transactions for wallet transactions in 2024?", wallet);
        assertThat(successful.tables()).containsExactly("wallet_transactions_daily");
        assertThat(successful.filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values())
                .contains("status EQ [success]");
        QueryPlan rate = planner.plan(
                        "What was the STR for wallet transactions in 2024?",
                        "STR (success transaction rate) = number of successful transactions / total number of"
                                + " transactions",
                        wallet,
                        null,
                        TODAY)
                .plan();
        assertThat(rate).isNotNull();
        assertThat(rate.ratio().numerator().filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values())
                .contains("status EQ [success]");
        assertThat(rate.ratio().denominator().filters())
                .extracting(f -> f.column().column())
                .doesNotContain("status");
        QueryPlan notices = planned("How many notifications about a transaction are there?", wallet);
        assertThat(notices.filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values())
                .containsExactly("type EQ [transaction]");
    }

    /**
     * "The number of students who found the instructor hilarious per course id", where a table of
     * tallies keeps per course how many students found it so: the sum of that tally, grouped on the
     * tally's own table — not a count of students joined to the instructors they commented on. The
     * clause may name the tally by its verb ("who participated" → {@code participation}).
     */
    @Test
    void aCountOfRowsThatATallyKeepsAddsUpTheTally() {
        SchemaSnapshot advising = advisingTallies();
        PlanAttempt attempt = planner.plan(
                "What is the total number of students who found the instructor to be hilarious per course id?",
                advising,
                null,
                TODAY);
        assertThat(attempt.understood()).contains("'total number of' → SUM of the counts kept");
        QueryPlan hilarious = attempt.plan();
        assertSumOf(hilarious, "course_tags_count", "hilarious");
        assertThat(hilarious.tables()).containsExactly("course_tags_count");
        assertThat(hilarious.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("course_tags_count", "course_id"));
        QueryPlan participated = planned(
                "What is the total number of students who participated actively for each course id, ordered from"
                        + " highest to lowest participants?",
                advising);
        assertSumOf(participated, "course_tags_count", "participation");
        assertThat(participated.tables()).containsExactly("course_tags_count");
    }

    /** Rows no tally keeps are counted as rows: no relative clause, or one that names no tally column. */
    @Test
    void rowsNoTallyKeepsAreCounted() {
        SchemaSnapshot advising = advisingTallies();
        for (String q : List.of(
                "How many students are there in each course?",
                "What is the number of students who are in each course?",
                "What is the total number of students who found the instructor helpful per course id?")) {
            QueryPlan p = planned(q, advising);
            assertThat(p.measures()).as(q).singleElement().satisfies(m -> {
                assertThat(m.function()).isIn(Aggregate.COUNT, Aggregate.COUNT_DISTINCT);
                assertThat(m.column().table()).isEqualTo("student");
            });
        }
    }

    /**
     * "Courses taken by students in the Computer Science program" where a course reaches a program
     * both through the students who took it and through the programs that list it, each way three
     * joins: the join tree grows in the order the question names its tables, so the program is
     * reached through the students, not through the programs' course lists.
     */
    @Test
    void equallyShortJoinTreesFollowTheQuestionsOrder() {
        List<TableInfo> tables = new java.util.ArrayList<>(advising().tables());
        tables.add(noKey(
                "program_course",
                List.of(
                        TestSchemas.fk("program_id", "program", "program_id"),
                        TestSchemas.fk("course_id", "course", "course_id")),
                col("program_id", "INTEGER"),
                col("course_id", "INTEGER")));
        QueryPlan p = planned(
                "Which courses have been taken by students in the Computer Science program?",
                sqlite(tables.toArray(TableInfo[]::new)));
        assertThat(p.tables()).contains("student_record").doesNotContain("program_course");
        assertThat(p.filters())
                .extracting(f -> f.column() + "=" + f.values())
                .containsExactly("program.name=[Computer Science]");
    }

    /**
     * Flights and fares both point at an airline, and a link table pairs each flight with its fares:
     * the join goes through the link table, not up to the airline and down again (every fare of the
     * flight's airline), though both take two steps. With no link table the airline is the way.
     */
    @Test
    void twoTablesAreJoinedThroughTheirLinkTableRatherThanARowTheyShare() {
        TableInfo airline =
                keyed("airline", "airline_code", List.of(), col("airline_code", "TEXT"), col("airline_name", "TEXT"));
        TableInfo flight = keyed(
                "flight",
                "flight_id",
                List.of(TestSchemas.fk("airline_code", "airline", "airline_code")),
                col("flight_id", "INTEGER"),
                col("airline_code", "TEXT"));
        TableInfo fare = keyed(
                "fare",
                "fare_id",
                List.of(TestSchemas.fk("fare_airline", "airline", "airline_code")),
                col("fare_id", "INTEGER"),
                col("fare_airline", "TEXT"),
                col("round_trip_required", "TEXT", "Yes", "No"));
        TableInfo flightFare = noKey(
                "flight_fare",
                List.of(
                        TestSchemas.fk("flight_id", "flight", "flight_id"),
                        TestSchemas.fk("fare_id", "fare", "fare_id")),
                col("flight_id", "INTEGER"),
                col("fare_id", "INTEGER"));
        String q = "How many flights require a round-trip to purchase the fare?";
        assertThat(planned(q, sqlite(airline, flight, fare, flightFare)).tables())
                .contains("flight_fare")
                .doesNotContain("airline");
        assertThat(planned(q, sqlite(airline, flight, fare)).tables()).contains("airline");
    }

    /**
     * An inferred reference named for a role ({@code flight_stop.stop_airport}: the airport where a
     * flight stops) joins only for a question that says the role; "flights departing from each
     * airport" is refused with that reference named, not answered with the airports of the stops.
     */
    @Test
    void anInferredReferenceNamedForARoleJoinsOnlyWhenTheQuestionSaysIt() {
        TableInfo airport = airports("Dallas Love Field");
        TableInfo flight = keyed(
                "flight",
                "flight_id",
                List.of(),
                col("flight_id", "INTEGER"),
                col("departure_time", "INTEGER"),
                col("airline_code", "TEXT"));
        TableInfo stop = noKey(
                "flight_stop",
                List.of(
                        TestSchemas.fk("flight_id", "flight", "flight_id"),
                        new ForeignKey(List.of("stop_airport"), null, "airport", List.of("airport_code"), true)),
                col("flight_id", "INTEGER"),
                col("stop_airport", "TEXT"));
        SchemaSnapshot atis = sqlite(airport, flight, stop);
        // a question about the stops themselves, and one about flights that says where they stop
        for (String q : List.of(
                "How many flight stops are there at each airport name?",
                "What is the average departure time of flights that stop at each airport name?")) {
            PlanAttempt stops = planner.plan(q, atis, null, TODAY);
            assertThat(stops.plan())
                    .as(q + ": " + stops.explanationWhenNoPlan())
                    .isNotNull();
            assertThat(stops.plan().tables()).as(q).contains("flight_stop", "airport");
        }
        assertThat(refusal("What is the average departure time of flights departing from each airport name?", atis))
                .contains("flight_stop.stop_airport (stop)");
        // a path that starts at the referencing table needs no word for its own name: fare.fare_airline
        // is the fare's airline whether or not the question says "fare" (names compared in the singular)
        TableInfo airline = noKey("airline", List.of(), col("airline_code", "TEXT"), col("airline_name", "TEXT"));
        TableInfo fare = keyed(
                "fare",
                "fare_id",
                List.of(new ForeignKey(List.of("fare_airline"), null, "airline", List.of("airline_code"), true)),
                col("fare_id", "INTEGER"),
                col("fare_airline", "TEXT"),
                col("round_trip_cost", "INTEGER"));
        PlanAttempt costs = planner.plan(
                "What is the total round trip cost for each airline name?", sqlite(airline, fare), null, TODAY);
        assertThat(costs.plan()).as(costs.explanationWhenNoPlan()).isNotNull();
        assertThat(costs.plan().tables()).contains("fare", "airline");
        // the question's words are client text: a hostile one is read in bounded time
        String hostile =
                "How many flights depart from each airport name " + "gates ".repeat(30_000) + "s".repeat(100_000);
        PlanAttempt bounded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> planner.plan(hostile, atis, null, TODAY));
        assertThat(bounded.plan() == null ? List.of() : bounded.plan().tables()).doesNotContain("flight_stop");
    }

    /**
     * "Daily" over a column of the SQL type DATE groups by the column itself: its values are the days
     * (a truncation would return midnights of a timestamp instead). A timestamp is still truncated, and
     * so is a DATE on SQLite, which may hold times of day.
     */
    @Test
    void aDayOfADateIsTheDateItself() {
        String q = "What is the daily total amount of orders?";
        QueryPlan pg = planned(q, TestSchemas.shop(Dialect.POSTGRESQL));
        assertThat(pg.groupBy()).singleElement().satisfies(d -> {
            assertThat(d.column()).isEqualTo(new ColumnRef("shop.orders", "order_date"));
            assertThat(d.grain()).isNull();
        });
        assertThat(new PlanSqlCompiler().compile(pg, Dialect.POSTGRESQL, TestSchemas.shop(Dialect.POSTGRESQL)))
                .doesNotContainIgnoringCase("date_trunc");
        assertThat(planned(q, TestSchemas.shop(Dialect.SQLITE)).groupBy())
                .extracting(Dimension::grain)
                .containsExactly(TimeGrain.DAY);
        SchemaSnapshot stamped = sqlite(keyed(
                "sales", "id", List.of(), col("id", "INTEGER"), col("amount", "REAL"), col("sold_at", "TIMESTAMP")));
        stamped = new SchemaSnapshot(Dialect.POSTGRESQL, "main", stamped.tables(), Instant.EPOCH);
        assertThat(planned("What is the daily total amount of sales?", stamped).groupBy())
                .extracting(Dimension::grain)
                .containsExactly(TimeGrain.DAY);
    }

    /** Verbs of a relative clause are client text: hostile ones are read in bounded time and name no tally. */
    @Test
    void hostileVerbsAfterWhoAreReadInBoundedTime() {
        SchemaSnapshot advising = advisingTallies();
        for (String verb :
                List.of("a".repeat(200_000) + "ed", "ed".repeat(100_000), "participat".repeat(20_000) + "ed")) {
            PlanAttempt p = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(10),
                    () -> planner.plan("How many students who " + verb + " per course id?", advising, null, TODAY));
            assertThat(p.plan() == null ? List.of() : p.plan().measures())
                    .noneMatch(m -> m.function() == Aggregate.SUM);
        }
    }

    /** {@link #advising()} with instructors, the students' comments on them and tallies per course. */
    private static SchemaSnapshot advisingTallies() {
        List<TableInfo> tables = new java.util.ArrayList<>(advising().tables());
        tables.add(
                keyed("instructor", "instructor_id", List.of(), col("instructor_id", "INTEGER"), col("name", "TEXT")));
        tables.add(noKey(
                "comment_instructor",
                List.of(
                        TestSchemas.fk("student_id", "student", "student_id"),
                        TestSchemas.fk("instructor_id", "instructor", "instructor_id")),
                col("student_id", "INTEGER"),
                col("instructor_id", "INTEGER"),
                col("text", "TEXT")));
        tables.add(noKey(
                "course_tags_count",
                List.of(TestSchemas.fk("course_id", "course", "course_id")),
                col("course_id", "INTEGER"),
                col("clear_grading", "INTEGER"),
                col("hilarious", "INTEGER"),
                col("participation", "INTEGER")));
        return sqlite(tables.toArray(TableInfo[]::new));
    }

    /** Adjectives in -ful are client text: hostile ones are read in bounded time and name nothing. */
    @Test
    void hostileAdjectivesAreReadInBoundedTime() {
        SchemaSnapshot dealer = sales();
        for (String word : List.of("a".repeat(200_000) + "ful", "ful".repeat(60_000), "sale".repeat(40_000) + "ful")) {
            PlanAttempt p = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(10),
                    () -> planner.plan("How many " + word + " sales?", dealer, null, TODAY));
            assertThat(p.plan() == null ? List.of() : p.plan().filters()).isEmpty();
        }
    }

    /** Names with underscores are client text: hostile ones are read in bounded time and left as they are. */
    @Test
    void hostileNamesWithUnderscoresAreReadInBoundedTime() {
        SchemaIndex index = new SchemaIndex(sales());
        String[] hostile = {"a_".repeat(50_000) + "!", "sale_price".repeat(20_000), "_".repeat(100_000) + "x"};
        for (String text : hostile) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(10), () -> assertThat(QuestionReader.spellIdentifiers(text, index))
                            .isEqualTo(text));
        }
    }

    /**
     * "Transaction statuses": the table named by the last word of its name, then one of its columns —
     * not the value 'transaction' stored in another table's type column.
     */
    @Test
    void aTableNamedByItsLastWordThenItsColumnIsThatTablesColumn() {
        SchemaSnapshot wallet = sqlite(
                noKey(
                        "wallet_transactions_daily",
                        List.of(),
                        col("txid", "INTEGER"),
                        col("status", "TEXT", "success", "failed")),
                noKey("wallet_user_balance_daily", List.of(), col("user_id", "INTEGER"), col("balance", "REAL")),
                noKey(
                        "notifications",
                        List.of(),
                        col("id", "INTEGER"),
                        col("type", "TEXT", "transaction", "promotion"),
                        col("status", "TEXT", "read", "unread")));
        QueryPlan p =
                planned("What are the top 3 most common transaction statuses and their respective counts?", wallet);
        assertThat(p.tables()).containsExactly("wallet_transactions_daily");
        assertThat(p.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("wallet_transactions_daily", "status"));
        assertThat(p.filters()).isEmpty();
    }

    /** "Users who joined in 2023", "treatments that ended in 2022": the verb names the date column. */
    @Test
    void theVerbBeforeAPeriodNamesItsDateColumn() {
        SchemaSnapshot broker = broker();
        QueryPlan p = planned("number of transactions by users who joined in 2023", broker);
        assertThat(p.filters()).extracting(f -> f.column().column()).containsOnly("sbcustjoindate");
        // "signed up" is a date of joining, registering or enrolling
        QueryPlan signedUp = planned(
                "average transaction amount per month for customers who signed up in the last 6 months", broker);
        assertThat(signedUp.filters()).extracting(f -> f.column().column()).containsOnly("sbcustjoindate");
        TableInfo treatments = keyed(
                "treatments",
                "treatment_id",
                List.of(),
                col("treatment_id", "INTEGER"),
                col("start_dt", "DATE"),
                col("end_dt", "DATE"));
        SchemaSnapshot derm = sqlite(treatments);
        assertThat(planned("How many treatments ended in 2022?", derm).filters())
                .extracting(f -> f.column().column())
                .containsOnly("end_dt");
        assertThat(planned("How many treatments started in 2022?", derm).filters())
                .extracting(f -> f.column().column())
                .containsOnly("start_dt");
        // "ended in the year 2022" is the same verb; "at day 100" is a point, no grouping by day
        SchemaSnapshot outcomes = sqlite(
                treatments,
                keyed(
                        "outcomes",
                        "outcome_id",
                        List.of(TestSchemas.fk("treatment_id", "treatments", "treatment_id")),
                        col("outcome_id", "INTEGER"),
                        col("treatment_id", "INTEGER"),
                        col("assess_dt", "DATE"),
                        col("day7_pasi_score", "DECIMAL(4,1)"),
                        col("day100_pasi_score", "DECIMAL(4,1)")));
        QueryPlan atDay100 = planned(
                "What is the average PASI score at day 100 for treatments that ended in the year 2022?", outcomes);
        assertThat(atDay100.filters()).extracting(f -> f.column().column()).containsOnly("end_dt");
        assertThat(atDay100.groupBy()).isEmpty();
        assertMeasureOf(atDay100, null, "day100_pasi_score");
    }

    /** "Cars that have 'M5' in their VIN number": the text is part of the column named after it. */
    @Test
    void quotedTextInAColumnIsAPartOfIt() {
        SchemaSnapshot cars = sqlite(
                keyed("cars", "id", List.of(), col("id", "INTEGER"), col("model", "TEXT"), col("vin_number", "TEXT")));
        QueryPlan p = planned("How many cars have 'M5' in their VIN number?", cars);
        assertThat(p.filters()).singleElement().satisfies(f -> {
            assertThat(f.column()).isEqualTo(new ColumnRef("cars", "vin_number"));
            assertThat(f.op()).isEqualTo(QueryPlan.FilterOp.LIKE);
            assertThat(f.values()).containsExactly("%M5%");
        });
    }

    /**
     * "How many of these were on weekends?": a second count within the rows the first sentence counts,
     * which a plan of one count cannot give; refused, not answered in part. "How many of them are
     * there" counts the same rows and stays answerable.
     */
    @Test
    void aSecondCountWithinTheFirstIsRefusedNotAnsweredInPart() {
        SchemaSnapshot dealer = sales();
        for (String q : List.of(
                "How many sales were made in 2023? How many of these were above 1000?",
                "How many sales were made in 2023? Out of those, how many were above 1000?")) {
            PlanAttempt p = planner.plan(q, dealer, null, TODAY);
            assertThat(p.plan()).as(q).isNull();
            assertThat(p.explanationWhenNoPlan()).as(q).contains("a second count within the rows counted first");
        }
        assertThat(planned("How many sales were made in 2023, and how many of them are there?", dealer)
                        .measures())
                .hasSize(1);
    }

    /** "How many have a final exam and how many do not": one count per value of the flag. */
    @Test
    void aCountAskedBothWaysCountsPerValueOfTheFlag() {
        SchemaSnapshot offerings = sqlite(
                noKey("course_offering", List.of(), col("offering_id", "INTEGER"), col("has_final_exam", "BOOLEAN")));
        QueryPlan both = planned("How many course offerings have a final exam and how many do not?", offerings);
        assertThat(both.filters()).isEmpty();
        assertThat(both.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("course_offering", "has_final_exam"));
        QueryPlan one = planned("How many course offerings have a final exam?", offerings);
        assertThat(one.groupBy()).isEmpty();
        assertThat(one.filters()).hasSize(1);
    }

    /** "The number of customers for the top 2 states": the states ranked by that number. */
    @Test
    void valuesRankedByWhatTheQuestionCounts() {
        SchemaSnapshot customers =
                sqlite(keyed("customers", "id", List.of(), col("id", "INTEGER"), col("state", "TEXT", "TX", "CA")));
        QueryPlan p = planned("What is the number of customers for the top 2 states?", customers);
        assertThat(p.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("customers", "state"));
        assertThat(p.measures()).singleElement().satisfies(m -> assertThat(m.function())
                .isEqualTo(Aggregate.COUNT));
        assertThat(p.orderBy()).singleElement().satisfies(o -> assertThat(o.direction())
                .isEqualTo(Direction.DESC));
        assertThat(p.limit()).isEqualTo(2);
    }

    /** "A" is an article and a grade: beside another grade in a list it is the grade. */
    @Test
    void aCapitalLetterBesideALetterValueIsThatValue() {
        SchemaSnapshot records = sqlite(
                noKey("student_record", List.of(), col("student_id", "INTEGER"), col("grade", "TEXT", "A", "B", "C")));
        QueryPlan p = planned("Return the student IDs who have gotten a grade of A or C.", records);
        assertThat(p.filters()).singleElement().satisfies(f -> {
            assertThat(f.column()).isEqualTo(new ColumnRef("student_record", "grade"));
            assertThat(f.op()).isEqualTo(FilterOp.IN);
            assertThat(f.values()).containsExactlyInAnyOrder("A", "C");
        });
    }

    /** A superlative of many rows followed by the order of them all: every row, in that order. */
    @Test
    void aSuperlativeOrderedInFullKeepsEveryRow() {
        SchemaSnapshot geo = sqlite(noKey("state", List.of(), col("state_name", "TEXT"), col("density", "REAL")));
        QueryPlan ordered =
                planned("Which states have the highest population density, ordered from highest to lowest?", geo);
        assertThat(ordered.limit()).isNull();
        assertThat(ordered.orderBy()).singleElement().satisfies(o -> assertThat(o.direction())
                .isEqualTo(Direction.DESC));
        assertThat(planned("Which states have the highest population density?", geo)
                        .limit())
                .isEqualTo(10);
    }

    /** "Show both courses and scores": the courses by their labels, the scores already named in full. */
    @Test
    void aListRepeatsWhatTheQuestionNamedInFull() {
        SchemaSnapshot advising = sqlite(
                keyed(
                        "course",
                        "course_id",
                        List.of(),
                        col("course_id", "INTEGER"),
                        col("name", "TEXT"),
                        col("department", "TEXT", "Computer Science"),
                        col("easiness_score", "INTEGER")),
                keyed(
                        "comment_instructor",
                        "comment_id",
                        List.of(TestSchemas.fk("course_id", "course", "course_id")),
                        col("comment_id", "INTEGER"),
                        col("course_id", "INTEGER"),
                        col("score", "INTEGER")));
        QueryPlan p = planned(
                "What are the easiness scores for courses in the \"Computer Science\" department? Show both courses and scores.",
                advising);
        assertThat(p.tables()).containsExactly("course");
        assertThat(p.columns())
                .containsExactlyInAnyOrder(new ColumnRef("course", "name"), new ColumnRef("course", "easiness_score"));
    }

    /** {@code wallet_transactions_daily} holds transactions: "daily" says how its rows are kept. */
    @Test
    void aTableNamedWithHowItsRowsAreKeptIsNamedByTheRestOfItsName() {
        SchemaSnapshot wallet = sqlite(
                noKey("wallet_user_balance_daily", List.of(), col("user_id", "INTEGER"), col("amount", "REAL")),
                noKey(
                        "wallet_transactions_daily",
                        List.of(),
                        col("txid", "INTEGER"),
                        col("amount", "REAL"),
                        col("status", "TEXT", "success", "failed")));
        QueryPlan total = planned("What is the total amount of all transactions?", wallet);
        assertSumOf(total, "wallet_transactions_daily", "amount");
    }

    /** Every name carries the prefix "sb" and each table's columns their own ("sbcust"): read without them. */
    @Test
    void namesThatAllCarryOnePrefixAreReadWithoutIt() {
        SchemaSnapshot broker = broker();
        QueryPlan byCountry = planned("What are the top 5 countries by number of customers?", broker);
        assertThat(byCountry.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("sbcustomer", "sbcustcountry"));
        assertThat(byCountry.limit()).isEqualTo(5);
        QueryPlan total = planned("What is the total transaction amount per customer name?", broker);
        assertSumOf(total, "sbtransaction", "sbtxamount");
        assertThat(total.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("sbcustomer", "sbcustname"));
    }

    /**
     * A publication meets each of its authors once through the bridge, so its citations add up once
     * per author; grouped by something many authors share (their organization), a publication of two
     * colleagues would be added twice, and that is still refused.
     */
    @Test
    void totalsAcrossABridgeAreAddedOncePerRowOfTheGroupedTable() {
        SchemaSnapshot academic = sqlite(
                new TableInfo(
                        null,
                        "author",
                        TableKind.TABLE,
                        null,
                        List.of(col("aid", "INTEGER"), col("name", "TEXT"), col("oid", "INTEGER")),
                        List.of("aid"),
                        List.of(),
                        100),
                new TableInfo(
                        null,
                        "publication",
                        TableKind.TABLE,
                        null,
                        List.of(col("pid", "INTEGER"), col("title", "TEXT"), col("citation_num", "INTEGER")),
                        List.of("pid"),
                        List.of(),
                        100),
                noKey(
                        "writes",
                        List.of(TestSchemas.fk("aid", "author", "aid"), TestSchemas.fk("pid", "publication", "pid")),
                        col("aid", "INTEGER"),
                        col("pid", "INTEGER")));
        QueryPlan perAuthor = planned("What is the total citation num of each author?", academic);
        assertSumOf(perAuthor, "publication", "citation_num");
        assertThat(perAuthor.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("author", "name"));
        PlanAttempt perOrganization =
                planner.plan("What is the total citation num per author oid?", academic, null, TODAY);
        assertThat(perOrganization.plan()).isNull();
        assertThat(perOrganization.explanationWhenNoPlan()).contains("would count rows more than once");
    }

    /**
     * A review meets each category row of its business: counted across that bridge, a count is only
     * right per category or for one category picked by its name, which each review meets at most
     * once; for two categories a business in both would count its reviews twice. "business category"
     * is the category table (its rows belong to a business), not businesses and their categories;
     * "which users ... and how many reviews" counts the reviews of each user.
     */
    @Test
    void countsAcrossABridgeToOneNamedRowCountEachRowOnce() {
        QueryPlan cafe = planner.plan(
                        "How many reviews were posted in 2021 for businesses in the category \"Cafe\"?",
                        yelpReviews(),
                        null,
                        TODAY)
                .plan();
        assertThat(cafe.measures()).extracting(QueryPlan.Measure::function).containsExactly(Aggregate.COUNT);
        assertThat(cafe.filters())
                .extracting(f -> f.column().column() + "=" + f.values())
                .containsExactlyInAnyOrder("category_name=[Cafe]", "year=[2021]");
        QueryPlan perCategory = planner.plan(
                        "What is the total number of reviews for each business category?", yelpReviews(), null, TODAY)
                .plan();
        assertThat(perCategory.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("category", "category_name"));
        QueryPlan perUser = planner.plan(
                        "Which users have posted reviews for businesses in the category \"Cafe\" and how many"
                                + " reviews have they posted?",
                        yelpReviews(),
                        null,
                        TODAY)
                .plan();
        assertThat(perUser.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("users", "name"));
        assertThat(perUser.measures()).extracting(QueryPlan.Measure::function).containsExactly(Aggregate.COUNT);
        assertThat(refusal(
                        "How many reviews were posted for businesses in the category \"Cafe\" or \"Bars\"?",
                        yelpReviews()))
                .contains("would count rows more than once");
    }

    /** "the state of California" where the state column stores postal codes: 'CA'. */
    @Test
    void aStateNamedInFullMatchesItsPostalCode() {
        SchemaSnapshot shops = sqlite(noKey(
                "business",
                List.of(),
                col("business_id", "TEXT"),
                col("name", "TEXT"),
                col("state", "TEXT", "CA", "NY", "TX")));
        assertThat(filters("How many businesses are in the state of California?", shops))
                .containsExactly("stateEQ[CA]");
        assertThat(filters("How many businesses are in New York?", shops)).containsExactly("stateEQ[NY]");
    }

    /** "2 million", "a hundred thousand": a number and its multipliers are one number. */
    @Test
    void numbersWithMultipliersAreOneNumber() {
        assertThat(filters("Which states have a population of more than 2 million?"))
                .containsExactly("populationGT[2000000]");
        assertThat(filters("Which states have fewer than a hundred thousand people?"))
                .containsExactly("populationLT[100000]");
        assertThat(filters("Which states have an area of over 1.5 thousand?")).containsExactly("areaGT[1500]");
    }

    /** The filters of the plan for a question about {@link #geography()}, as column, operator, values. */
    private List<String> filters(String question) {
        return filters(question, geography());
    }

    private List<String> filters(String question, SchemaSnapshot schema) {
        return planned(question, schema).filters().stream()
                .map(f -> f.column().column() + f.op() + f.values())
                .toList();
    }

    /** "Not just", "not only" ask for more; they exclude nothing, so the plan has no negated filter. */
    @Test
    void notJustIsNoNegation() {
        QueryPlan p = planned("What is the total population of all states, not just the big ones?", geography());
        assertThat(p.measures())
                .extracting(m -> m.function() + " " + m.column().column())
                .containsExactly("SUM population");
        assertThat(p.filters()).isEmpty();
    }

    /**
     * A group whose table would be joined only for the value the counted rows hold themselves is
     * grouped by their own column: "each state" of lakes is {@code lake.state_name} (the join would
     * drop the lakes of no listed state), and cities need no relationship to the state table when
     * {@code city.state_name} names the state. A group table the question also filters on stays joined.
     */
    @Test
    void groupsTheRowsHoldThemselvesNeedNoJoin() {
        SchemaSnapshot geo = sqlite(
                noKey(
                        "state",
                        List.of(),
                        col("state_name", "TEXT"),
                        col("population", "INTEGER"),
                        col("density", "DOUBLE")),
                noKey(
                        "lake",
                        List.of(new ForeignKey(List.of("state_name"), null, "state", List.of("state_name"), true)),
                        col("lake_name", "TEXT"),
                        col("area", "DOUBLE"),
                        col("state_name", "TEXT")),
                noKey(
                        "city",
                        List.of(),
                        col("city_name", "TEXT"),
                        col("population", "INTEGER"),
                        col("state_name", "TEXT")));
        QueryPlan lakes = planned("What is the combined area of the lakes in each state?", geo);
        assertThat(lakes.tables()).containsExactly("lake");
        assertThat(lakes.joins()).isEmpty();
        assertThat(lakes.groupBy()).extracting(g -> g.column()).containsExactly(new ColumnRef("lake", "state_name"));
        assertSumOf(lakes, "lake", "area");
        QueryPlan cities = planned("How many cities does each state have?", geo);
        assertThat(cities.tables()).containsExactly("city");
        assertThat(cities.groupBy()).extracting(g -> g.column()).containsExactly(new ColumnRef("city", "state_name"));
        QueryPlan filtered =
                planned("What is the total area of lakes in each state with a population above 1000000?", geo);
        assertThat(filtered.tables()).containsExactlyInAnyOrder("lake", "state");
    }

    private static SchemaSnapshot geography() {
        return sqlite(
                noKey(
                        "state",
                        List.of(),
                        col("state_name", "TEXT"),
                        col("population", "INTEGER"),
                        col("area", "DOUBLE"),
                        col("density", "DOUBLE")),
                noKey(
                        "mountain",
                        List.of(),
                        col("mountain_name", "TEXT"),
                        col("mountain_altitude", "INTEGER"),
                        col("country_name", "TEXT")));
    }

    /**
     * "not part of any organization": the author's own key to the organization is empty. The other
     * way round ("organizations with no authors"), no author refers to the organization: an anti-join.
     */
    @Test
    void rowsWithoutTheRowTheirKeyPointsAtHaveAnEmptyKey() {
        SchemaSnapshot academic =
                referred("organization", "oid", "author", "aid", "oid", col("name", "TEXT"), col("oid", "INTEGER"));
        QueryPlan p = planned("Which authors are not part of any organization?", academic);
        assertThat(p.tables()).containsExactly("author");
        assertThat(p.filters())
                .extracting(f -> f.column().column() + " " + f.op())
                .containsExactly("oid IS_NULL");
        assertThat(planned("How many authors have no organization?", academic).filters())
                .extracting(f -> f.column().column() + " " + f.op())
                .containsExactly("oid IS_NULL");
        // the other way round: no author refers to the organization (a LEFT JOIN kept where nothing matched)
        for (String q :
                List.of("Which organizations have no authors?", "Which organizations have not had any authors?")) {
            QueryPlan reverse = planned(q, academic);
            assertThat(reverse.joins())
                    .as(q)
                    .containsExactly(new QueryPlan.Join(
                            QueryPlan.JoinType.LEFT,
                            new ColumnRef("organization", "oid"),
                            new ColumnRef("author", "oid")));
            assertThat(reverse.filters())
                    .extracting(f -> f.column().table() + "." + f.column().column() + " " + f.op())
                    .containsExactly("author.oid IS_NULL");
            assertThat(reverse.distinct()).isFalse();
        }
        String sql = new PlanSqlCompiler()
                .compile(planned("How many organizations have no authors?", academic), Dialect.SQLITE, academic);
        assertThat(sql).contains("LEFT JOIN").contains("IS NULL").contains("COUNT(");
    }

    @Test
    void rowsNothingRefersToShowTheirOwnKeyNotTheEmptyReference() {
        SchemaSnapshot wallet = referred(
                "merchants",
                "mid",
                "coupons",
                "cid",
                "merchant_id",
                col("merchant_id", "INTEGER"),
                col("code", "TEXT"));
        QueryPlan p = planned("Return merchants (merchant ID and name) who have not issued any coupons.", wallet);
        assertThat(p.columns()).doesNotContain(new ColumnRef("coupons", "merchant_id"));
        assertThat(p.columns()).contains(new ColumnRef("merchants", "name"));
        assertThat(p.filters())
                .extracting(f -> f.column().table() + "." + f.column().column() + " " + f.op())
                .containsExactly("coupons.merchant_id IS_NULL");
        // a column of the rows that are not there cannot be shown
        PlanAttempt codes = planner.plan("Which merchants have no coupons? Show the coupon code.", wallet, null, TODAY);
        assertThat(codes.plan() == null || !codes.plan().columns().contains(new ColumnRef("coupons", "code")))
                .isTrue();
    }

    /**
     * A table ({@code parent}: its key and a name) and one whose {@code reference} column refers to it
     * ({@code child}: its own key, then {@code columns}).
     */
    private static SchemaSnapshot referred(
            String parent, String key, String child, String childKey, String reference, ColumnInfo... columns) {
        List<ColumnInfo> childColumns = new java.util.ArrayList<>(List.of(col(childKey, "INTEGER")));
        childColumns.addAll(List.of(columns));
        return sqlite(
                TestSchemas.table(null, parent, null, key, List.of(), col(key, "INTEGER"), col("name", "TEXT")),
                TestSchemas.table(
                        null,
                        child,
                        null,
                        childKey,
                        List.of(TestSchemas.fk(reference, parent, key)),
                        childColumns.toArray(ColumnInfo[]::new)));
    }

    private static SchemaSnapshot yelpReviews() {
        return sqlite(
                noKey(
                        "business",
                        List.of(),
                        col("bid", "INTEGER"),
                        col("business_id", "TEXT"),
                        col("name", "TEXT"),
                        col("city", "TEXT"),
                        col("state", "TEXT")),
                noKey(
                        "category",
                        List.of(TestSchemas.fk("business_id", "business", "business_id")),
                        col("id", "INTEGER"),
                        col("business_id", "TEXT"),
                        col("category_name", "TEXT", "Cafe", "Restaurants", "Bars")),
                noKey("users", List.of(), col("uid", "INTEGER"), col("user_id", "TEXT"), col("name", "TEXT")),
                noKey(
                        "review",
                        List.of(
                                TestSchemas.fk("business_id", "business", "business_id"),
                                TestSchemas.fk("user_id", "users", "user_id")),
                        col("rid", "INTEGER"),
                        col("business_id", "TEXT"),
                        col("user_id", "TEXT"),
                        col("rating", "REAL"),
                        col("text", "TEXT"),
                        col("year", "INTEGER"),
                        col("month", "TEXT")));
    }

    /**
     * yelp's {@code checkin} rows are tallies (a business, a day, a count): "check-ins" is one word
     * naming the table, and counting check-ins adds up the counts instead of counting rows.
     */
    @Test
    void checkInsAreTalliesThatAreAddedUp() {
        SchemaSnapshot yelp = sqlite(
                noKey("business", List.of(), col("business_id", "TEXT"), col("name", "TEXT")),
                noKey(
                        "checkin",
                        List.of(TestSchemas.fk("business_id", "business", "business_id")),
                        col("cid", "INTEGER"),
                        col("business_id", "TEXT"),
                        col("count", "INTEGER"),
                        col("day", "TEXT", "Monday", "Tuesday", "Saturday")));
        QueryPlan p = planned("How many check-ins were there on Monday?", yelp);
        assertSumOf(p, "checkin", "count");
        assertThat(p.filters())
                .extracting(f -> f.column().column() + "=" + f.values())
                .containsExactly("day=[Monday]");
        QueryPlan perBusiness = planned("What is the total count of check-ins for each business?", yelp);
        assertThat(perBusiness.measures())
                .extracting(QueryPlan.Measure::function)
                .containsExactly(Aggregate.SUM);
    }

    /**
     * "each paper, ordered by the paper ID": the papers are grouped by their key, not their title
     * (which would also merge papers of the same title), and the order names the grouped column
     * qualified — bare, {@code paperid} is ambiguous beside the bridge's own {@code paperid}.
     */
    @Test
    void anOrderByTheKeyGroupsByTheKey() {
        SchemaSnapshot papers = papers(TestSchemas.fk("keyphraseid", "keyphrase", "keyphraseid"));
        QueryPlan p = planned("How many keyphrases are associated with each paper, ordered by the paper ID?", papers);
        assertThat(p.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("paper", "paperid"));
        String sql = new PlanSqlCompiler().compile(p, Dialect.SQLITE, papers);
        assertThat(sql).containsPattern("ORDER BY [a-z0-9]+\\.paperid");
    }

    private static SchemaSnapshot papers(ForeignKey... toKeyphrase) {
        List<ForeignKey> bridge = new java.util.ArrayList<>(List.of(TestSchemas.fk("paperid", "paper", "paperid")));
        bridge.addAll(List.of(toKeyphrase));
        return sqlite(
                noKey("paper", List.of(), col("paperid", "INTEGER"), col("title", "TEXT")),
                noKey("keyphrase", List.of(), col("keyphraseid", "INTEGER"), col("keyphrasename", "TEXT")),
                noKey(
                        "paperkeyphrase",
                        bridge,
                        col("paperid", "INTEGER"),
                        col("keyphraseid", "INTEGER"),
                        col("keyphrasename", "TEXT")));
    }

    /** defog's restaurants: each restaurant's city a key of {@link #geographic()}. */
    private static TableInfo restaurants() {
        return keyed(
                "restaurant",
                "id",
                List.of(fk("city_name", "geographic", "city_name")),
                col("id", "INTEGER"),
                col("name", "TEXT", "The Pasta House", "The Burger Joint"),
                col("food_type", "TEXT", "Italian", "American"),
                col("city_name", "TEXT", "Los Angeles", "New York"),
                col("rating", "REAL"));
    }

    private static TableInfo geographic() {
        return keyed(
                "geographic",
                "city_name",
                List.of(),
                col("city_name", "TEXT", "Los Angeles", "New York"),
                col("county", "TEXT", "Los Angeles"),
                col("region", "TEXT", "California"));
    }

    /** The conditions of a question's plan over a schema, each as "column OP [values]". */
    private List<String> conditions(String question, SchemaSnapshot schema) {
        return planned(question, schema).filters().stream()
                .map(f -> f.column().column() + " " + f.op() + " " + f.values())
                .toList();
    }

    /** Why a question over a schema is refused (fails the test when it is planned). */
    private String refusal(String question, SchemaSnapshot schema) {
        PlanAttempt attempt = planner.plan(question, schema, null, TODAY);
        assertThat(attempt.plan()).as(question).isNull();
        return attempt.explanationWhenNoPlan();
    }

    /** The plan of a question over a schema (fails the test when there is none). */
    private QueryPlan planned(String question, SchemaSnapshot schema) {
        PlanAttempt attempt = planner.plan(question, schema, null, TODAY);
        assertThat(attempt.plan())
                .as(question + " — " + attempt.explanationWhenNoPlan() + " understood " + attempt.understood() + " not "
                        + attempt.notUnderstood())
                .isNotNull();
        return attempt.plan();
    }

    /** The plan's one measure is the sum of {@code table.column}. */
    private static void assertSumOf(QueryPlan p, String table, String column) {
        assertThat(p.measures()).singleElement().satisfies(m -> {
            assertThat(m.function()).isEqualTo(Aggregate.SUM);
            assertThat(m.column()).isEqualTo(new ColumnRef(table, column));
        });
    }

    /** The plan's one measure is {@code function} (any when null) of a column named {@code column}. */
    private static void assertMeasureOf(QueryPlan p, Aggregate function, String column) {
        assertThat(p.measures()).singleElement().satisfies(m -> {
            if (function != null) {
                assertThat(m.function()).isEqualTo(function);
            }
            assertThat(m.column().column()).isEqualTo(column);
        });
    }

    /** Shortened column names are linked by the words a question writes them with, and as written. */
    @Test
    void shortenedColumnNamesAreLinkedByTheirWords() {
        SchemaSnapshot treatments = sqlite(TestSchemas.table(
                null,
                "treatments",
                null,
                "treatment_id",
                List.of(),
                col("treatment_id", "INTEGER"),
                col("start_dt", "DATE"),
                col("end_dt", "DATE"),
                col("tot_drug_amt", "DECIMAL(10,2)"),
                col("drug_dose", "DECIMAL(10,2)"),
                col("cust_addr", "TEXT", "12 Main St")));
        QueryPlan total = planned("What is the total drug amount of treatments started in 2023?", treatments);
        assertMeasureOf(total, Aggregate.SUM, "tot_drug_amt");
        assertThat(total.filters())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.column().column()).isEqualTo("start_dt"));
        PlanAttempt listed = planner.plan("List the customer address of the treatments", treatments, null, TODAY);
        assertThat(listed.plan().columns())
                .extracting(QueryPlan.ColumnRef::column)
                .contains("cust_addr");
        // as the name writes it
        assertMeasureOf(planned("What is the average tot drug amt?", treatments), null, "tot_drug_amt");
    }

    /** "The closing price": a word in -ing right before a linked word names the column of its verb. */
    @Test
    void anIngFormBeforeALinkedWordNamesTheColumnOfItsVerb() {
        SchemaSnapshot prices = sqlite(TestSchemas.table(
                null,
                "daily_price",
                null,
                "id",
                List.of(),
                col("id", "INTEGER"),
                col("ticker", "TEXT", "AAPL"),
                col("open", "DECIMAL(10,2)"),
                col("close", "DECIMAL(10,2)"),
                col("price_date", "DATE")));
        assertMeasureOf(planned("What is the average closing price of each ticker?", prices), Aggregate.AVG, "close");
        assertMeasureOf(planned("What is the highest opening price?", prices), null, "open");
    }

    /** {@code payments_made} is about payments: "made" in "have made a purchase" is not that table. */
    @Test
    void aTableNamedWithAParticipleIsNamedByTheNounBeforeIt() {
        SchemaSnapshot dealer = sqlite(
                TestSchemas.table(null, "customers", null, "id", List.of(), col("id", "INTEGER"), col("name", "TEXT")),
                TestSchemas.table(
                        null,
                        "sales",
                        null,
                        "id",
                        List.of(TestSchemas.fk("customer_id", "customers", "id")),
                        col("id", "INTEGER"),
                        col("customer_id", "INTEGER"),
                        col("sale_price", "DECIMAL(10,2)")),
                TestSchemas.table(
                        null,
                        "payments_made",
                        null,
                        "payment_id",
                        List.of(),
                        col("payment_id", "INTEGER"),
                        col("payment_amount", "DECIMAL(10,2)")),
                TestSchemas.table(
                        null,
                        "payments_received",
                        null,
                        "payment_id",
                        List.of(),
                        col("payment_id", "INTEGER"),
                        col("payment_method", "TEXT", "cash"),
                        col("payment_amount", "DECIMAL(10,2)")));
        SchemaIndex index = new SchemaIndex(dealer);
        assertThat(index.lookup("payment"))
                .extracting(c -> c.target().table().name())
                .contains("payments_made", "payments_received");
        // with the noun named, the participle tells the two apart
        assertThat(planner.plan("What is the total payment amount received by payment method?", dealer, null, TODAY)
                        .plan()
                        .tables())
                .containsExactly("payments_received");
        assertThat(planner.plan("How many payments were made?", dealer, null, TODAY)
                        .plan()
                        .tables())
                .containsExactly("payments_made");
        PlanAttempt bought = planner.plan(
                "Return the distinct list of customer IDs that have made a purchase, based on joining the customers"
                        + " and sales tables.",
                dealer,
                null,
                TODAY);
        assertThat(bought.plan()).isNotNull();
        assertThat(bought.plan().tables()).doesNotContain("payments_made");
        // the verb of the participle names the table too ("did we receive": payments_received)
        assertThat(planned("What is the total amount of the payments we receive?", dealer)
                        .tables())
                .containsExactly("payments_received");
        assertThat(SchemaIndex.verbOfParticiple("received")).contains("receive");
        assertThat(SchemaIndex.verbOfParticiple("shipped")).contains("ship");
        assertThat(SchemaIndex.verbOfParticiple("paid")).containsExactly("pay");
        assertThat(SchemaIndex.verbOfParticiple("made")).isEmpty();
        assertThat(SchemaIndex.verbOfParticiple("bed")).isEmpty();
    }

    /**
     * "Cars that have never been sold": the participle a negation denies names the table of its noun
     * ({@code sales}), and the cars kept are those no sale refers to. Without a negation "sold" stays
     * the sentence's verb. Over the same sales, "the most revenue" adds the prices up.
     */
    @Test
    void aDeniedParticipleNamesTheTableOfItsNoun() {
        SchemaSnapshot dealer = sqlite(
                TestSchemas.table(
                        null,
                        "cars",
                        null,
                        "id",
                        List.of(),
                        col("id", "INTEGER"),
                        col("make", "TEXT", "Toyota", "Ford"),
                        col("model", "TEXT", "Camry", "Mustang")),
                TestSchemas.table(
                        null,
                        "sales",
                        null,
                        "id",
                        List.of(TestSchemas.fk("car_id", "cars", "id")),
                        col("id", "INTEGER"),
                        col("car_id", "INTEGER"),
                        col("sale_price", "DECIMAL(10,2)")));
        QueryPlan unsold = planned("List the make and model of every car that has never been sold.", dealer);
        assertThat(unsold.joins()).singleElement().satisfies(j -> assertThat(j.type())
                .isEqualTo(JoinType.LEFT));
        assertThat(unsold.filters())
                .extracting(f -> f.column().table() + "." + f.column().column() + " " + f.op())
                .containsExactly("sales.car_id IS_NULL");
        assertThat(unsold.columns()).extracting(ColumnRef::column).contains("make", "model");
        assertThat(planned("How many cars were sold?", dealer).filters()).isEmpty();
        // revenue adds up, though the column it is read from is a price, which averages by default
        QueryPlan revenue = planned("Which make brought in the most revenue?", dealer);
        assertThat(revenue.measures())
                .extracting(m -> m.function() + " " + m.column().column())
                .containsExactly("SUM sale_price");
        assertThat(planned("What is the average revenue per make?", dealer).measures())
                .extracting(m -> m.function() + " " + m.column().column())
                .containsExactly("AVG sale_price");
    }

    /**
     * "Each day (of the week)" where the rows keep no date but the name of a day ({@code checkin.day}
     * holding 'Monday', 'Tuesday'): one group per value of that column. Where a table in play has a
     * date, "each day" stays a day of the calendar.
     */
    @Test
    void eachDayOverAColumnOfDayNamesGroupsByIt() {
        SchemaSnapshot s = sqlite(noKey(
                "checkin",
                List.of(),
                col("cid", "INTEGER"),
                col("count", "INTEGER"),
                col("day", "TEXT", "Monday", "Tuesday", "Friday", "Saturday")));
        for (String q : List.of(
                "Give the total check-in count for each day of the week.",
                "What is the total number of check-ins per day?")) {
            QueryPlan p = planned(q, s);
            assertThat(p.groupBy()).extracting(g -> g.column().column()).as(q).containsExactly("day");
            assertSumOf(p, "checkin", "count");
        }
    }

    /**
     * "Either … or" between two values of one column is the "or" it announces (an IN), not a
     * computation across tables; "either" alone still names something plans cannot do.
     */
    @Test
    void eitherBeforeOrIsTheOr() {
        SchemaSnapshot s = sqlite(noKey(
                "customer",
                List.of(),
                col("customer_id", "INTEGER"),
                col("name", "TEXT"),
                col("status", "TEXT", "active", "inactive", "suspended", "closed")));
        QueryPlan either = planned("How many customers are either inactive or suspended?", s);
        assertThat(either.filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values())
                .containsExactly("status IN [inactive, suspended]");
        assertThat(refusal("Which customers are either?", s)).isNotBlank();
        // words between the "or" and the second value: still one IN
        assertThat(planned("How many customers are inactive or on suspended?", s)
                        .filters())
                .extracting(f -> f.column().column() + " " + f.op() + " " + f.values())
                .containsExactly("status IN [inactive, suspended]");
    }

    /**
     * A column that keeps each row's count ({@code tip.likes}, {@code publication.reference_num}) is
     * named by what it counts, even where that word names nothing alone ("like", "reference"): "the
     * highest number of likes" is its maximum, "the average number of references per publication" its
     * average over the publications (each keeps one), not an aggregate of aggregates; "the most cited"
     * ranks by {@code citation_num} (the verb's noun in -ation). "like" before a value stays a word.
     */
    @Test
    void countColumnsAreNamedByWhatTheyCount() {
        SchemaSnapshot s = sqlite(
                noKey(
                        "publication",
                        List.of(),
                        col("pid", "INTEGER"),
                        col("title", "TEXT"),
                        col("citation_num", "INTEGER"),
                        col("reference_num", "INTEGER")),
                noKey("tip", List.of(), col("tip_id", "INTEGER"), col("text", "TEXT"), col("likes", "INTEGER")));
        assertMeasureOf(planned("What is the highest number of likes on a tip?", s), Aggregate.MAX, "likes");
        assertSumOf(planned("How many likes did tips get in total?", s), "tip", "likes");
        QueryPlan references = planned("What is the average number of references per publication?", s);
        assertMeasureOf(references, Aggregate.AVG, "reference_num");
        assertThat(references.groupBy()).isEmpty();
        assertMeasureOf(planned("What is the maximum number of likes of a tip?", s), Aggregate.MAX, "likes");
        QueryPlan cited = planned("What is the most cited publication?", s);
        assertThat(cited.orderBy()).containsExactly(new Order("publication.citation_num", Direction.DESC));
        assertThat(planned("Which tips have a text like 'great'?", s).tables()).containsExactly("tip");
    }

    /** "For each product … Return the product ID": the listed key names the products; their name is not added. */
    @Test
    void aListedKeyGroupsAloneWhereTheTableWouldBeGroupedByItsLabel() {
        QueryPlan byId =
                plan("What is the total quantity for each product? Return the product ID and the total quantity.")
                        .plan();
        assertThat(byId.groupBy())
                .singleElement()
                .satisfies(d -> assertThat(d.column().column()).isEqualTo("product_id"));
        QueryPlan byName =
                plan("What is the total quantity for each product? Return the product name and the total quantity.")
                        .plan();
        assertThat(byName.groupBy())
                .singleElement()
                .satisfies(d -> assertThat(d.column().column()).isEqualTo("name"));
    }

    private static SchemaSnapshot sqlite(TableInfo... tables) {
        return new SchemaSnapshot(Dialect.SQLITE, "main", List.of(tables), Instant.EPOCH);
    }

    /** A dealer's sales: a key, a price and a date. */
    private static SchemaSnapshot sales() {
        return sqlite(keyed(
                "sales", "id", List.of(), col("id", "INTEGER"), col("sale_price", "REAL"), col("sale_date", "DATE")));
    }

    /** Broker's customers and transactions: every name carries the prefix "sb", each column its table's. */
    private static SchemaSnapshot broker() {
        return sqlite(
                noKey(
                        "sbcustomer",
                        List.of(),
                        col("sbcustid", "TEXT"),
                        col("sbcustname", "TEXT"),
                        col("sbcustcountry", "TEXT"),
                        col("sbcustjoindate", "DATE")),
                noKey(
                        "sbtransaction",
                        List.of(TestSchemas.fk("sbtxcustid", "sbcustomer", "sbcustid")),
                        col("sbtxid", "TEXT"),
                        col("sbtxcustid", "TEXT"),
                        col("sbtxstatus", "TEXT"),
                        col("sbtxdatetime", "TIMESTAMP"),
                        col("sbtxamount", "REAL")));
    }

    /** Courses, the students who took them (through student_record) and the students' programs. */
    private static SchemaSnapshot advising() {
        return sqlite(
                noKey(
                        "course",
                        List.of(),
                        col("course_id", "INTEGER"),
                        col("name", "TEXT", "Intro to CS"),
                        col("department", "TEXT", "Computer Science", "Mathematics")),
                noKey(
                        "student",
                        List.of(TestSchemas.fk("program_id", "program", "program_id")),
                        col("student_id", "INTEGER"),
                        col("lastname", "TEXT"),
                        col("program_id", "INTEGER")),
                noKey(
                        "student_record",
                        List.of(
                                TestSchemas.fk("student_id", "student", "student_id"),
                                TestSchemas.fk("course_id", "course", "course_id")),
                        col("student_id", "INTEGER"),
                        col("course_id", "INTEGER"),
                        col("grade", "TEXT", "A", "B", "C")),
                noKey(
                        "program",
                        List.of(),
                        col("program_id", "INTEGER"),
                        col("name", "TEXT", "Computer Science", "Mathematics")));
    }

    @Test
    void byAfterAParticipleNamesWhoDidItAndIsNoGrouping() {
        QueryPlan p = planner.plan("Which courses have been taken by students?", advising(), null, TODAY)
                .plan();
        assertThat(p.groupBy()).isEmpty();
        assertThat(p.measures()).isEmpty();
        assertThat(p.columns()).containsExactly(new ColumnRef("course", "name"));
    }

    @Test
    void identifiersInThePluralAndTwoWordsThatNameAColumnWrittenTogether() {
        // "IDs" is the plural of "id"; "last names" is the column lastname, not "last" as an order
        QueryPlan p = planner.plan(
                        "Return the student IDs and last names of students in the Computer Science program.",
                        advising(),
                        null,
                        TODAY)
                .plan();
        assertThat(p.columns())
                .containsExactly(new ColumnRef("student", "student_id"), new ColumnRef("student", "lastname"));
        assertThat(p.orderBy()).isEmpty();
        assertThat(p.groupBy()).isEmpty();
        assertThat(QuestionReader.joinGlued("the last names and the last year", new SchemaIndex(advising())))
                .isEqualTo("the lastnames and the last year");
    }

    @Test
    void aValueFollowedByATableNamesThatTablesRow() {
        // "Computer Science" is both a department of courses and a program's name: "program" settles it
        QueryPlan p = planner.plan(
                        "Which courses have been taken by students in the Computer Science program?",
                        advising(),
                        null,
                        TODAY)
                .plan();
        assertThat(p.filters())
                .containsExactly(new Filter(
                        new ColumnRef("program", "name"), FilterOp.EQ, List.of("Computer Science"), ValueType.STRING));
        QueryPlan department = planner.plan(
                        "Which courses are in the Computer Science department?", advising(), null, TODAY)
                .plan();
        assertThat(department.filters())
                .extracting(f -> f.column())
                .containsExactly(new ColumnRef("course", "department"));
    }

    private static TableInfo keyed(String name, String key, List<ForeignKey> fks, ColumnInfo... cols) {
        return table(null, name, null, key, fks, cols);
    }

    /** An airport table without a declared key, as atis has it: a code and a name ({@code names} sampled). */
    private static TableInfo airports(String... names) {
        return noKey("airport", List.of(), col("airport_code", "TEXT"), col("airport_name", "TEXT", names));
    }

    private static TableInfo noKey(String name, List<ForeignKey> fks, ColumnInfo... cols) {
        return new TableInfo(null, name, TableKind.TABLE, null, List.of(cols), List.of(), fks, 100);
    }

    @Test
    void commentsActAsSynonyms() {
        PlanAttempt attempt = plan("How many purchases were made in 2024?");
        assertThat(attempt.plan()).isNotNull();
        assertThat(attempt.plan().tables()).containsExactly("shop.orders");
        assertThat(attempt.confidence()).isLessThan(1.0);
    }

    @Test
    void refusesWhatItCannotLink() {
        PlanAttempt gibberish = plan("asdf qwerty zxcv");
        assertThat(gibberish.plan()).isNull();
        assertThat(gibberish.confidence()).isZero();
        assertThat(gibberish.notUnderstood()).containsExactly("asdf", "qwerty", "zxcv");
        assertThat(gibberish.explanationWhenNoPlan())
                .startsWith("I could not link 'asdf', 'qwerty', 'zxcv' to the schema; try naming a table or column");
        assertRefused("How many unicorns live in the castle?", "'unicorns'");
    }

    @Test
    void aRatioPlansEachSideAsAQuestionOfItsOwn() {
        PlanAttempt attempt = plan("What is the ratio of cancelled to delivered orders?");
        QueryPlan.Ratio ratio = attempt.plan().ratio();
        assertThat(ratio.numerator().filters())
                .extracting(f -> f.column().column() + "=" + f.values())
                .containsExactly("status=[cancelled]");
        assertThat(ratio.denominator().filters())
                .extracting(f -> f.column().column() + "=" + f.values())
                .containsExactly("status=[delivered]");
        assertThat(attempt.plan().measures()).isEmpty();
        assertThat(attempt.plan().summary()).startsWith("Computes the ratio of (the number of orders");
        assertThat(plan("What is the ratio of orders to orders?").plan())
                .as("the same plan on both sides: nothing sets them apart")
                .isNull();
    }

    /** "For each fare" names the fare's rows: two of its columns are divided in every row, not totalled per group. */
    @Test
    void aRatioOfTwoColumnsForEachRowDividesThemRowByRow() {
        SchemaSnapshot fares = sqlite(keyed(
                "fare",
                "fare_id",
                List.of(),
                col("fare_id", "INTEGER"),
                col("fare_basis_code", "TEXT"),
                col("one_direction_cost", "INTEGER"),
                col("round_trip_cost", "INTEGER"),
                col("taxes", "INTEGER")));
        QueryPlan p = planned("What is the ratio of one-way costs to round-trip costs for each fare?", fares);
        assertThat(p.ratio().numerator().columns()).containsExactly(new ColumnRef("fare", "one_direction_cost"));
        assertThat(p.ratio().denominator().columns()).containsExactly(new ColumnRef("fare", "round_trip_cost"));
        assertThat(p.groupBy()).isEmpty();
        assertThat(p.columns())
                .as("each row named by its key: a fare basis code may repeat")
                .containsExactly(new ColumnRef("fare", "fare_id"));
        assertThat(p.summary()).startsWith("Computes for each row, ").contains("the ratio of (one direction cost");
        assertThat(new PlanSqlCompiler().compile(p, Dialect.SQLITE, fares))
                .isEqualTo("SELECT " + p.columns().getFirst().column()
                        + ", 1.0 * one_direction_cost / NULLIF(round_trip_cost, 0) AS ratio\nFROM fare");
        QueryPlan perCode = planned("What is the ratio of taxes to round-trip costs per fare basis code?", fares);
        assertThat(perCode.ratio().numerator().measures())
                .as("a column of the table, not the table: a ratio of totals per group")
                .singleElement()
                .satisfies(m -> assertThat(m.function()).isEqualTo(QueryPlan.Aggregate.SUM));
        assertThat(perCode.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("fare", "fare_basis_code"));
    }

    /**
     * "From JFK to LAX": the value after "from" is where fares start, the one after "to" where they
     * end, not both in one column; "Chicago (ORD)" is the code in brackets, not a city to join.
     */
    @Test
    void fromAndToNameTheColumnsOfEachEnd() {
        SchemaSnapshot travel = sqlite(
                keyed(
                        "city",
                        "city_code",
                        List.of(),
                        col("city_code", "TEXT", "MCHI", "BBOS"),
                        col("city_name", "TEXT", "Chicago", "Boston", "New York")),
                keyed(
                        "fare",
                        "fare_id",
                        List.of(),
                        col("fare_id", "INTEGER"),
                        col("from_airport", "TEXT", "ORD", "JFK", "BOS"),
                        col("to_airport", "TEXT", "ORD", "JFK", "BOS"),
                        col("one_direction_cost", "INTEGER"),
                        col("round_trip_cost", "INTEGER")));
        for (String q : List.of(
                "What is the average round-trip cost of fares from ORD to JFK?",
                "What is the average round-trip cost of fares from Chicago (ORD) to New York (JFK)?")) {
            QueryPlan p = planned(q, travel);
            assertThat(p.tables()).as(q).containsExactly("fare");
            assertThat(p.filters())
                    .as(q)
                    .extracting(f -> f.column().column() + "=" + f.values())
                    .containsExactlyInAnyOrder("from_airport=[ORD]", "to_airport=[JFK]");
        }
        assertSumOf(
                planned("What is the total cost of round-trip fares from ORD to JFK?", travel),
                "fare",
                "round_trip_cost");
        assertSumOf(
                planned("What is the total cost of one-way fares from ORD to JFK?", travel),
                "fare",
                "one_direction_cost");
        assertThat(planned("How many fares go to BOS?", travel).filters())
                .extracting(f -> f.column().column())
                .containsExactly("to_airport");
    }

    /** "More than 100 employees" where nothing holds employees: refused, not compared on some other amount. */
    @Test
    void aNumberOfSomethingNoColumnHoldsIsNotComparedOnAnotherAmount() {
        assertRefused("How many orders have more than 100 employees?", "'more than 100 employees' compares employees");
        for (String q : List.of("How many orders over 100 dollars?", "How many orders over 100?")) {
            assertThat(plan(q).plan()).as(q).isNotNull();
            assertThat(plan(q).plan().filters())
                    .as(q)
                    .extracting(f -> f.column().column() + " " + f.op() + " " + f.values())
                    .containsExactly("total_amount GT [100]");
        }
    }

    @Test
    void refusesComputationsAPlanCannotExpress() {
        for (String q : List.of(
                "What is the percentage of big orders?",
                "How does the average ratio of total amount to quantity vary by customer?",
                "Which customers ordered in 2023 but not in 2024?",
                "How many customers had more than 3 orders?",
                // an increase, a rank asked for as a value, two dates of a row compared, a grouping by day of the week
                "What is the increase in orders for each year?",
                "Return each customer's name, total amount and sales rank",
                "How many orders decreased per month?",
                "Which customer placed the most orders in the same month as they signed up?",
                "How many orders were placed per weekday?",
                "List the orders placed within 10 days after the customer signed up")) {
            PlanAttempt attempt = plan(q);
            assertThat(attempt.plan()).as(q).isNull();
            assertThat(attempt.confidence()).as(q).isLessThan(RuleBasedPlanner.DEFAULT_THRESHOLD);
        }
        // a window back from today is a date phrase, not a span between two dates of a row
        assertPlanned("How many orders were placed within the last 10 days?", "How many orders within 10 days?");
    }

    /** "Rank" as the verb that sorts is read, while a rank asked for as a value is refused (above). */
    @Test
    void rankingStillSorts() {
        for (String q : List.of("Rank the customers by total amount", "Show customers ranked by total amount")) {
            PlanAttempt attempt = plan(q);
            assertThat(attempt.plan()).as(q).isNotNull();
            assertThat(attempt.plan().orderBy()).as(q).isNotEmpty();
        }
    }

    /** "For each country and city": every column of the list is grouped, not only the first. */
    @Test
    void everyColumnListedAfterAGroupingIsGrouped() {
        for (String q : List.of(
                "How many customers are there for each country and city?", "Number of customers by country, city")) {
            QueryPlan p = plan(q).plan();
            assertThat(p).as(q).isNotNull();
            assertThat(p.groupBy()).as(q).extracting(g -> g.column().column()).containsExactly("country", "city");
        }
        // an amount after "and" is another measure, not a grouping
        QueryPlan amounts =
                plan("Total amount per status and the average total amount").plan();
        assertThat(amounts.groupBy()).extracting(g -> g.column().column()).containsExactly("status");
    }

    /**
     * "For each reviewer" where nothing holds reviewers: refused, not grouped by the next column the
     * question names. Time words, units and linked words after "each" still group.
     */
    @Test
    void aGroupingByWhatNoColumnHoldsIsRefused() {
        assertRefused(
                "How many orders has each reviewer placed in the city of Berlin?",
                "'each reviewer' groups by reviewer");
        for (String q : List.of(
                "How many orders for each of the customers?",
                "Total amount per month",
                "Number of orders per status",
                "Number of orders per shipping status")) {
            assertThat(plan(q).plan()).as(q).isNotNull();
            assertThat(plan(q).plan().groupBy()).as(q).hasSize(1);
        }
    }

    /**
     * "Customers who have wifi" where nothing holds wifi: refused, not answered without the
     * restriction. "Have" before a participle is a tense, and what is linked still restricts.
     */
    @Test
    void aRestrictionByWhatNoColumnHoldsIsRefused() {
        assertRefused("How many customers in each city have wifi?", "'have wifi' restricts by wifi");
        assertPlanned(
                "How many customers have placed orders?",
                "List customers with their email",
                "How many orders have a total amount above 100?",
                "How many orders with respect to status?");
    }

    /** "The customer with ID 3", "customer id 3": one row named by its key, a filter on the key. */
    @Test
    void aRowNamedByItsIdIsAFilterOnTheKey() {
        for (String q : List.of(
                "How many orders for the customer with ID 3?",
                "How many orders for customer ID 3?",
                "Total amount per status for customer id 3")) {
            QueryPlan p = plan(q).plan();
            assertThat(p).as(q).isNotNull();
            assertThat(p.filters())
                    .as(q)
                    .extracting(f -> f.column() + " " + f.op() + " " + f.values() + " " + f.valueType())
                    .containsExactly("shop.customers.customer_id EQ [3] NUMBER");
        }
        // a number that is no id is not a key
        assertThat(plan("How many orders for the top 3 customers?").plan().filters())
                .isEmpty();
        // only a whole number is a key value: text after it stays text, never part of the filter
        for (String hostile : List.of(
                "How many orders for the customer with ID 3 OR 1=1?",
                "How many orders for the customer with ID 3'; DROP TABLE orders; --")) {
            PlanAttempt attempt = plan(hostile);
            if (attempt.plan() != null) {
                assertThat(attempt.plan().filters().stream()
                                .flatMap(f -> f.anyOf().isEmpty() ? Stream.of(f) : f.anyOf().stream())
                                .toList())
                        .as(hostile)
                        .filteredOn(f -> f.column().column().equals("customer_id"))
                        .allSatisfy(f -> assertThat(f.values()).containsExactly("3"));
            }
        }
    }

    /** A share's words are read as the data they are: hostile text never becomes SQL of its own. */
    @Test
    void aSharesHostileWordsStayData() {
        for (String hostile : List.of(
                "What percentage of orders were cancelled'); DROP TABLE orders; --",
                "What percentage of orders with status 'x'' OR 1=1 --' were delivered?")) {
            PlanAttempt attempt = plan(hostile);
            if (attempt.plan() != null) {
                String sql = new PlanSqlCompiler().compile(attempt.plan(), Dialect.POSTGRESQL, shop);
                assertThat(sql).as(hostile).doesNotContainIgnoringCase("drop").doesNotContain("1=1");
            }
        }
    }

    /** "The highest price for each category": the extreme of each group, not the rows ranked by it. */
    @Test
    void theHighestValueForEachGroupIsItsMaximum() {
        QueryPlan p = plan("What is the highest price for each category, ordered by the price from highest to lowest?")
                .plan();
        assertThat(p).isNotNull();
        assertThat(p.groupBy()).extracting(g -> g.column().column()).containsExactly("category");
        assertThat(p.measures())
                .extracting(m -> m.function() + " " + m.column().column())
                .containsExactly("MAX price");
        assertThat(p.limit()).isNull();
        assertThat(p.orderBy()).hasSize(1);
    }

    @Test
    void theThresholdIsConfigurable() {
        assertThat(new RuleBasedPlanner(0.99)
                        .plan("How many purchases were made in 2024?", shop, null, TODAY)
                        .plan())
                .isNull();
    }

    @Test
    void tablesThatNoForeignKeyJoinsAreNotGuessed() {
        SchemaSnapshot islands = new SchemaSnapshot(
                Dialect.DUCKDB,
                "main",
                List.of(
                        keyed("orders", "order_id", List.of(), col("order_id", "INTEGER"), col("total", "DOUBLE")),
                        keyed(
                                "warehouses",
                                "warehouse_id",
                                List.of(),
                                col("warehouse_id", "INTEGER"),
                                col("city", "VARCHAR", "Hamburg", "Leipzig"))),
                Instant.EPOCH);
        PlanAttempt attempt = planner.plan("Total of orders per warehouse city", islands, null, TODAY);
        assertThat(attempt.plan()).isNull();
        assertThat(attempt.explanationWhenNoPlan())
                .contains("warehouses and orders")
                .contains("declares no relationships (foreign keys)")
                .contains("An administrator can add or confirm the relationship")
                .doesNotContain("fewer tables");
        SchemaSnapshot someKeys = new SchemaSnapshot(
                Dialect.DUCKDB,
                "main",
                List.of(
                        islands.tables().get(0),
                        islands.tables().get(1),
                        keyed(
                                "shipments",
                                "shipment_id",
                                List.of(TestSchemas.fk("order_id", "orders", "order_id")),
                                col("shipment_id", "INTEGER"),
                                col("order_id", "INTEGER"))),
                Instant.EPOCH);
        assertThat(planner.plan("Total of orders per warehouse city", someKeys, null, TODAY)
                        .explanationWhenNoPlan())
                .contains("the schema has no relationship (foreign key) that links warehouses and orders")
                .doesNotContain("declares no relationships");
    }

    /**
     * Two tables no relationship joins, where one names the other in columns ("flight.from_airport",
     * "flight.to_airport"): the refusal says so — which column is meant is what is missing, not a
     * relationship in general.
     */
    @Test
    void aRefusalNamesTheColumnsThatNameTheOtherTable() {
        SchemaSnapshot atis = sqlite(
                airports(),
                keyed(
                        "flight",
                        "flight_id",
                        List.of(),
                        col("flight_id", "INTEGER"),
                        col("from_airport", "TEXT"),
                        col("to_airport", "TEXT"),
                        col("departure_time", "INTEGER")));
        PlanAttempt attempt =
                planner.plan("What is the average departure time of flights for each airport name?", atis, null, TODAY);
        assertThat(attempt.plan()).isNull();
        assertThat(attempt.explanationWhenNoPlan())
                .contains("flight names airport in from_airport and to_airport")
                .contains("which of them the question means")
                .contains("An administrator can add the relationship meant");
    }

    @Test
    void multiSchemaSourcesFollowTheDomainWords() {
        SchemaSnapshot warehouse = new OfflineFixtures().snapshot(Dialect.DUCKDB);
        QueryPlan invoices = planned("How many invoices are overdue?", warehouse);
        assertThat(invoices.tables()).containsExactly("finance.invoices");
        QueryPlan industry = planned("Average account balance per industry", warehouse);
        assertThat(industry.tables()).containsExactly("finance.accounts", "finance.customers");
        PlanAttempt customers = planner.plan("Number of customers per country", warehouse, null, TODAY);
        assertThat(customers.plan().tables()).containsExactly("ecommerce.customers");
        assertThat(customers.confidence()).as("two schemas have customers").isLessThan(1.0);
    }

    @Test
    void followUpsRefineThePreviousPlan() {
        QueryPlan monthly = plan("How many orders per month in 2024?").plan();
        QueryPlan delivered =
                planner.plan("now only delivered ones", shop, monthly, TODAY).plan();
        assertThat(delivered.groupBy()).isEqualTo(monthly.groupBy());
        assertThat(delivered.filters()).hasSize(3);
        QueryPlan lastYear =
                planner.plan("what about 2023?", shop, delivered, TODAY).plan();
        assertThat(lastYear.filters())
                .contains(new Filter(ORDER_DATE, FilterOp.GTE, List.of("2023-01-01"), ValueType.DATE))
                .doesNotContain(new Filter(ORDER_DATE, FilterOp.GTE, List.of("2024-01-01"), ValueType.DATE))
                .hasSize(3);
        QueryPlan byStatus =
                planner.plan("by status instead", shop, lastYear, TODAY).plan();
        assertThat(byStatus.groupBy())
                .containsExactly(new Dimension(new ColumnRef("shop.orders", "status"), null, "status"));
        QueryPlan average =
                planner.plan("and the average?", shop, byStatus, TODAY).plan();
        assertThat(average.measures()).extracting(Measure::function).containsExactly(Aggregate.COUNT, Aggregate.AVG);
        QueryPlan top = planner.plan("top 2 only", shop, average, TODAY).plan();
        assertThat(top.limit()).isEqualTo(2);
        assertThat(top.orderBy()).first().extracting(Order::direction).isEqualTo(Direction.DESC);
        QueryPlan ascending = planner.plan("sort ascending", shop, top, TODAY).plan();
        assertThat(ascending.orderBy()).allMatch(o -> o.direction() == Direction.ASC);
    }

    @Test
    void aCompleteQuestionAfterAnotherStartsOver() {
        QueryPlan monthly = plan("How many orders per month in 2024?").plan();
        QueryPlan customers = planner.plan("How many customers are there?", shop, monthly, TODAY)
                .plan();
        assertThat(customers.tables()).containsExactly("shop.customers");
        assertThat(customers.filters()).isEmpty();
        assertThat(customers.groupBy()).isEmpty();
    }

    @Test
    void pascalCaseSchemasLinkByTheirWords() {
        SchemaSnapshot music = new SchemaSnapshot(
                Dialect.POSTGRESQL,
                "public",
                List.of(
                        keyed("Album", "AlbumId", List.of(), col("AlbumId", "integer"), col("Title", "varchar")),
                        keyed(
                                "Genre",
                                "GenreId",
                                List.of(),
                                col("GenreId", "integer"),
                                col("Name", "varchar", "Rock", "Jazz")),
                        keyed(
                                "Track",
                                "TrackId",
                                List.of(
                                        TestSchemas.fk("AlbumId", "Album", "AlbumId"),
                                        TestSchemas.fk("GenreId", "Genre", "GenreId")),
                                col("TrackId", "integer"),
                                col("Name", "varchar"),
                                col("AlbumId", "integer"),
                                col("GenreId", "integer"),
                                col("Milliseconds", "integer")),
                        keyed(
                                "Customer",
                                "CustomerId",
                                List.of(),
                                col("CustomerId", "integer"),
                                col("FirstName", "varchar"),
                                col("LastName", "varchar")),
                        keyed(
                                "Invoice",
                                "InvoiceId",
                                List.of(TestSchemas.fk("CustomerId", "Customer", "CustomerId")),
                                col("InvoiceId", "integer"),
                                col("CustomerId", "integer"),
                                col("InvoiceDate", "timestamp"),
                                col("Total", "numeric"))),
                Instant.EPOCH);
        QueryPlan length = planned("Average track length by genre", music);
        assertThat(length.measures())
                .containsExactly(
                        new Measure(Aggregate.AVG, new ColumnRef("Track", "Milliseconds"), "avg_milliseconds"));
        assertThat(length.groupBy()).extracting(Dimension::column).containsExactly(new ColumnRef("Genre", "Name"));
        QueryPlan spenders = planned("Top 3 customers by total spent", music);
        assertThat(spenders.groupBy())
                .extracting(Dimension::column)
                .containsExactly(new ColumnRef("Customer", "FirstName"), new ColumnRef("Customer", "LastName"));
        QueryPlan album = planned("List the tracks of the album Let There Be Rock", music);
        assertThat(album.filters())
                .containsExactly(new Filter(
                        new ColumnRef("Album", "Title"), FilterOp.EQ, List.of("Let There Be Rock"), ValueType.STRING));
        assertThat(new PlanSqlCompiler().compile(album, Dialect.POSTGRESQL, music))
                .contains("FROM \"Track\" t\nJOIN \"Album\" a ON t.\"AlbumId\" = a.\"AlbumId\"");
    }

    @Test
    void plansOverVanishedTablesAreNotRefined() {
        QueryPlan stale = new QueryPlan(List.of("shop.returns"), null, null, null, null, null, null, null, false, "");
        PlanAttempt attempt = planner.plan("only delivered ones", shop, stale, TODAY);
        assertThat(attempt.plan()).isNotNull();
        assertThat(attempt.plan().tables()).containsExactly("shop.orders");
    }
}
