package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value whose size is an argument is built in one step, before a timeout or a result cap can
 * stop it: the size must be a literal no larger than 100,000.
 */
class SizeBuildingFunctionsTest {
    private final SqlGuard guard = new SqlGuard(GuardPolicy.defaults());

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "POSTGRESQL|SELECT repeat('x', 700000000)",
                "POSTGRESQL|SELECT repeat('x', 100001)",
                "POSTGRESQL|SELECT lpad('x', (SELECT 700000000), 'y')",
                "POSTGRESQL|SELECT rpad(name, n, ' ') FROM t",
                "POSTGRESQL|SELECT length(repeat(name, 1000000000)) FROM t",
                "POSTGRESQL|SELECT repeat('x', 2147483647 * 2)",
                "DUCKDB|SELECT repeat('x', 700000000)",
                "DUCKDB|SELECT * FROM t WHERE name = repeat('x', id)",
                "MYSQL|SELECT REPEAT('x', 700000000)",
                "MYSQL|SELECT SPACE(700000000)",
            })
    void unboundedSizesAreRefused(Dialect dialect, String sql) {
        GuardVerdict v = guard.check(sql, dialect, null);
        assertThat(v.accepted()).as(sql).isFalse();
        assertThat(v.rejections()).anySatisfy(r -> assertThat(r.code())
                .isIn(RejectionCode.DANGEROUS_FUNCTION, RejectionCode.FUNCTION_NOT_ALLOWED));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "POSTGRESQL|SELECT repeat('-', 20)",
                "POSTGRESQL|SELECT lpad(CAST(id AS text), 8, '0') FROM t",
                "DUCKDB|SELECT rpad(name, 100000, '.') FROM t",
                "MYSQL|SELECT LPAD(name, 10, ' ') FROM t",
            })
    void smallWrittenSizesAreFine(Dialect dialect, String sql) {
        assertThat(guard.check(sql, dialect, null).accepted()).as(sql).isTrue();
    }
}
