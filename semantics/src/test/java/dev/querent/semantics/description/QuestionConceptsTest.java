package dev.querent.semantics.description;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.lexicon.Stemmer;
import java.time.Instant;
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

    /** "Starts with 'J'" is how a text is matched, never a column named "start". */
    @Test
    void aTextMatchIsNoSchemaWord() {
        SchemaLabels treatments = SchemaLabels.of(new SchemaSnapshot(
                Dialect.POSTGRESQL,
                "public",
                List.of(new TableInfo(
                        "public",
                        "doctors",
                        TableKind.TABLE,
                        null,
                        List.of(
                                new ColumnInfo("first_name", "text", true, null, List.of()),
                                new ColumnInfo("start_dt", "date", true, null, List.of()),
                                new ColumnInfo("end_dt", "date", true, null, List.of())),
                        List.of(),
                        List.of(),
                        10)),
                Instant.parse("2025-01-01T00:00:00Z")));
        for (String q : List.of(
                "Doctors whose first name starts with 'J'",
                "Doctors whose first name begins with J",
                "Doctors whose first name ends with 'son'")) {
            assertThat(QuestionConcepts.analyse(q, treatments).concepts())
                    .as(q)
                    .extracting(Concept::toString)
                    .noneMatch(
                            c -> c.startsWith("word:start") || c.startsWith("word:end") || c.startsWith("word:begin"));
        }
        assertThat(QuestionConcepts.analyse("Doctors by start date", treatments).concepts())
                .extracting(Concept::toString)
                .anyMatch(c -> c.startsWith("word:start"));
    }

    /** "Across all orders" names every order there is: nothing the SQL must read. */
    @Test
    void theRowsAcrossAllOfWhichAQuestionAsksAreNotRequired() {
        assertThat(written("What is the average price across all products?")).doesNotContain("word:product");
        assertThat(written("What is the average price among all products?")).doesNotContain("word:product");
        assertThat(written("What is the average price of all products?")).contains("word:product");
    }

    /** "Earlier than the other" relates two things the question names, either way round: no bound. */
    @Test
    void aComparativeWithTheOtherIsNoBound() {
        for (String q : List.of(
                "Orders shipped in the same month as placed (the order or the shipment can be earlier than the other)",
                "Customers whose two orders are larger than each other",
                "Products cheaper than one another")) {
            assertThat(written(q)).as(q).noneMatch(c -> c.startsWith("compare:"));
        }
        assertThat(written("Orders shipped earlier than 2024-03-01")).contains("compare:lt");
        assertThat(written("Products heavier than the others in their category"))
                .contains("compare:gt");
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
