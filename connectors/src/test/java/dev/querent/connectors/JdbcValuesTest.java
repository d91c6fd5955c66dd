package dev.querent.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.internal.JdbcValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JdbcValuesTest {
    @Test
    void integersBecomeLongsUnlessTheyDoNotFit() throws SQLException {
        assertThat(JdbcValues.portable(7)).isEqualTo(7L);
        assertThat(JdbcValues.portable((short) 7)).isEqualTo(7L);
        assertThat(JdbcValues.portable((byte) 7)).isEqualTo(7L);
        assertThat(JdbcValues.portable(BigInteger.valueOf(7))).isEqualTo(7L);
        BigInteger huge = new BigInteger("12345678901234567890");
        assertThat(JdbcValues.portable(huge)).isEqualTo(huge);
    }

    @Test
    void decimalsKeepTheirScaleAndFloatsStayFinite() throws SQLException {
        assertThat(JdbcValues.portable(new BigDecimal("12.50"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(JdbcValues.portable(1.5f)).isEqualTo(1.5d);
        assertThat(JdbcValues.portable(Double.NaN)).isEqualTo("NaN");
        assertThat(JdbcValues.portable(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void temporalValuesBecomeIsoStrings() throws SQLException {
        assertThat(JdbcValues.portable(LocalDate.of(2024, 3, 1))).isEqualTo("2024-03-01");
        assertThat(JdbcValues.portable(java.sql.Date.valueOf("2024-03-01"))).isEqualTo("2024-03-01");
        assertThat(JdbcValues.portable(LocalDateTime.of(2024, 3, 1, 10, 15))).isEqualTo("2024-03-01T10:15:00");
        assertThat(JdbcValues.portable(Timestamp.valueOf("2024-03-01 10:15:30.5")))
                .isEqualTo("2024-03-01T10:15:30.5");
        assertThat(JdbcValues.portable(OffsetDateTime.of(2024, 3, 1, 10, 15, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2024-03-01T10:15:00Z");
        assertThat(JdbcValues.portable(LocalTime.of(8, 30))).isEqualTo("08:30:00");
        assertThat(JdbcValues.portable(LocalDate.MAX))
                .as("PostgreSQL 'infinity'")
                .isEqualTo("infinity");
        assertThat(JdbcValues.portable(LocalDateTime.MIN)).isEqualTo("-infinity");
    }

    @Test
    void otherTypesBecomeStringsListsAndMaps() throws SQLException {
        UUID id = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(JdbcValues.portable(id)).isEqualTo(id.toString());
        assertThat(JdbcValues.portable(new byte[] {1, 2, 3})).isEqualTo("AQID");
        assertThat(JdbcValues.portable(new Object[] {1, "a", null})).isEqualTo(java.util.Arrays.asList(1L, "a", null));
        assertThat(JdbcValues.portable(Map.of("k", 1))).isEqualTo(Map.of("k", 1L));
        assertThat(JdbcValues.portable(true)).isEqualTo(true);
        assertThat(JdbcValues.portable(null)).isNull();
    }

    @Test
    void sizeGrowsWithContent() {
        assertThat(JdbcValues.approximateSize("abcdefghij")).isGreaterThan(JdbcValues.approximateSize("a"));
        assertThat(JdbcValues.approximateSize(List.of("a", "b"))).isGreaterThan(JdbcValues.approximateSize("a"));
        assertThat(JdbcValues.approximateSize(null)).isPositive();
    }
}
