package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionConceptsTest {

    private static final SchemaLabels SCHEMA = SchemaLabels.of(EcommerceSchema.snapshot());

    private static QuestionConcepts.Analysis analyse(String question) {
        return QuestionConcepts.analyse(question, SCHEMA);
    }

    /** The question's concepts as written ({@code agg:count}, {@code negation}). */
    private static List<String> written(String question) {
        return analyse(question).concepts().stream().map(Concept::toString).toList();
    }

    @Test
    void readsAggregatesGrainsYearsAndSchemaWords() {
        assertThat(written("How many orders were placed per month in 2024?"))
                .containsExactlyInAnyOrder("agg:count", "word:order", "grain:month", "year:2024");
    }

    @Test
    void readsLimitsAndSuperlatives() {
        assertThat(written("What are the top 5 products by total revenue?"))
                .containsExactlyInAnyOrder("rank:high", "limit:5", "word:product", "agg:sum");
        assertThat(written("Show the 3 cheapest products")).contains("limit:3", "rank:low");
        assertThat(written("List the first ten customers")).contains("limit:10");
    }

    @Test
    void readsComparisonsAndNegations() {
        assertThat(written("Customers with at most 3 orders")).contains("compare:lt", "value:3");
        assertThat(written("Orders over 100 that weren't shipped"))
                .contains("compare:gt", "value:100", "negation", "value:shipped");
    }

    @Test
    void aNegatedComparisonIsTheOtherComparison() {
        assertThat(written("Products priced not higher than 20"))
                .contains("compare:lt")
                .doesNotContain("negation");
        assertThat(written("Products priced not below 20"))
                .contains("compare:gt")
                .doesNotContain("negation");
    }

    @Test
    void topIsTheFirstFewOfTheOrderTheQuestionNames() {
        assertThat(written("the top 3 products with the lowest price"))
                .contains("rank:any", "rank:low", "limit:3")
                .doesNotContain("rank:high");
        assertThat(written("the top 3 product names in alphabetical order"))
                .contains("rank:any", "order:asc")
                .doesNotContain("rank:high");
        assertThat(written("the top 3 products by revenue")).contains("rank:high");
        assertThat(written("the top 3 products with the highest price, lowest first"))
                .contains("rank:high");
    }

    @Test
    void linksSampleValuesQuotedAndCapitalisedNames() {
        assertThat(written("How many customers in the United States?"))
                .contains("value:united states", "word:customer");
        assertThat(written("Orders of the customer named 'alice smith'")).contains("value:alice smith");
        assertThat(written("Total spent by Acme Corp last year")).contains("value:acme corp", "recent", "agg:sum");
    }

    @Test
    void tellsGroupingFromSorting() {
        assertThat(written("Revenue by product category")).contains("group:product category");
        assertThat(analyse("Customers sorted by name").concepts()).noneMatch(c -> c.kind() == ConceptKind.GROUP);
        assertThat(analyse("Top customers by revenue").concepts()).noneMatch(c -> c.kind() == ConceptKind.GROUP);
    }

    @Test
    void relativePeriodsAreNotLimits() {
        assertThat(written("Orders in the last 30 days")).contains("recent").doesNotContain("limit:30");
    }

    @Test
    void keepsEveryWordAndNumberForCheckingSqlRestrictions() {
        QuestionConcepts.Analysis a = analyse("Completed orders over $1,000 in 2023");

        assertThat(a.stems()).contains(Stemmer.stem("completed"), Stemmer.stem("orders"));
        assertThat(a.numbers()).contains("1000", "2023");
    }

    @Test
    void withoutASchemaContentWordsAreWeakTerms() {
        assertThat(QuestionConcepts.analyse("How many singers are from France?", SchemaLabels.of(null))
                        .concepts())
                .map(Concept::toString)
                .containsExactlyInAnyOrder("agg:count", "term:singer", "value:france");
    }
}
