package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptWordsTest {
    @Test
    void stemsAreShownAsTheQuestionsOwnWordsAndKindsAsPhrases() {
        String question = "How many conferences had more than 3 courses?";
        Concept conferences = ConceptKind.WORD.of(Stemmer.stem("conferences"));
        assertThat(ConceptWords.describe(
                        List.of(
                                conferences,
                                ConceptKind.AGG.of("count"),
                                ConceptKind.COMPARE.of("gt"),
                                ConceptKind.VALUE.of("los angeles"),
                                ConceptKind.NEGATION.flag()),
                        question))
                .isEqualTo("\u201cconferences\u201d, a count, a \"more than\" comparison, \u201clos angeles\u201d,"
                        + " a negation");
        assertThat(ConceptWords.describe(List.of(ConceptKind.WORD.of("zzz")), question))
                .isEqualTo("\u201czzz\u201d");
        assertThat(ConceptWords.describe(List.of(ConceptKind.LIMIT.of("5"), ConceptKind.YEAR.of("2021")), null))
                .isEqualTo("a limit of 5, the year 2021");
    }

    @Test
    void aBoundIsShownInWords() {
        assertThat(ConceptWords.describe(
                        List.of(ConceptKind.BOUND.of("gt 2"), ConceptKind.BOUND.of("lte 5")), "More than 2?"))
                .isEqualTo("\u201cmore than 2\u201d, \u201cat most 5\u201d");
    }
}
