package dev.querent.knowledge.chroma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

class ChromaFiltersTest {
    private static final FilterExpressionBuilder F = new FilterExpressionBuilder();

    private static Map<String, Object> where(String text) {
        return ChromaFilters.where(new FilterExpressionTextParser().parse(text));
    }

    @Test
    void comparisonsBecomeOperatorsOnTheKey() {
        assertThat(where("kind == 'table'")).isEqualTo(Map.of("kind", Map.of("$eq", "table")));
        assertThat(where("kind != 'table'")).isEqualTo(Map.of("kind", Map.of("$ne", "table")));
        assertThat(where("rows >= 40000")).isEqualTo(Map.of("rows", Map.of("$gte", 40000)));
        assertThat(where("ratio < 0.5")).isEqualTo(Map.of("ratio", Map.of("$lt", 0.5)));
        assertThat(where("pinned == true")).isEqualTo(Map.of("pinned", Map.of("$eq", true)));
        assertThat(where("'data source' == 'dw'")).isEqualTo(Map.of("data source", Map.of("$eq", "dw")));
    }

    @Test
    void listsAndBooleanOperatorsNest() {
        assertThat(where("kind IN ['table', 'column'] && (rows > 5 || pinned == true)"))
                .isEqualTo(Map.of(
                        "$and",
                        List.of(
                                Map.of("kind", Map.of("$in", List.of("table", "column"))),
                                Map.of(
                                        "$or",
                                        List.of(
                                                Map.of("rows", Map.of("$gt", 5)),
                                                Map.of("pinned", Map.of("$eq", true)))))));
        assertThat(ChromaFilters.where(F.nin("kind", "pattern").build()))
                .isEqualTo(Map.of("kind", Map.of("$nin", List.of("pattern"))));
    }

    @Test
    void negationIsPushedDownToTheComparisons() {
        assertThat(ChromaFilters.where(
                        F.not(F.and(F.eq("kind", "table"), F.gt("rows", 5))).build()))
                .isEqualTo(Map.of(
                        "$or", List.of(Map.of("kind", Map.of("$ne", "table")), Map.of("rows", Map.of("$lte", 5)))));
        assertThat(ChromaFilters.where(F.not(F.not(F.in("kind", "table"))).build()))
                .isEqualTo(Map.of("kind", Map.of("$in", List.of("table"))));
        assertThat(where("NOT (kind == 'table' && NOT (rows <= 5))"))
                .isEqualTo(Map.of(
                        "$or", List.of(Map.of("kind", Map.of("$ne", "table")), Map.of("rows", Map.of("$lte", 5)))));
    }

    @Test
    void refusesWhatChromaCannotFilter() {
        assertThatThrownBy(() -> where("name > 'm'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only numbers");
        assertThatThrownBy(() -> ChromaFilters.where(F.isNull("kind").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists");
        assertThatThrownBy(() -> ChromaFilters.where(F.not(F.isNotNull("kind")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists");
        Filter.Expression date = new Filter.Expression(
                Filter.ExpressionType.EQ, new Filter.Key("day"), new Filter.Value(java.time.LocalDate.EPOCH));
        assertThatThrownBy(() -> ChromaFilters.where(date))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LocalDate");
    }
}
