package dev.querent.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.Dialect;
import org.junit.jupiter.api.Test;

/** What each engine writes, exactly: the forms the contract test only checks for safety. */
class SqlDialectsTest {
    @Test
    void postgresql() {
        SqlDialect sql = Dialect.POSTGRESQL.sql();
        assertThat(sql.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(sql.quoteIdentifier("a`b")).isEqualTo("\"a`b\"");
        assertThat(sql.identifier("amount")).isEqualTo("amount");
        assertThat(sql.identifier("Amount")).isEqualTo("\"Amount\"");
        assertThat(sql.identifier("order")).isEqualTo("\"order\"");
        assertThat(sql.dateTrunc(DateGrain.MONTH, "d")).isEqualTo("date_trunc('month', d)");
        assertThat(sql.dateTrunc(DateGrain.WEEK, "d")).isEqualTo("date_trunc('week', d)");
        assertThat(sql.caseInsensitiveLike("n", "'%a%'")).isEqualTo("n ILIKE '%a%'");
        assertThat(sql.stringLiteral("it's \\")).isEqualTo("'it''s \\'");
        assertThat(sql.booleanLiteral(true)).isEqualTo("TRUE");
        assertThat(sql.dateLiteral("2024-01-31", false)).isEqualTo("DATE '2024-01-31'");
        assertThat(sql.dateLiteral("2024-01-31 10:00", true)).isEqualTo("TIMESTAMP '2024-01-31 10:00'");
        assertThat(sql.noOpRowClause()).isEqualTo("OFFSET 0");
        assertThat(sql.currentDate()).isEqualTo("CURRENT_DATE");
        assertThat(sql.limit(5)).isEqualTo("LIMIT 5");
        assertThat(sql.pseudoColumns()).contains("ctid");
        assertThat(sql.readsUnknownDoubleQuotedNameAsString()).isFalse();
    }

    @Test
    void duckdb() {
        SqlDialect sql = Dialect.DUCKDB.sql();
        assertThat(sql.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(sql.identifier("Amount")).isEqualTo("Amount");
        assertThat(sql.dateTrunc(DateGrain.QUARTER, "d")).isEqualTo("date_trunc('quarter', d)");
        assertThat(sql.caseInsensitiveLike("n", "'%a%'")).isEqualTo("n ILIKE '%a%'");
        assertThat(sql.noOpRowClause()).isEqualTo("OFFSET 0");
        assertThat(sql.pseudoColumns()).containsExactly("rowid");
    }

    @Test
    void sqliteQuotesWithDoubleQuotesAndAcceptsBackQuotes() {
        SqlDialect sql = Dialect.SQLITE.sql();
        assertThat(sql.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(sql.quoteIdentifier("a`b", IdentifierQuote.BACKTICK)).isEqualTo("`a``b`");
        assertThat(sql.identifier("Amount")).isEqualTo("Amount");
        assertThat(sql.dateTrunc(DateGrain.DAY, "d")).isEqualTo("date(d)");
        assertThat(sql.dateTrunc(DateGrain.WEEK, "d")).isEqualTo("date(d, 'weekday 0', '-6 days')");
        assertThat(sql.dateTrunc(DateGrain.MONTH, "d")).isEqualTo("strftime('%Y-%m-01', d)");
        assertThat(sql.dateTrunc(DateGrain.QUARTER, "d"))
                .isEqualTo(
                        "printf('%s-%02d-01', strftime('%Y', d), ((CAST(strftime('%m', d) AS INTEGER) - 1) / 3) * 3 + 1)");
        assertThat(sql.dateTrunc(DateGrain.YEAR, "d")).isEqualTo("strftime('%Y-01-01', d)");
        assertThat(sql.caseInsensitiveLike("n", "'%a%'")).isEqualTo("n LIKE '%a%'");
        assertThat(sql.booleanLiteral(true)).isEqualTo("1");
        assertThat(sql.booleanLiteral(false)).isEqualTo("0");
        assertThat(sql.dateLiteral("2024-01-31", false)).isEqualTo("'2024-01-31'");
        assertThat(sql.currentDate()).isEqualTo("date('now')");
        assertThat(sql.noOpRowClause()).isEqualTo("LIMIT -1 OFFSET 0");
        assertThat(sql.readsUnknownDoubleQuotedNameAsString()).isTrue();
        assertThat(sql.pseudoColumns()).contains("rowid", "_rowid_", "oid");
    }

    @Test
    void mysqlQuotesWithBackQuotesAndDoublesBackslashesInStrings() {
        SqlDialect sql = Dialect.MYSQL.sql();
        assertThat(sql.quoteIdentifier("a`b")).isEqualTo("`a``b`");
        assertThat(sql.quoteIdentifier("a\"b")).isEqualTo("`a\"b`");
        assertThat(sql.dummyTables()).containsExactly("dual");
        assertThat(Dialect.POSTGRESQL.sql().dummyTables()).isEmpty();
        assertThatThrownBy(() -> sql.quoteIdentifier("a", IdentifierQuote.DOUBLE_QUOTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sql.identifier("Amount")).isEqualTo("Amount");
        assertThat(sql.dateTrunc(DateGrain.MONTH, "d")).isEqualTo("DATE_FORMAT(d, '%Y-%m-01')");
        assertThat(sql.dateTrunc(DateGrain.QUARTER, "d"))
                .isEqualTo("MAKEDATE(YEAR(d), 1) + INTERVAL (QUARTER(d) - 1) QUARTER");
        assertThat(sql.dateTrunc(DateGrain.WEEK, "d")).isEqualTo("DATE_SUB(DATE(d), INTERVAL WEEKDAY(d) DAY)");
        assertThat(sql.stringLiteral("it's \\")).isEqualTo("'it''s \\\\'");
        assertThat(sql.caseInsensitiveLike("n", "'%a%'")).isEqualTo("n LIKE '%a%'");
        assertThat(sql.noOpRowClause()).isEqualTo("LIMIT 9223372036854775807");
        assertThat(sql.readsUnknownDoubleQuotedNameAsString()).isTrue();
    }

    @Test
    void snowflakeFoldsToUpperCase() {
        SqlDialect sql = Dialect.SNOWFLAKE.sql();
        assertThat(sql.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(sql.identifier("AMOUNT")).isEqualTo("AMOUNT");
        assertThat(sql.identifier("amount")).isEqualTo("\"amount\"");
        assertThat(sql.identifier("Amount")).isEqualTo("\"Amount\"");
        assertThat(sql.dateTrunc(DateGrain.MONTH, "d")).isEqualTo("DATE_TRUNC('month', d)");
        assertThat(sql.caseInsensitiveLike("n", "'%a%'")).isEqualTo("n ILIKE '%a%'");
        assertThat(sql.stringLiteral("it's \\")).isEqualTo("'it''s \\\\'");
        assertThat(sql.booleanLiteral(false)).isEqualTo("FALSE");
        assertThat(sql.noOpRowClause()).isEqualTo("OFFSET 0");
    }

    /** A DATE holds whole days where the engine keeps the type; SQLite stores whatever text it is given. */
    @Test
    void datesHoldWholeDaysButOnSqlite() {
        for (Dialect d : Dialect.values()) {
            assertThat(d.sql().holdsWholeDays(" date ")).as("%s", d).isEqualTo(d != Dialect.SQLITE);
            assertThat(d.sql().holdsWholeDays("TIMESTAMP")).as("%s", d).isFalse();
            assertThat(d.sql().holdsWholeDays(null)).as("%s", d).isFalse();
        }
    }

    @Test
    void isoDayOfWeekIsOneForMondayInEveryEngine() {
        assertThat(Dialect.POSTGRESQL.sql().isoDayOfWeek("t.d")).isEqualTo("EXTRACT(ISODOW FROM t.d)");
        assertThat(Dialect.DUCKDB.sql().isoDayOfWeek("t.d")).isEqualTo("EXTRACT(ISODOW FROM t.d)");
        assertThat(Dialect.SQLITE.sql().isoDayOfWeek("t.d"))
                .isEqualTo("((CAST(strftime('%w', t.d) AS INTEGER) + 6) % 7 + 1)");
        assertThat(Dialect.MYSQL.sql().isoDayOfWeek("t.d")).isEqualTo("(WEEKDAY(t.d) + 1)");
        assertThat(Dialect.SNOWFLAKE.sql().isoDayOfWeek("t.d")).isEqualTo("DAYOFWEEKISO(t.d)");
        assertThat(Dialect.BIGQUERY.sql().isoDayOfWeek("t.d"))
                .isEqualTo("(MOD(EXTRACT(DAYOFWEEK FROM t.d) + 5, 7) + 1)");
    }

    @Test
    void bigQueryPutsTheUnitSecondAndRefusesNamesItCannotHave() {
        SqlDialect sql = Dialect.BIGQUERY.sql();
        assertThat(sql.quoteIdentifier("order")).isEqualTo("`order`");
        assertThat(sql.quoteIdentifier("a\"b")).isEqualTo("`a\"b`");
        assertThatThrownBy(() -> sql.quoteIdentifier("a`b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sql.quoteIdentifier("a\\")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sql.identifier("Amount")).isEqualTo("Amount");
        assertThat(sql.dateTrunc(DateGrain.MONTH, "d")).isEqualTo("DATE_TRUNC(d, MONTH)");
        assertThat(sql.dateTrunc(DateGrain.WEEK, "d")).isEqualTo("DATE_TRUNC(d, WEEK(MONDAY))");
        assertThat(sql.dateTrunc(DateGrain.YEAR, "d")).isEqualTo("DATE_TRUNC(d, YEAR)");
        assertThat(sql.caseInsensitiveLike("n", "'%a%'")).isEqualTo("LOWER(n) LIKE LOWER('%a%')");
        assertThat(sql.stringLiteral("it's \\")).isEqualTo("'it\\'s \\\\'");
        assertThat(sql.currentDate()).isEqualTo("CURRENT_DATE()");
        assertThat(sql.noOpRowClause()).isEqualTo("LIMIT 9223372036854775807");
    }
}
