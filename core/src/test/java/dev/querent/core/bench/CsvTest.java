package dev.querent.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void readsQuotedFieldsWithCommasQuotesAndNewlines() {
        String text = "db_name,query\r\nacademic,\"SELECT 'a, b';\nSELECT \"\"x\"\"\"\nyelp,SELECT 1\n";
        assertThat(Csv.readWithHeader(text))
                .containsExactly(
                        Map.of("db_name", "academic", "query", "SELECT 'a, b';\nSELECT \"x\""),
                        Map.of("db_name", "yelp", "query", "SELECT 1"));
    }

    @Test
    void keepsEmptyFields() {
        assertThat(Csv.read("a,,c\n")).containsExactly(List.of("a", "", "c"));
    }
}
