package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import org.junit.jupiter.api.Test;

class QuestionConceptsTest {

    private static final SchemaIndex SCHEMA = SchemaIndex.of(EcommerceSchema.snapshot());

    private static QuestionConcepts.Analysis analyse(String question) {
        return QuestionConcepts.analyse(question, SCHEMA);
    }

    @Test
    void readsAggregatesGrainsYearsAndSchemaWords() {
        assertThat(analyse("How many orders were placed per month in 2024?").concepts())
                .map(Concept::toString)
                .containsExactlyInAnyOrder("agg:count", "word:order", "grain:month", "year:2024");
    }

    @Test
    void readsLimitsAndSuperlatives() {
        assertThat(analyse("What are the top 5 products by total revenue?").concepts())
                .map(Concept::toString)
                .containsExactlyInAnyOrder("rank:high", "limit:5", "word:product", "agg:sum");
        assertThat(analyse("Show the 3 cheapest products").concepts())
                .map(Concept::toString)
                .contains("limit:3", "rank:low");
        assertThat(analyse("List the first ten customers").concepts())
                .map(Concept::toString)
                .contains("limit:10");
    }

    @Test
    void readsComparisonsAndNegations() {
        assertThat(analyse("Customers with at most 3 orders").concepts())
                .map(Concept::toString)
                .contains("compare:lt", "value:3");
        assertThat(analyse("Orders over 100 that weren't shipped").concepts())
                .map(Concept::toString)
                .contains("compare:gt", "value:100", "negation", "value:shipped");
    }

    @Test
    void linksSampleValuesQuotedAndCapitalisedNames() {
        assertThat(analyse("How many customers in the United States?").concepts())
                .map(Concept::toString)
                .contains("value:united states", "word:customer");
        assertThat(analyse("Orders of the customer named 'alice smith'").concepts())
                .map(Concept::toString)
                .contains("value:alice smith");
        assertThat(analyse("Total spent by Acme Corp last year").concepts())
                .map(Concept::toString)
                .contains("value:acme corp", "recent", "agg:sum");
    }

    @Test
    void tellsGroupingFromSorting() {
        assertThat(analyse("Revenue by product category").concepts())
                .map(Concept::toString)
                .contains("group:product category");
        assertThat(analyse("Customers sorted by name").concepts()).noneMatch(c -> c.kind() == ConceptKind.GROUP);
        assertThat(analyse("Top customers by revenue").concepts()).noneMatch(c -> c.kind() == ConceptKind.GROUP);
    }

    @Test
    void relativePeriodsAreNotLimits() {
        assertThat(analyse("Orders in the last 30 days").concepts())
                .map(Concept::toString)
                .contains("recent")
                .doesNotContain("limit:30");
    }

    @Test
    void keepsEveryWordAndNumberForCheckingSqlRestrictions() {
        QuestionConcepts.Analysis a = analyse("Completed orders over $1,000 in 2023");

        assertThat(a.stems()).contains(Stemmer.stem("completed"), Stemmer.stem("orders"));
        assertThat(a.numbers()).contains("1000", "2023");
    }

    @Test
    void withoutASchemaContentWordsAreWeakTerms() {
        assertThat(QuestionConcepts.analyse("How many singers are from France?", SchemaIndex.of(null))
                        .concepts())
                .map(Concept::toString)
                .containsExactlyInAnyOrder("agg:count", "term:singer", "value:france");
    }
}
