package dev.querent.core.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedFunctionsTest {
    @Test
    void everyDialectHasAListAndNoListedNameIsOnTheDenyList() {
        for (Dialect d : Dialect.values()) {
            assertThat(AllowedFunctions.of(d)).as("%s list", d).hasSizeGreaterThan(100);
            System.out.printf(
                    "allow-list %s: %d functions%n", d, AllowedFunctions.of(d).size());
            for (String name : AllowedFunctions.of(d)) {
                assertThat(DangerousNames.function(name, d))
                        .as("%s: %s is also denied", d, name)
                        .isEmpty();
                assertThat(name).as("%s", d).matches("[a-z0-9_$.]+");
            }
        }
    }

    @Test
    void ordinaryBuiltInsAreAllowedAndEverythingElseIsNot() {
        assertThat(AllowedFunctions.refusal(List.of("date_trunc"), Dialect.POSTGRESQL))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("pg_catalog", "lower"), Dialect.POSTGRESQL))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("\"lower\""), Dialect.POSTGRESQL))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("\"LOWER\""), Dialect.POSTGRESQL))
                .isPresent();
        assertThat(AllowedFunctions.refusal(List.of("public", "lower"), Dialect.POSTGRESQL))
                .isPresent();
        assertThat(AllowedFunctions.refusal(List.of("ts_stat"), Dialect.POSTGRESQL))
                .isPresent();
        assertThat(AllowedFunctions.refusal(List.of("my_udf"), Dialect.POSTGRESQL))
                .isPresent();
        assertThat(AllowedFunctions.refusal(List.of("db", "lower"), Dialect.MYSQL))
                .isPresent();
        assertThat(AllowedFunctions.refusal(List.of("`DATE_FORMAT`"), Dialect.MYSQL))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("l", "list_sum"), Dialect.DUCKDB))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("SAFE", "SUBSTR"), Dialect.BIGQUERY))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("NET", "HOST"), Dialect.BIGQUERY))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("ML", "PREDICT"), Dialect.BIGQUERY))
                .isPresent();
        assertThat(AllowedFunctions.refusal(List.of("\"IFF\""), Dialect.SNOWFLAKE))
                .isEmpty();
        assertThat(AllowedFunctions.refusal(List.of("ARRAY"), Dialect.POSTGRESQL))
                .isEmpty();
    }
}
