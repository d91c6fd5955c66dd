package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import org.junit.jupiter.api.Test;

class SqlGuardLimitTest {
    private final SqlGuard guard = new SqlGuard(new GuardPolicy(100, 500, 10_000));

    private SafeSql accept(String sql, Dialect dialect) {
        GuardVerdict v = guard.check(sql, dialect, null);
        assertThat(v.rejections()).as(sql).isEmpty();
        return v.safeSql();
    }

    @Test
    void appendsTheDefaultLimitToTheOriginalText() {
        SafeSql safe = accept("select  \"Name\" ,age   FROM singer WHERE age>20", Dialect.POSTGRESQL);
        assertThat(safe.sql()).isEqualTo("select  \"Name\" ,age   FROM singer WHERE age>20 LIMIT 100");
        assertThat(safe.limitAdded()).isTrue();
    }

    @Test
    void keepsALimitWithinTheMaximum() {
        SafeSql safe = accept("SELECT name FROM singer ORDER BY age LIMIT 3", Dialect.SQLITE);
        assertThat(safe.sql()).isEqualTo("SELECT name FROM singer ORDER BY age LIMIT 3");
        assertThat(safe.limitAdded()).isFalse();
    }

    @Test
    void lowersALimitAboveTheMaximumInPlace() {
        assertThat(accept("SELECT name FROM singer LIMIT 100000 OFFSET 5", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer LIMIT 500 OFFSET 5");
        assertThat(accept("SELECT name FROM singer LIMIT 5, 100000", Dialect.MYSQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer LIMIT 5, 500");
        assertThat(accept("SELECT name FROM singer FETCH FIRST 9999 ROWS ONLY", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer FETCH FIRST 500 ROWS ONLY");
        assertThat(accept("SELECT TOP 9999 name FROM singer", Dialect.SNOWFLAKE).sql())
                .isEqualTo("SELECT TOP 500 name FROM singer");
        assertThat(accept("SELECT name FROM singer LIMIT 9999", Dialect.SQLITE).limitAdded())
                .isFalse();
    }

    @Test
    void wrapsALimitThatIsNotAPlainNumber() {
        assertThat(accept("SELECT name FROM singer LIMIT 10 + 1000", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT * FROM (\nSELECT name FROM singer LIMIT 10 + 1000\n) AS q LIMIT 500");
        SafeSql all = accept("SELECT name FROM singer LIMIT ALL", Dialect.POSTGRESQL);
        assertThat(all.sql()).isEqualTo("SELECT * FROM (\nSELECT name FROM singer LIMIT ALL\n) AS q LIMIT 100");
        assertThat(all.limitAdded()).isTrue();
        // SQLite reads a negative limit as none at all.
        assertThat(accept("SELECT name FROM singer LIMIT -1", Dialect.SQLITE).sql())
                .isEqualTo("SELECT * FROM (\nSELECT name FROM singer LIMIT -1\n) AS q LIMIT 100");
    }

    @Test
    void limitsASetOperationAsAWhole() {
        assertThat(accept("SELECT name FROM singer UNION SELECT name FROM band", Dialect.SQLITE)
                        .sql())
                .isEqualTo("SELECT name FROM singer UNION SELECT name FROM band LIMIT 100");
        assertThat(accept("SELECT name FROM singer INTERSECT SELECT name FROM band ORDER BY 1", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer INTERSECT SELECT name FROM band ORDER BY 1 LIMIT 100");
        SafeSql lowered = accept("SELECT name FROM singer EXCEPT SELECT name FROM band LIMIT 7000", Dialect.DUCKDB);
        assertThat(lowered.sql()).isEqualTo("SELECT name FROM singer EXCEPT SELECT name FROM band LIMIT 500");
        assertThat(lowered.limitAdded()).isFalse();
        assertThat(accept("(SELECT a FROM t) UNION ALL (SELECT b FROM u)", Dialect.MYSQL)
                        .sql())
                .isEqualTo("(SELECT a FROM t) UNION ALL (SELECT b FROM u) LIMIT 100");
    }

    @Test
    void aTrailingLineCommentDoesNotSwallowTheLimit() {
        SafeSql safe = accept("SELECT name FROM singer -- every singer", Dialect.POSTGRESQL);
        assertThat(safe.sql()).isEqualTo("SELECT name FROM singer -- every singer\nLIMIT 100");
        assertThat(accept("SELECT name FROM singer # hash comment", Dialect.MYSQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer # hash comment\nLIMIT 100");
        assertThat(accept("SELECT name FROM singer /* block */", Dialect.SQLITE).sql())
                .isEqualTo("SELECT name FROM singer /* block */ LIMIT 100");
    }

    @Test
    void dropsATrailingSemicolonAndWhatFollowsIt() {
        assertThat(accept("SELECT name FROM singer;  \n", Dialect.SQLITE).sql())
                .isEqualTo("SELECT name FROM singer LIMIT 100");
        assertThat(accept("SELECT name FROM singer; -- done", Dialect.SQLITE).sql())
                .isEqualTo("SELECT name FROM singer LIMIT 100");
        assertThat(accept("SELECT name FROM singer -- note\n;", Dialect.SQLITE).sql())
                .isEqualTo("SELECT name FROM singer -- note\nLIMIT 100");
        assertThat(accept("SELECT ';' AS s FROM singer LIMIT 3;", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT ';' AS s FROM singer LIMIT 3");
    }

    @Test
    void limitsTheOuterQueryWhenOnlyACteHasALimit() {
        assertThat(accept("WITH x AS (SELECT name FROM singer LIMIT 5) SELECT * FROM x", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("WITH x AS (SELECT name FROM singer LIMIT 5) SELECT * FROM x LIMIT 100");
        assertThat(accept("VALUES (1), (2)", Dialect.POSTGRESQL).sql()).isEqualTo("VALUES (1), (2) LIMIT 100");
    }

    @Test
    void theRewrittenTextPassesTheGuardUnchanged() {
        for (String sql : new String[] {
            "SELECT name FROM singer -- c", "SELECT a FROM t UNION SELECT b FROM u", "SELECT a FROM t LIMIT 100000"
        }) {
            SafeSql once = accept(sql, Dialect.POSTGRESQL);
            SafeSql twice = accept(once.sql(), Dialect.POSTGRESQL);
            assertThat(twice.sql()).isEqualTo(once.sql());
            assertThat(twice.limitAdded()).isFalse();
        }
    }

    @Test
    void refusesEmptyAndOverlongInput() {
        assertThat(guard.check("  ", Dialect.SQLITE, null)
                        .rejections()
                        .getFirst()
                        .code())
                .isEqualTo(RejectionCode.EMPTY);
        assertThat(guard.check(null, Dialect.SQLITE, null)
                        .rejections()
                        .getFirst()
                        .code())
                .isEqualTo(RejectionCode.EMPTY);
        String tooLong = "SELECT 1 AS x" + " ".repeat(10_000);
        assertThat(guard.check(tooLong, Dialect.SQLITE, null)
                        .rejections()
                        .getFirst()
                        .code())
                .isEqualTo(RejectionCode.TOO_LONG);
    }

    @Test
    void lowersALimitBeyondSixtyFourBitsInsteadOfFailing() {
        for (Dialect d : Dialect.values()) {
            assertThat(accept("SELECT name FROM singer LIMIT 18446744073709551615", d)
                            .sql())
                    .as("%s", d)
                    .isEqualTo("SELECT name FROM singer LIMIT 500");
            assertThat(accept("SELECT name FROM singer LIMIT 99999999999999999999", d)
                            .sql())
                    .as("%s", d)
                    .isEqualTo("SELECT name FROM singer LIMIT 500");
        }
        assertThat(accept("SELECT name FROM singer LIMIT 5, 18446744073709551615", Dialect.MYSQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer LIMIT 5, 500");
        assertThat(accept("SELECT name FROM singer FETCH FIRST 99999999999999999999 ROWS ONLY", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer FETCH FIRST 500 ROWS ONLY");
        assertThat(accept("SELECT TOP 99999999999999999999 name FROM singer", Dialect.SNOWFLAKE)
                        .sql())
                .isEqualTo("SELECT TOP 500 name FROM singer");
    }

    @Test
    void negativeAndNonNumericLimitsAreWrappedUnderTheCap() {
        assertThat(accept("SELECT name FROM singer LIMIT -99999999999999999999", Dialect.SQLITE)
                        .sql())
                .isEqualTo("SELECT * FROM (\nSELECT name FROM singer LIMIT -99999999999999999999\n) AS q LIMIT 100");
        assertThat(accept("SELECT name FROM singer LIMIT 'abc'", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT * FROM (\nSELECT name FROM singer LIMIT 'abc'\n) AS q LIMIT 500");
        assertThat(accept("SELECT name FROM singer LIMIT 1e3", Dialect.DUCKDB).sql())
                .isEqualTo("SELECT * FROM (\nSELECT name FROM singer LIMIT 1e3\n) AS q LIMIT 500");
    }

    @Test
    void anOffsetNoEngineTakesIsACleanRejection() {
        for (String sql : new String[] {
            "SELECT name FROM singer OFFSET 99999999999999999999",
            "SELECT name FROM singer LIMIT 10 OFFSET 99999999999999999999",
            "SELECT name FROM singer LIMIT 99999999999999999999, 10"
        }) {
            GuardVerdict v = guard.check(sql, Dialect.MYSQL, null);
            assertThat(v.rejections())
                    .as(sql)
                    .extracting(Rejection::code)
                    .containsExactly(RejectionCode.LIMIT_UNVERIFIABLE);
            assertThat(v.rejections().getFirst().message()).contains("OFFSET 99999999999999999999");
        }
        // A large offset that fits is the engine's business: it returns no rows.
        assertThat(accept("SELECT name FROM singer LIMIT 10 OFFSET 9223372036854775807", Dialect.POSTGRESQL)
                        .sql())
                .isEqualTo("SELECT name FROM singer LIMIT 10 OFFSET 9223372036854775807");
    }

    @Test
    void requireNeverThrowsAnythingButAQuerentException() {
        for (String sql : new String[] {
            "SELECT name FROM singer LIMIT 18446744073709551615",
            "SELECT name FROM singer OFFSET 18446744073709551616777",
            "SELECT name FROM singer LIMIT 9223372036854775808 OFFSET 9223372036854775808"
        }) {
            try {
                guard.require(sql, Dialect.POSTGRESQL, null);
            } catch (dev.querent.core.QuerentException e) {
                assertThat(e.code()).isEqualTo(dev.querent.core.ErrorCode.SQL_REJECTED);
            }
        }
    }
}
