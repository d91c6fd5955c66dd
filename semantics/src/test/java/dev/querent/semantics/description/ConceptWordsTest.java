package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptWordsTest {
    @Test
    void stemsAreShownAsTheQuestionsOwnWordsAndKindsAsPhrases() {
        String question = "How many conferences had more than 3 courses?";
        String conferences = ConceptKind.WORD.of(Stemmer.stem("conferences"));
        assertThat(ConceptWords.describe(
                        List.of(conferences, "agg:count", "compare:gt", "value:los angeles", "negation"), question))
                .isEqualTo("\u201cconferences\u201d, a count, a \"more than\" comparison, \u201clos angeles\u201d,"
                        + " a negation");
        assertThat(ConceptWords.describe(List.of("word:zzz"), question)).isEqualTo("\u201czzz\u201d");
        assertThat(ConceptWords.describe(List.of("limit:5", "year:2021"), null))
                .isEqualTo("a limit of 5, the year 2021");
    }
}
