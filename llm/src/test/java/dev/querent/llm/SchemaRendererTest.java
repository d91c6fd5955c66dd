package dev.querent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.TableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaRendererTest {
    private final SchemaRenderer renderer = new SchemaRenderer();

    @Test
    void rendersArcticStyleCreateTable() {
        String ddl = renderer.renderTable(Dialect.SQLITE, "public", SampleSchema.customers());

        assertThat(ddl)
                .isEqualTo(
                        """
                        -- Everyone who ever ordered
                        CREATE TABLE customers (
                          customer_id INTEGER, -- example: [1, 2]
                          name TEXT, -- Full name, example: ['Ada O''Neil', 'Bo']
                          country VARCHAR(64), -- example: ['France', 'Japan', 'Peru', 'Chad', 'Fiji', 'Oman']
                          bio TEXT, -- Free text about them, example: ['A very long biography that certainly exc...']
                          `order` INTEGER,
                          PRIMARY KEY (customer_id)
                        );""");
    }

    @Test
    void rendersForeignKeysAndQuotesForTheDialect() {
        String sqlite = renderer.renderTable(Dialect.SQLITE, "public", SampleSchema.orders());
        String postgres = renderer.renderTable(Dialect.POSTGRESQL, "public", SampleSchema.orders());

        assertThat(sqlite)
                .isEqualTo(
                        """
                        CREATE TABLE orders (
                          order_id BIGINT,
                          customer_id INTEGER,
                          `Order Date` DATE, -- when it was placed, example: ['2024-01-31']
                          amount DECIMAL(10,2), -- example: [19.99, 5]
                          PRIMARY KEY (order_id),
                          CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers (customer_id)
                        );""");
        assertThat(postgres).contains("  \"Order Date\" DATE,");
    }

    @Test
    void marksInferredForeignKeysAndLeavesDeclaredOnesBare() {
        TableInfo declared = SampleSchema.orders();
        TableInfo inferred = new TableInfo(
                declared.schema(),
                declared.name(),
                declared.kind(),
                declared.comment(),
                declared.columns(),
                declared.primaryKey(),
                List.of(
                        declared.foreignKeys().getFirst(),
                        new ForeignKey(List.of("order_id"), "public", "shipments", List.of("order_id"), true)),
                declared.rowEstimate());

        String ddl = renderer.renderTable(Dialect.SQLITE, "public", inferred);

        assertThat(ddl)
                .contains("  CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers"
                        + " (customer_id),\n")
                .contains("  CONSTRAINT fk_orders_order_id FOREIGN KEY (order_id) REFERENCES shipments (order_id)"
                        + " -- inferred\n");
    }

    @Test
    void qualifiesTablesOutsideTheDefaultSchemaAndMarksViews() {
        String ddl = renderer.renderTable(Dialect.POSTGRESQL, "public", SampleSchema.targets());

        assertThat(ddl).isEqualTo("-- view\nCREATE TABLE sales.\"Targets\" (\n  year INTEGER\n);");
    }

    @Test
    void quotesOnlyWhatTheEngineNeeds() {
        assertThat(SchemaRenderer.quote(Dialect.MYSQL, "group")).isEqualTo("`group`");
        assertThat(SchemaRenderer.quote(Dialect.MYSQL, "CamelCase")).isEqualTo("CamelCase");
        assertThat(SchemaRenderer.quote(Dialect.POSTGRESQL, "CamelCase")).isEqualTo("\"CamelCase\"");
        assertThat(SchemaRenderer.quote(Dialect.SNOWFLAKE, "ORDERS")).isEqualTo("ORDERS");
        assertThat(SchemaRenderer.quote(Dialect.SNOWFLAKE, "orders")).isEqualTo("\"orders\"");
        assertThat(SchemaRenderer.quote(Dialect.DUCKDB, "has\"quote")).isEqualTo("\"has\"\"quote\"");
        assertThat(SchemaRenderer.quote(Dialect.BIGQUERY, "my-table")).isEqualTo("`my-table`");
        assertThat(SchemaRenderer.quote(Dialect.SQLITE, "plain_name_2")).isEqualTo("plain_name_2");
    }

    @Test
    void rendersASubsetSeparatedByBlankLines() {
        String ddl = renderer.render(
                SampleSchema.snapshot(Dialect.SQLITE), List.of(SampleSchema.orders(), SampleSchema.customers()));

        assertThat(ddl)
                .startsWith("CREATE TABLE orders (")
                .contains(");\n\n-- Everyone who ever ordered\nCREATE TABLE customers (");
        assertThat(ddl).doesNotContain("Targets");
    }

    @Test
    void sampleLimitsAreConfigurable() {
        String ddl = new SchemaRenderer(2, 5).renderTable(Dialect.SQLITE, "public", SampleSchema.customers());

        assertThat(ddl).contains("country VARCHAR(64), -- example: ['Franc...', 'Japan']");
    }
}
