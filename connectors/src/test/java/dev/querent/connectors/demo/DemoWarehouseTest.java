package dev.querent.connectors.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.core.Dialect;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWarehouseTest {
    @TempDir
    static Path dir;

    private static DuckDbConnector first;
    private static DuckDbConnector second;
    private static SchemaSnapshot schema;

    @BeforeAll
    static void generateTwice() {
        DemoWarehouse.generate(dir.resolve("first.duckdb"));
        DemoWarehouse.generate(dir.resolve("second.duckdb"));
        first = new DuckDbConnector(dir.resolve("first.duckdb"));
        second = new DuckDbConnector(dir.resolve("second.duckdb"));
        schema = first.getSchema();
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    @Test
    void hasFiveDomainsOfFiveCommentedTablesWithKeys() {
        Map<String, List<String>> tables = schema.tables().stream()
                .collect(Collectors.groupingBy(
                        TableInfo::schema, Collectors.mapping(TableInfo::name, Collectors.toList())));

        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(DemoWarehouse.DOMAINS);
        assertThat(tables.get("ecommerce"))
                .containsExactlyInAnyOrder("customers", "products", "orders", "order_items", "reviews");
        assertThat(tables.get("finance"))
                .containsExactlyInAnyOrder("customers", "accounts", "transactions", "loans", "credit_cards");
        assertThat(tables.get("healthcare"))
                .containsExactlyInAnyOrder("patients", "doctors", "departments", "appointments", "prescriptions");
        assertThat(tables.get("saas"))
                .containsExactlyInAnyOrder("organizations", "users", "plans", "subscriptions", "features");
        assertThat(tables.get("retail"))
                .containsExactlyInAnyOrder("stores", "employees", "products", "inventory", "sales");
        assertThat(schema.tables()).allSatisfy(t -> {
            assertThat(t.kind()).isEqualTo(TableKind.TABLE);
            assertThat(t.comment()).as(t.qualifiedName()).isNotBlank();
            assertThat(t.primaryKey()).as(t.qualifiedName()).isNotEmpty();
            assertThat(t.rowEstimate()).as(t.qualifiedName()).isPositive();
        });
        assertThat(schema.table("retail", "inventory").orElseThrow().primaryKey())
                .containsExactly("store_id", "product_id");
        assertThat(schema.tables().stream()
                        .mapToLong(t -> t.foreignKeys().size())
                        .sum())
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void keyColumnsAreNamedAndTypedAsDocumented() {
        TableInfo orders = schema.table("ecommerce", "orders").orElseThrow();

        assertThat(orders.columns())
                .extracting(c -> c.name())
                .startsWith("order_id", "customer_id", "order_date", "status");
        assertThat(orders.column("order_date").orElseThrow().type()).isEqualTo("DATE");
        assertThat(orders.column("total_amount").orElseThrow().type()).isEqualTo("DECIMAL(12,2)");
        assertThat(orders.column("status").orElseThrow().sampleValues()).contains("delivered", "cancelled");
        assertThat(schema.table("ecommerce", "customers")
                        .orElseThrow()
                        .column("segment")
                        .orElseThrow()
                        .comment())
                .isNotBlank();
    }

    @Test
    void sizesAreInTheDocumentedRange() {
        assertThat(rowEstimate("ecommerce", "orders")).isEqualTo(5_000);
        assertThat(rowEstimate("ecommerce", "order_items")).isBetween(10_000L, 14_000L);
        assertThat(rowEstimate("finance", "transactions")).isEqualTo(8_000);
        assertThat(rowEstimate("healthcare", "appointments")).isEqualTo(4_000);
        assertThat(rowEstimate("retail", "sales")).isEqualTo(8_000);
        assertThat(rowEstimate("saas", "subscriptions")).isBetween(1_200L, 2_000L);
    }

    private static long rowEstimate(String schemaName, String table) {
        return schema.table(schemaName, table).orElseThrow().rowEstimate();
    }

    @Test
    void generatesTheSameRowsEveryTime() throws Exception {
        try (Connection a = first.openSession();
                Connection b = second.openSession()) {
            for (TableInfo t : schema.tables()) {
                assertThat(digest(b, t)).as(t.qualifiedName()).isEqualTo(digest(a, t));
            }
        }
    }

    /** Row count and a hash of every value, rows in primary-key order. */
    private static String digest(Connection c, TableInfo t) throws SQLException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT * FROM " + t.qualifiedName() + " ORDER BY " + String.join(", ", t.primaryKey()))) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= width; i++) {
                    sha.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0x1f);
                }
                sha.update((byte) '\n');
            }
        }
        return rows + ":" + HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void everyForeignKeyHasItsParentRow() throws SQLException {
        try (Connection c = first.openSession();
                Statement st = c.createStatement()) {
            for (TableInfo t : schema.tables()) {
                for (ForeignKey fk : t.foreignKeys()) {
                    String join = java.util.stream.IntStream.range(
                                    0, fk.columns().size())
                            .mapToObj(i -> "p." + fk.refColumns().get(i) + " = c."
                                    + fk.columns().get(i))
                            .collect(Collectors.joining(" AND "));
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.qualifiedName() + " c"
                            + " WHERE NOT EXISTS (SELECT 1 FROM " + fk.refSchema() + "." + fk.refTable() + " p WHERE "
                            + join + ")")) {
                        rs.next();
                        assertThat(rs.getLong(1))
                                .as(t.qualifiedName() + " " + fk)
                                .isZero();
                    }
                }
            }
        }
    }

    @Test
    void naturalKeysAreUnique() throws SQLException {
        List<String> columns = List.of(
                "ecommerce.customers.email",
                "ecommerce.products.name",
                "finance.customers.email",
                "healthcare.departments.name",
                "healthcare.doctors.email",
                "saas.plans.name",
                "saas.organizations.name",
                "saas.organizations.domain",
                "saas.users.email",
                "saas.features.name",
                "retail.stores.name",
                "retail.products.sku");
        try (Connection c = first.openSession();
                Statement st = c.createStatement()) {
            for (String column : columns) {
                int dot = column.lastIndexOf('.');
                try (ResultSet rs = st.executeQuery("SELECT count(*) - count(DISTINCT " + column.substring(dot + 1)
                        + ") FROM " + column.substring(0, dot))) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(column).isZero();
                }
            }
        }
    }

    @Test
    void orderTotalsMatchTheirItems() throws SQLException {
        try (Connection c = first.openSession();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM ecommerce.orders o WHERE total_amount <>"
                        + " (SELECT sum(quantity * unit_price - discount_amount) FROM ecommerce.order_items i"
                        + " WHERE i.order_id = o.order_id)")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void everyMonthOf2024HasOrders() {
        QueryResult result = first.executeQuery(
                new SqlGuard(GuardPolicy.defaults())
                        .require(
                                "SELECT EXTRACT(MONTH FROM order_date) AS month, count(*) AS orders"
                                        + " FROM ecommerce.orders WHERE order_date BETWEEN DATE '2024-01-01'"
                                        + " AND DATE '2024-12-31' GROUP BY 1 ORDER BY 1",
                                Dialect.DUCKDB,
                                null),
                QueryLimits.defaults(),
                QueryCancellation.none());

        assertThat(result.rows()).hasSize(12);
        assertThat(result.rows()).allSatisfy(r -> assertThat((Long) r.get(1)).isPositive());
    }

    /** Events (not birthdays or sign-up history) fall between 2022-01-01 and 2025-06-30. */
    @Test
    void eventDatesSpanTheHistory() throws SQLException {
        List<String> columns = List.of(
                "ecommerce.orders.order_date",
                "finance.transactions.transaction_date",
                "healthcare.appointments.appointment_date",
                "retail.sales.sale_date",
                "saas.subscriptions.start_date",
                "finance.loans.start_date");
        try (Connection c = first.openSession();
                Statement st = c.createStatement()) {
            for (String column : columns) {
                int dot = column.lastIndexOf('.');
                try (ResultSet rs =
                        st.executeQuery("SELECT CAST(min(" + column.substring(dot + 1) + ") AS DATE), CAST(max("
                                + column.substring(dot + 1) + ") AS DATE) FROM " + column.substring(0, dot))) {
                    rs.next();
                    assertThat(rs.getObject(2, LocalDate.class))
                            .as(column)
                            .isBeforeOrEqualTo(LocalDate.of(2025, 6, 30));
                    assertThat(rs.getObject(2, LocalDate.class)).as(column).isAfter(LocalDate.of(2025, 1, 1));
                    assertThat(rs.getObject(1, LocalDate.class))
                            .as(column)
                            .isBetween(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31));
                }
            }
        }
    }

    @Test
    void ensureKeepsAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path existing = dir.resolve("first.duckdb");
        FileTime before = Files.getLastModifiedTime(existing);

        DemoWarehouse.ensure(existing);

        assertThat(Files.getLastModifiedTime(existing)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("first.duckdb", "second.duckdb");
        }
    }

    @Test
    void hasTenSampleQuestionsPerDomain() {
        List<DemoQuestion> questions = DemoWarehouse.sampleQuestions();

        assertThat(questions).hasSize(50);
        assertThat(questions.stream().collect(Collectors.groupingBy(DemoQuestion::domain, Collectors.counting())))
                .containsOnlyKeys(DemoWarehouse.DOMAINS)
                .allSatisfy((domain, count) -> assertThat(count).isEqualTo(10));
        assertThat(questions).contains(new DemoQuestion("ecommerce", "How many orders were placed per month in 2024?"));
        assertThat(questions).extracting(DemoQuestion::question).doesNotHaveDuplicates();
    }
}
