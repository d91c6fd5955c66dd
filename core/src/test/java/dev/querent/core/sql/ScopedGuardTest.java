package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopedGuardTest {
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());

    private static TableInfo table(String schema, String name, List<ForeignKey> fks, String... columns) {
        List<ColumnInfo> cols = Arrays.stream(columns)
                .map(c -> new ColumnInfo(c, "text", true, null, List.of("sample-" + c)))
                .toList();
        return new TableInfo(schema, name, TableKind.TABLE, null, cols, List.of(columns[0]), fks, 100);
    }

    private static SchemaSnapshot shop(Dialect dialect, String schema) {
        return new SchemaSnapshot(
                dialect,
                schema,
                List.of(
                        table(
                                schema,
                                "sales",
                                List.of(new ForeignKey(
                                        List.of("customer_id"), schema, "customers", List.of("customer_id"))),
                                "id",
                                "region",
                                "amount",
                                "customer_id",
                                "customer_email",
                                "cost"),
                        table(schema, "customers", List.of(), "customer_id", "name", "region"),
                        table(
                                schema,
                                "audit_log",
                                List.of(new ForeignKey(List.of("sale_id"), schema, "sales", List.of("id"))),
                                "id",
                                "sale_id",
                                "message"),
                        table(schema, "products", List.of(), "product_id", "name")),
                Instant.EPOCH);
    }

    private static final SchemaSnapshot PG = shop(Dialect.POSTGRESQL, "public");

    private static final DataScope SCOPE = DataScope.unrestricted()
            .withAllowedTables(Set.of("sales", "customers", "products"))
            .withTable(
                    "sales",
                    TableScope.all()
                            .withAllowedColumns(Set.of("id", "region", "amount", "customer_id", "customer_email"))
                            .withMask("customer_email", ColumnMask.REDACTED)
                            .withRowFilter("region = :user.region"))
            .withTable("public.customers", TableScope.all().withRowFilter("region IN (:user.regions)"));

    private static final UserAttributes USER =
            UserAttributes.of(Map.of("region", "EU", "regions", List.of("EU", "UK")));

    private static final String SALES_WRAPPER = "(SELECT \"id\", \"region\", \"amount\", \"customer_id\","
            + " '***' AS \"customer_email\" FROM \"public\".\"sales\" WHERE (region = 'EU') OFFSET 0)";

    private GuardVerdict check(String sql) {
        return guard.check(sql, Dialect.POSTGRESQL, PG, SCOPE, USER);
    }

    private String accepted(String sql) {
        GuardVerdict v = check(sql);
        assertThat(v.rejections()).as(sql).isEmpty();
        return v.safeSql().sql();
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            SELECT * FROM sales                                                                      | 1
            SELECT s.* FROM sales s JOIN sales t ON s.id = t.id                                      | 2
            SELECT * FROM (SELECT * FROM (SELECT id FROM sales) a) b                                 | 1
            WITH x AS (SELECT * FROM sales) SELECT * FROM x JOIN sales ON sales.id = x.id            | 2
            WITH sales AS (SELECT * FROM sales) SELECT * FROM sales                                  | 1
            SELECT id FROM sales UNION SELECT id FROM sales INTERSECT SELECT id FROM sales           | 3
            SELECT id FROM sales EXCEPT SELECT customer_id FROM customers                            | 1
            SELECT (SELECT count(*) FROM sales) FROM products                                        | 1
            SELECT * FROM products WHERE EXISTS (SELECT 1 FROM sales WHERE sales.id = product_id)    | 1
            SELECT * FROM products WHERE product_id IN (SELECT id FROM sales)                        | 1
            SELECT count(*) FROM products GROUP BY name HAVING count(*) > (SELECT count(*) FROM sales) | 1
            SELECT * FROM products p, LATERAL (SELECT * FROM sales s WHERE s.id = p.product_id) l    | 1
            SELECT * FROM products ORDER BY (SELECT max(amount) FROM sales)                          | 1
            SELECT * FROM products JOIN customers ON customer_id IN (SELECT customer_id FROM sales)   | 1
            SELECT * FROM (sales s JOIN customers c ON s.customer_id = c.customer_id)                | 1
            SELECT CASE WHEN EXISTS (SELECT 1 FROM sales) THEN 1 END                                 | 1
            SELECT coalesce((SELECT max(amount) FROM public.sales), 0)                               | 1
            SELECT count(*) FROM "sales" JOIN "SALES" s2 ON true                                     | 2
            SELECT row_number() OVER (PARTITION BY region) FROM sales                                | 1
            """)
    void wrapsEveryReadOfARestrictedTable(String sql, int reads) {
        String out = accepted(sql);

        assertThat(count(out, SALES_WRAPPER)).as(out).isEqualTo(reads);
        assertThat(count(out, "\"public\".\"sales\"")).as(out).isEqualTo(reads);
    }

    @Test
    void keepsAliasesAndNamesTheWrapperAfterAnUnaliasedTable() {
        assertThat(accepted("SELECT s.id FROM sales AS s"))
                .isEqualTo("SELECT s.id FROM " + SALES_WRAPPER + " AS s LIMIT 1000");
        assertThat(accepted("SELECT public.sales.id FROM public.sales"))
                .isEqualTo("SELECT sales.id FROM " + SALES_WRAPPER + " AS sales LIMIT 1000");
    }

    @Test
    void bindsListAttributesForIn() {
        assertThat(accepted("SELECT name FROM customers"))
                .contains("WHERE (region IN ('EU', 'UK')) OFFSET 0) AS customers");
    }

    @Test
    void leavesQueriesOfUnrestrictedTablesExactlyAsWritten() {
        String sql = "select name  from products -- every product";
        assertThat(accepted(sql))
                .isEqualTo(guard.check(sql, Dialect.POSTGRESQL, PG).safeSql().sql());
        assertThat(guard.check(sql, Dialect.POSTGRESQL, PG, DataScope.unrestricted(), UserAttributes.none())
                        .safeSql()
                        .sql())
                .isEqualTo(guard.check(sql, Dialect.POSTGRESQL, PG).safeSql().sql());
    }

    @Test
    void aCteNamedLikeTheTableIsReadAsTheCteWhereItIsVisible() {
        String out = accepted("WITH RECURSIVE sales AS (SELECT 1 AS id UNION ALL SELECT id + 1 FROM sales WHERE id < 3)"
                + " SELECT * FROM sales");
        assertThat(out).doesNotContain("\"public\".\"sales\"");
    }

    @Test
    void anAttributeCannotInjectSql() {
        UserAttributes hostile =
                UserAttributes.of(Map.of("region", "' OR 1=1 --", "regions", List.of("x') OR ('1'='1")));

        String sales = guard.check("SELECT * FROM sales", Dialect.POSTGRESQL, PG, SCOPE, hostile)
                .safeSql()
                .sql();
        String customers = guard.check("SELECT * FROM customers", Dialect.POSTGRESQL, PG, SCOPE, hostile)
                .safeSql()
                .sql();

        assertThat(sales).contains("WHERE (region = ''' OR 1=1 --') OFFSET 0");
        assertThat(customers).contains("WHERE (region IN ('x'') OR (''1''=''1')) OFFSET 0");
    }

    @Test
    void numbersStayNumbersOnlyWhenTheyAreNumbers() {
        DataScope byId =
                DataScope.unrestricted().withTable("sales", TableScope.all().withRowFilter("customer_id = :user.id"));
        for (Map.Entry<Object, String> e : Map.<Object, String>of(
                        42,
                        "customer_id = 42",
                        -7L,
                        "customer_id = (-7)",
                        new BigDecimal("1.50"),
                        "customer_id = 1.50",
                        Double.NaN,
                        "customer_id = 'NaN'",
                        "42",
                        "customer_id = '42'",
                        "1; DROP TABLE sales",
                        "customer_id = '1; DROP TABLE sales'")
                .entrySet()) {
            GuardVerdict v = guard.check(
                    "SELECT id FROM sales", Dialect.POSTGRESQL, PG, byId, UserAttributes.of(Map.of("id", e.getKey())));
            assertThat(v.safeSql().sql()).as(String.valueOf(e.getKey())).contains("WHERE (" + e.getValue() + ")");
        }
    }

    @Test
    void aMissingAttributeRefusesTheTable() {
        GuardVerdict v = guard.check("SELECT * FROM sales", Dialect.POSTGRESQL, PG, SCOPE, UserAttributes.none());

        assertThat(v.rejections()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.OUT_OF_SCOPE);
            assertThat(r.message()).contains("region");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT cost FROM sales",
                "SELECT s.cost FROM sales s",
                "SELECT id FROM sales WHERE cost > 1",
                "SELECT * FROM audit_log",
                "SELECT (SELECT count(*) FROM audit_log)",
                "SELECT id FROM sales UNION SELECT id FROM public.audit_log"
            })
    void refusesWhatTheScopeHides(String sql) {
        assertThat(check(sql).rejections())
                .extracting(Rejection::code)
                .as(sql)
                .containsOnly(RejectionCode.OUT_OF_SCOPE);
    }

    @Test
    void suggestionsNeverNameHiddenColumnsOrTables() {
        GuardVerdict typo = check("SELECT cots FROM sales");
        GuardVerdict table = check("SELECT * FROM audit_logs");

        assertThat(typo.rejections()).extracting(Rejection::code).containsOnly(RejectionCode.UNKNOWN_COLUMN);
        assertThat(typo.rejections().toString()).doesNotContain("cost");
        assertThat(table.rejections().toString()).doesNotContain("audit_log ");
        assertThat(table.rejections().toString()).doesNotContain("audit_log)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM sales TABLESAMPLE SYSTEM (50)",
                "SELECT * FROM ONLY sales",
                "SELECT * FROM otherdb.public.sales"
            })
    void refusesRestrictedReadsItCannotWrap(String sql) {
        assertThat(check(sql).accepted()).as(sql).isFalse();
    }

    @Test
    void requireThrowsSqlRejectedWithTheReason() {
        assertThatThrownBy(() -> guard.require("SELECT cost FROM sales", Dialect.POSTGRESQL, PG, SCOPE, USER))
                .isInstanceOfSatisfying(QuerentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_REJECTED);
                    assertThat(e.details()).containsEntry("reasons", List.of("OUT_OF_SCOPE"));
                });
    }

    @Test
    void writesTheFenceAndQuotesForEachDialect() {
        String sqlite = guard.check("SELECT * FROM sales", Dialect.SQLITE, shop(Dialect.SQLITE, null), SCOPE, USER)
                .safeSql()
                .sql();
        String mysql = guard.check("SELECT * FROM sales", Dialect.MYSQL, shop(Dialect.MYSQL, "shop"), SCOPE, USER)
                .safeSql()
                .sql();

        assertThat(sqlite).contains("FROM \"sales\" WHERE (region = 'EU') LIMIT -1 OFFSET 0) AS sales");
        assertThat(mysql).contains("'***' AS `customer_email` FROM `shop`.`sales` WHERE (region = 'EU')");
    }

    @Test
    void visibleSchemaDropsHiddenTablesColumnsKeysAndFilteredSamples() {
        SchemaSnapshot visible = SCOPE.visibleSchema(PG);

        assertThat(visible.tables()).extracting(TableInfo::name).containsExactly("sales", "customers", "products");
        TableInfo sales = visible.table(null, "sales").orElseThrow();
        assertThat(sales.columns())
                .extracting(ColumnInfo::name)
                .containsExactly("id", "region", "amount", "customer_id", "customer_email");
        assertThat(sales.columns()).allSatisfy(c -> assertThat(c.sampleValues()).isEmpty());
        assertThat(sales.rowEstimate()).isEqualTo(-1);
        assertThat(sales.foreignKeys()).hasSize(1);
        TableInfo products = visible.table(null, "products").orElseThrow();
        assertThat(products.columns().getFirst().sampleValues()).containsExactly("sample-product_id");
        assertThat(products.rowEstimate()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "region IN (SELECT region FROM customers)",
                "sales.region = :user.region",
                "region = ?",
                "region = :region",
                "region = :user.",
                "region = "
            })
    void refusesRowFiltersItCannotEnforce(String predicate) {
        assertThatThrownBy(() -> RowFilter.of(predicate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFilterOnAColumnTheTableLacksRefusesTheTable() {
        DataScope wrong =
                DataScope.unrestricted().withTable("sales", TableScope.all().withRowFilter("tenant = :user.region"));

        GuardVerdict v = guard.check("SELECT id FROM sales", Dialect.POSTGRESQL, PG, wrong, USER);

        assertThat(v.rejections()).extracting(Rejection::code).containsExactly(RejectionCode.OUT_OF_SCOPE);
    }
}
