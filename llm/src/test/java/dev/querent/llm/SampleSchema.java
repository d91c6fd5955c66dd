package dev.querent.llm;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.time.Instant;
import java.util.List;

/** A small shop schema with the awkward cases rendering has to handle. */
final class SampleSchema {
    private SampleSchema() {}

    static TableInfo customers() {
        return new TableInfo(
                "public",
                "customers",
                TableKind.TABLE,
                "Everyone who ever ordered",
                List.of(
                        new ColumnInfo("customer_id", "INTEGER", false, "Customer ID", List.of("1", "2")),
                        new ColumnInfo("name", "TEXT", false, "Full name", List.of("Ada O'Neil", "Bo")),
                        new ColumnInfo(
                                "country",
                                "VARCHAR(64)",
                                true,
                                null,
                                List.of("France", "Japan", "Peru", "France", "Chad", "Fiji", "Oman", "Togo")),
                        new ColumnInfo(
                                "bio",
                                "TEXT",
                                true,
                                "Free text\nabout them",
                                List.of("A very long biography that certainly exceeds forty characters")),
                        new ColumnInfo("order", "INTEGER", true, null, List.of())),
                List.of("customer_id"),
                List.of(),
                1000);
    }

    static TableInfo orders() {
        return new TableInfo(
                "public",
                "orders",
                TableKind.TABLE,
                null,
                List.of(
                        new ColumnInfo("order_id", "BIGINT", false, null, List.of()),
                        new ColumnInfo("customer_id", "INTEGER", false, null, List.of()),
                        new ColumnInfo("Order Date", "DATE", true, "when it was placed", List.of("2024-01-31")),
                        new ColumnInfo("amount", "DECIMAL(10,2)", true, null, List.of("19.99", "5"))),
                List.of("order_id"),
                List.of(new ForeignKey(List.of("customer_id"), "public", "customers", List.of("customer_id"))),
                -1);
    }

    static TableInfo targets() {
        return new TableInfo(
                "sales",
                "Targets",
                TableKind.VIEW,
                null,
                List.of(new ColumnInfo("year", "INTEGER", false, "Year", List.of())),
                List.of(),
                List.of(),
                -1);
    }

    static SchemaSnapshot snapshot(Dialect dialect) {
        return new SchemaSnapshot(dialect, "public", List.of(customers(), orders(), targets()), Instant.EPOCH);
    }
}
