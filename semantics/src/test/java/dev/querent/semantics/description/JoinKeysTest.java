package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinKeysTest {
    private static TableInfo table(String name, List<String> pk, List<ForeignKey> fks, String... columns) {
        List<ColumnInfo> cols = Arrays.stream(columns)
                .map(c -> new ColumnInfo(c, "integer", true, null, List.of()))
                .toList();
        return new TableInfo(null, name, TableKind.TABLE, null, cols, pk, fks, -1);
    }

    private static final TableInfo CUSTOMERS = table("customers", List.of("id"), List.of(), "id", "region_id");
    private static final TableInfo ORDERS = table(
            "orders",
            List.of("id"),
            List.of(new ForeignKey(List.of("buyer"), null, "customers", List.of("id"))),
            "id",
            "customer_id",
            "buyer");
    private static final TableInfo AIRPORT = table("airport", List.of(), List.of(), "airport_code", "city");
    private static final TableInfo FLIGHT = table("flight", List.of(), List.of(), "flight_id", "from_airport", "stops");

    @Test
    void aKeyAndItsReferenceArePlausible() {
        assertThat(JoinKeys.plausible(ORDERS, "customer_id", CUSTOMERS, "id"))
                .as("named reference")
                .isTrue();
        assertThat(JoinKeys.plausible(ORDERS, "buyer", CUSTOMERS, "id"))
                .as("declared")
                .isTrue();
        assertThat(JoinKeys.plausible(FLIGHT, "from_airport", AIRPORT, "airport_code"))
                .as("ends with the table")
                .isTrue();
        assertThat(JoinKeys.plausible(ORDERS, "id", ORDERS, "id"))
                .as("same name")
                .isTrue();
    }

    @Test
    void unrelatedColumnsAreNot() {
        assertThat(JoinKeys.plausible(ORDERS, "customer_id", CUSTOMERS, "region_id"))
                .isFalse();
        assertThat(JoinKeys.plausible(FLIGHT, "stops", AIRPORT, "airport_code")).isFalse();
    }
}
