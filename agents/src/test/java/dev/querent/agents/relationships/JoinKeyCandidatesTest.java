package dev.querent.agents.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinKeyCandidatesTest {

    static TableInfo table(String name, String... columns) {
        return table(name, List.of(), List.of(), columns);
    }

    /** {@code columns} as {@code name:TYPE} (type INTEGER when omitted). */
    static TableInfo table(String name, List<String> pk, List<ForeignKey> fks, String... columns) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (String c : columns) {
            String[] parts = c.split(":");
            cols.add(new ColumnInfo(parts[0], parts.length > 1 ? parts[1] : "INTEGER", true, null, List.of()));
        }
        return new TableInfo("main", name, TableKind.TABLE, null, cols, pk, fks, -1);
    }

    static SchemaSnapshot schema(TableInfo... tables) {
        return new SchemaSnapshot(Dialect.SQLITE, "main", List.of(tables), Instant.EPOCH);
    }

    private static List<String> candidates(TableInfo... tables) {
        return JoinKeyCandidates.of(schema(tables)).stream()
                .map(c -> c.from().name() + "." + c.fromColumn().name() + "->" + c.to().name() + "."
                        + c.toColumn().name() + " " + c.rule())
                .toList();
    }

    @Test
    void sharedKeyNamesPairBothWaysAndTheTableNamedByTheColumnComesFirst() {
        assertThat(candidates(
                        table("customers", "customer_id", "name:TEXT"),
                        table("orders", "order_id", "customer_id", "name:TEXT")))
                .containsExactlyInAnyOrder(
                        "orders.customer_id->customers.customer_id TABLE_KEY",
                        "customers.customer_id->orders.customer_id SAME_NAME");
    }

    @Test
    void bareIdNameOrCodeNeverPair() {
        assertThat(candidates(
                        table("category", "id", "name:TEXT", "code:TEXT"),
                        table("neighbourhood", "id", "name:TEXT", "code:TEXT")))
                .isEmpty();
    }

    @Test
    void sharedNameColumnsAndCodesPair() {
        assertThat(candidates(table("state", "state_name:TEXT"), table("city", "city_name:TEXT", "state_name:TEXT")))
                .contains("city.state_name->state.state_name SAME_NAME");
        assertThat(candidates(table("airport", "airport_code:TEXT"), table("flight", "airport_code:VARCHAR(3)")))
                .contains("flight.airport_code->airport.airport_code SAME_NAME");
    }

    @Test
    void abbreviatedAndConcatenatedIdsPair() {
        assertThat(candidates(table("author", "aid", "name:TEXT"), table("writes", "aid", "pid")))
                .contains("writes.aid->author.aid SAME_NAME");
        assertThat(candidates(table("paper", "paperid"), table("writes", "paperid", "authorid")))
                .contains("writes.paperid->paper.paperid TABLE_KEY");
    }

    @Test
    void tableNamePlusIdPointsAtThatTablesKey() {
        assertThat(candidates(table("restaurant", "id", "name:TEXT"), table("location", "restaurant_id")))
                .containsExactly("location.restaurant_id->restaurant.id TABLE_KEY");
        assertThat(candidates(table("course", "course_id"), table("course_prerequisite", "pre_course_id")))
                .containsExactly("course_prerequisite.pre_course_id->course.course_id TABLE_KEY");
        assertThat(candidates(table("paper", "paperid"), table("cite", "citingpaperid", "citedpaperid")))
                .containsExactlyInAnyOrder(
                        "cite.citingpaperid->paper.paperid TABLE_KEY", "cite.citedpaperid->paper.paperid TABLE_KEY");
        // plural table names, declared primary keys
        assertThat(candidates(
                        table("categories", List.of("cat_key"), List.of(), "cat_key"),
                        table("products", "category_id")))
                .containsExactly("products.category_id->categories.cat_key TABLE_KEY");
        // a column named as the table alone: course_offering.semester holds semester ids
        assertThat(candidates(table("semester", "semester_id", "semester:TEXT"), table("course_offering", "semester")))
                .containsExactly("course_offering.semester->semester.semester_id TABLE_KEY");
        // short or several-word names are not read as a table's name
        assertThat(candidates(table("day", "day_id"), table("flight", "day"))).isEmpty();
    }

    @Test
    void aColumnNamedForTheRoleOfAnotherTablesRowPointsAtTheColumnsThatTableOwns() {
        // fare.fare_airline holds airline codes; which of the airline's own columns is for the data to say
        assertThat(candidates(
                        table("airline", "airline_code:TEXT", "airline_name:TEXT", "note:TEXT"),
                        table("fare", "fare_id", "fare_airline:TEXT", "round_trip_cost")))
                .containsExactlyInAnyOrder(
                        "fare.fare_airline->airline.airline_code ROLE_KEY",
                        "fare.fare_airline->airline.airline_name ROLE_KEY");
        // a declared or conventional key is the one target
        assertThat(candidates(
                        table("airport", "id:TEXT", "name:TEXT"),
                        table("flight_stop", "flight_id", "stop_airport:TEXT")))
                .containsExactly("flight_stop.stop_airport->airport.id ROLE_KEY");
        // numbers (a price, a count) fall among numeric keys by chance; a plural names a set, not a row's role
        assertThat(candidates(table("fare", "fare_id", "note:TEXT"), table("ground_service", "ground_fare")))
                .isEmpty();
        assertThat(candidates(table("student", "student_id:TEXT"), table("course_tags", "cares_for_students:TEXT")))
                .isEmpty();
        // two roles of one table (departure and arrival): a name cannot say which a question means
        assertThat(candidates(
                        table("airport", "airport_code:TEXT", "airport_name:TEXT"),
                        table("flight", "flight_id", "from_airport:TEXT", "to_airport:TEXT")))
                .isEmpty();
        // a name ending in a key word or "id" is another rule's; the table's own name never points home
        assertThat(candidates(
                        table("airport", "airport_code:TEXT"), table("flight", "airline_flight", "airport_code:TEXT")))
                .containsExactlyInAnyOrder(
                        "flight.airport_code->airport.airport_code SAME_NAME",
                        "airport.airport_code->flight.airport_code SAME_NAME");
        // numbers never pair with text
        assertThat(candidates(table("airline", "airline_code:TEXT"), table("fare", "fare_airline:INTEGER")))
                .isEmpty();
    }

    @Test
    void inASchemaWhoseNamesAllCarryOnePrefixAColumnWithoutItsTablesPrefixIsAnotherTablesKey() {
        TableInfo customer = table(
                "sbcustomer",
                List.of("sbcustid"),
                List.of(),
                "sbcustid:VARCHAR(20)",
                "sbcustname:TEXT",
                "sbcustcountry:TEXT");
        TableInfo ticker =
                table("sbticker", List.of("sbtickerid"), List.of(), "sbtickerid:VARCHAR(20)", "sbtickersymbol:TEXT");
        TableInfo transaction = table(
                "sbtransaction",
                List.of("sbtxid"),
                List.of(),
                "sbtxid:VARCHAR(50)",
                "sbtxcustid:VARCHAR(20)",
                "sbtxtickerid:VARCHAR(20)",
                "sbtxamount:NUMERIC");
        assertThat(candidates(customer, ticker, transaction))
                .containsExactlyInAnyOrder(
                        "sbtransaction.sbtxcustid->sbcustomer.sbcustid PREFIXED_KEY",
                        "sbtransaction.sbtxtickerid->sbticker.sbtickerid PREFIXED_KEY");
        // without a prefix on every name, the same endings pair nothing
        assertThat(candidates(
                        table("customer", List.of("custid"), List.of(), "custid:VARCHAR(20)", "name:TEXT"),
                        table("trade", List.of("tradeid"), List.of(), "tradeid:VARCHAR(20)", "txcustid:VARCHAR(20)")))
                .isEmpty();
    }

    @Test
    void incompatibleTypesNeverPair() {
        assertThat(candidates(table("customers", "customer_id:TEXT"), table("orders", "customer_id:BIGINT")))
                .isEmpty();
        assertThat(candidates(table("a", "flag_id:BOOLEAN"), table("b", "flag_id:BOOLEAN")))
                .isEmpty();
        assertThat(candidates(table("a", "event_code:TIMESTAMP"), table("b", "event_code:TIMESTAMP")))
                .isEmpty();
    }

    @Test
    void declaredForeignKeysAreNotProposedAgain() {
        TableInfo customers = table("customers", "customer_id");
        TableInfo orders = table(
                "orders",
                List.of(),
                List.of(new ForeignKey(List.of("customer_id"), "main", "customers", List.of("customer_id"))),
                "customer_id");
        assertThat(candidates(customers, orders)).isEmpty();
    }

    @Test
    void columnsThatAlreadyReferenceSomethingArePassedOver() {
        TableInfo customers = table("customers", "customer_id");
        ForeignKey toCustomers = new ForeignKey(List.of("customer_id"), "main", "customers", List.of("customer_id"));
        TableInfo orders = table("orders", List.of(), List.of(toCustomers), "customer_id");
        TableInfo reviews = table("reviews", List.of(), List.of(toCustomers), "customer_id");
        TableInfo visits = table("visits", "customer_id");

        assertThat(candidates(customers, orders, reviews, visits))
                .containsExactlyInAnyOrder(
                        "visits.customer_id->customers.customer_id TABLE_KEY",
                        "customers.customer_id->visits.customer_id SAME_NAME");
    }

    @Test
    void viewsAndOtherSchemasAreLeftAlone() {
        TableInfo view = new TableInfo(
                "main",
                "orders_v",
                TableKind.VIEW,
                null,
                List.of(new ColumnInfo("customer_id", "INTEGER", true, null, List.of())),
                List.of(),
                List.of(),
                -1);
        TableInfo elsewhere = new TableInfo(
                "other",
                "orders",
                TableKind.TABLE,
                null,
                List.of(new ColumnInfo("customer_id", "INTEGER", true, null, List.of())),
                List.of(),
                List.of(),
                -1);
        assertThat(candidates(table("customers", "customer_id"), view, elsewhere))
                .isEmpty();
    }

    @Test
    void aNameSharedByManyTablesOnlyPairsWithItsOwner() {
        List<TableInfo> tables = new ArrayList<>();
        tables.add(table("tenant", "tenant_id"));
        for (int i = 0; i < JoinKeyCandidates.MAX_SHARED_BY + 5; i++) {
            tables.add(table("t" + i, "tenant_id"));
        }
        List<JoinKeyCandidates.Candidate> found = JoinKeyCandidates.of(schema(tables.toArray(TableInfo[]::new)));
        assertThat(found).hasSize(JoinKeyCandidates.MAX_SHARED_BY + 5);
        assertThat(found).allMatch(c -> c.to().name().equals("tenant"));
    }

    @Test
    void ownershipByNameInitialsOrPrimaryKey() {
        assertThat(JoinKeyCandidates.ownsName(table("author", "aid"), "aid")).isTrue();
        assertThat(JoinKeyCandidates.ownsName(table("domain_author", "aid"), "aid"))
                .isFalse();
        assertThat(JoinKeyCandidates.ownsName(table("users", "user_id"), "user_id"))
                .isTrue();
        assertThat(JoinKeyCandidates.ownsName(table("state", "state_name:TEXT"), "state_name"))
                .isTrue();
        assertThat(JoinKeyCandidates.ownsName(table("highlow", "state_name:TEXT"), "state_name"))
                .isFalse();
        assertThat(JoinKeyCandidates.ownsName(table("x", List.of("k"), List.of(), "k"), "k"))
                .isTrue();
    }
}
