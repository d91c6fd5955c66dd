package dev.querent.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.StandardSQLTypeName;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BigQueryValuesTest {
    @Test
    void descriptionsAreUnquotedGoogleSqlStringLiterals() {
        assertThat(BigQueryConnector.stringLiteral("\"People who buy\"")).isEqualTo("People who buy");
        assertThat(BigQueryConnector.stringLiteral("\"a \\\"quoted\\\" \\\\ word\\n\""))
                .isEqualTo("a \"quoted\" \\ word\n");
        assertThat(BigQueryConnector.stringLiteral("plain")).isEqualTo("plain");
        assertThat(BigQueryConnector.stringLiteral(null)).isNull();
    }

    @Test
    void scalarsBecomeThePortableTypes() {
        assertThat(BigQueryConnector.value(
                        Field.of("n", StandardSQLTypeName.INT64), FieldValue.of(FieldValue.Attribute.PRIMITIVE, "42")))
                .isEqualTo(42L);
        assertThat(BigQueryConnector.value(
                        Field.of("d", StandardSQLTypeName.NUMERIC),
                        FieldValue.of(FieldValue.Attribute.PRIMITIVE, "12.30")))
                .isEqualTo(new BigDecimal("12.30"));
        assertThat(BigQueryConnector.value(
                        Field.of("t", StandardSQLTypeName.TIMESTAMP),
                        FieldValue.of(FieldValue.Attribute.PRIMITIVE, "1.7040672E9")))
                .isEqualTo("2024-01-01T00:00:00Z");
        assertThat(BigQueryConnector.value(
                        Field.of("s", StandardSQLTypeName.STRING), FieldValue.of(FieldValue.Attribute.PRIMITIVE, null)))
                .isNull();
    }

    @Test
    void repeatedRecordsBecomeListsOfMaps() {
        Field item = Field.newBuilder(
                        "items",
                        StandardSQLTypeName.STRUCT,
                        Field.of("sku", StandardSQLTypeName.STRING),
                        Field.of("qty", StandardSQLTypeName.INT64))
                .setMode(Field.Mode.REPEATED)
                .build();
        FieldValue record = FieldValue.of(
                FieldValue.Attribute.RECORD,
                FieldValueList.of(List.of(
                        FieldValue.of(FieldValue.Attribute.PRIMITIVE, "A-1"),
                        FieldValue.of(FieldValue.Attribute.PRIMITIVE, "2"))));

        Object value = BigQueryConnector.value(item, FieldValue.of(FieldValue.Attribute.REPEATED, List.of(record)));

        assertThat(value).isEqualTo(List.of(Map.of("sku", "A-1", "qty", 2L)));
    }
}
