package dev.querent.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ConceptTest {

    @Test
    void isWrittenAsKindAndValueOrTheBareKindOfAFlag() {
        assertThat(ConceptKind.AGG.of("count")).hasToString("agg:count");
        assertThat(ConceptKind.GROUP.of("customer name")).hasToString("group:customer name");
        assertThat(ConceptKind.VALUE.of("")).hasToString("value:");
        assertThat(ConceptKind.NEGATION.flag()).hasToString("negation");
        assertThat(ConceptKind.DISTINCT.flag()).hasToString("distinct");
        assertThat(ConceptKind.RECENT.flag()).hasToString("recent");
    }

    @Test
    void sortsAsItsWrittenForm() {
        List<Concept> concepts = List.of(
                ConceptKind.WORD.of("order"),
                ConceptKind.DISTINCT.flag(),
                ConceptKind.AGG.of("count_distinct"),
                ConceptKind.AGG.of("count"),
                ConceptKind.NEGATION.flag(),
                ConceptKind.VALUE.of("10"),
                ConceptKind.VALUE.of("1 0"));
        Set<Concept> sorted = new TreeSet<>(concepts);
        Set<String> written =
                new TreeSet<>(concepts.stream().map(Concept::toString).toList());

        assertThat(sorted).map(Concept::toString).containsExactlyElementsOf(written);
    }

    @Test
    void travelsAsItsWrittenForm() {
        String json = JsonMapper.builder()
                .build()
                .writeValueAsString(List.of(ConceptKind.YEAR.of("2024"), ConceptKind.NEGATION.flag()));

        assertThat(json).isEqualTo("[\"year:2024\",\"negation\"]");
    }

    @Test
    void aFlagCarriesNoValueAndOnlyAFlagIsBare() {
        assertThatThrownBy(() -> ConceptKind.NEGATION.of("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConceptKind.AGG.flag()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Concept(ConceptKind.RECENT, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
