package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Legitimate constructs near the guard's rules that it must not refuse. */
class SqlGuardTest {
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());

    private GuardVerdict check(String sql, Dialect dialect) {
        return guard.check(sql, dialect, null);
    }

    private void accepted(String sql, Dialect dialect) {
        assertThat(check(sql, dialect).rejections()).as(sql).isEmpty();
    }

    @Test
    void acceptsEveryReadOnlyQueryShape() {
        accepted("SELECT 1", Dialect.POSTGRESQL);
        accepted("WITH x AS (SELECT 1 AS a) SELECT a FROM x", Dialect.POSTGRESQL);
        accepted("SELECT 1 UNION SELECT 2 INTERSECT SELECT 2 EXCEPT SELECT 3", Dialect.POSTGRESQL);
        accepted("VALUES (1, 'a'), (2, 'b')", Dialect.POSTGRESQL);
        accepted("(SELECT 1)", Dialect.MYSQL);
    }

    @Test
    void acceptsCommentsAndLiteralsThatMerelyLookDangerous() {
        accepted("SELECT name FROM users WHERE note = 'DROP TABLE users; SELECT pg_sleep(1)'", Dialect.POSTGRESQL);
        accepted("-- list users; then stop\nSELECT name /* ; DELETE */ FROM users", Dialect.POSTGRESQL);
        accepted("SELECT 'it''s' AS s, $$plain$$ AS d, E'no escapes' AS e", Dialect.POSTGRESQL);
        accepted("SELECT 'a\\\\b' AS s, \"x\" AS d FROM users -- note", Dialect.MYSQL);
        accepted("SELECT 'can\\'t' AS s", Dialect.BIGQUERY);
        accepted("SELECT sleep_minutes, pg_sleep_log FROM sleep_stats", Dialect.POSTGRESQL);
    }

    @Test
    void acceptsDialectSpecificQuoting() {
        accepted("SELECT `order`.`Free Meal Count (K-12)` FROM `frpm` AS `order`", Dialect.MYSQL);
        accepted("SELECT [name] FROM [users]", Dialect.SQLITE);
        accepted("SELECT t.x FROM `project.dataset.table` AS t", Dialect.BIGQUERY);
        accepted("SELECT \"Name\" FROM \"Users\"", Dialect.SNOWFLAKE);
    }

    @Test
    void knowsSnowflakesQualifyIlikeAndPathsIntoSemiStructuredData() {
        accepted(
                "SELECT name, amount FROM orders QUALIFY ROW_NUMBER() OVER (PARTITION BY name ORDER BY amount DESC) = 1",
                Dialect.SNOWFLAKE);
        accepted("SELECT name FROM customers WHERE name ILIKE '%ada%'", Dialect.SNOWFLAKE);
        accepted("SELECT payload:customer.name::string AS n, payload:items[0].sku FROM events", Dialect.SNOWFLAKE);
        accepted(
                "SELECT f.value:sku::string FROM events, LATERAL FLATTEN(input => payload:items) f", Dialect.SNOWFLAKE);
        accepted("SELECT COUNT_IF(amount > 10), IFF(amount > 0, 'y', 'n') FROM orders", Dialect.SNOWFLAKE);
        // a path is read, never a way around the rules: a write hidden behind one is still refused
        assertThat(check("SELECT payload:a FROM events; DELETE FROM events", Dialect.SNOWFLAKE)
                        .accepted())
                .isFalse();
    }

    @Test
    void allowsBuiltInsThatShareANameWithAnotherEnginesDangerousFunction() {
        accepted("SELECT name FROM users WHERE glob('a*', name)", Dialect.SQLITE);
        assertThat(check("SELECT * FROM glob('/home/*')", Dialect.DUCKDB)
                        .rejections()
                        .getFirst()
                        .code())
                .isEqualTo(RejectionCode.DANGEROUS_FUNCTION);
    }

    @Test
    void parsesColumnNamesJSqlParserReservesAndMysqlIntervalForms() {
        SafeSql safe = check("SELECT name FROM cards WHERE uuid IN (SELECT uuid FROM rulings)", Dialect.SQLITE)
                .safeSql();
        assertThat(safe.sql()).isEqualTo("SELECT name FROM cards WHERE uuid IN (SELECT uuid FROM rulings) LIMIT 1000");
        accepted("SELECT DATE_ADD(d, INTERVAL (TIMESTAMPDIFF(QUARTER, a, b)) QUARTER) AS q FROM t", Dialect.MYSQL);
    }

    /** Every function a dialect's ISO day of the week calls is on its allow-list; the text is kept. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void acceptsTheDialectsIsoDayOfWeek(Dialect dialect) {
        String sql = "SELECT COUNT(*) FROM t WHERE " + dialect.sql().isoDayOfWeek("t.d") + " IN (6, 7)";
        GuardVerdict v = check(sql, dialect);
        assertThat(v.rejections()).as("%s: %s", dialect, sql).isEmpty();
        assertThat(v.safeSql().sql()).as("%s", dialect).startsWith(sql);
    }

    @Test
    void reportsTheTablesReadWithoutCtesOrQuotes() {
        SafeSql safe = check(
                        "WITH recent AS (SELECT * FROM \"Sales\".orders) SELECT r.id FROM recent r JOIN customers c"
                                + " ON r.cid = c.id WHERE c.id IN (SELECT cid FROM vip)",
                        Dialect.POSTGRESQL)
                .safeSql();
        assertThat(safe.tables()).containsExactly("Sales.orders", "customers", "vip");
    }

    @Test
    void refusesAstsNestedDeeperThanAnyRealQuery() {
        GuardVerdict v = check("SELECT 1 " + "+ 1 ".repeat(2_000), Dialect.POSTGRESQL);
        assertThat(v.rejections()).extracting(Rejection::code).containsExactly(RejectionCode.TOO_DEEPLY_NESTED);
    }

    @Test
    void aNullSchemaSkipsTheSchemaCheck() {
        assertThat(check("SELECT no_such_column FROM no_such_table", Dialect.DUCKDB)
                        .accepted())
                .isTrue();
    }
}
