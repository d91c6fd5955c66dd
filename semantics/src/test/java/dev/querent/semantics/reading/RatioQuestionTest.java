package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatioQuestionTest {

    @Test
    void readsTheTwoSidesAndWhatBothShare() {
        RatioQuestion r = RatioQuestion.read(
                        "What is the ratio of the number of courses with projects to the number of courses with exams"
                                + " in each semester?")
                .orElseThrow();
        assertThat(r.numerator()).isEqualTo("the number of courses with projects");
        assertThat(r.denominator()).isEqualTo("the number of courses with exams");
        assertThat(r.shared()).isEqualTo("in each semester");
        assertThat(r.numeratorQuestion()).isEqualTo("How many courses with projects in each semester?");
        assertThat(r.denominatorQuestion()).isEqualTo("How many courses with exams in each semester?");
    }

    @Test
    void aVerbAfterTheSidesBelongsToTheRatioNotToEitherSide() {
        RatioQuestion r = RatioQuestion.read("How does the ratio of authors to organizations differ by continent?")
                .orElseThrow();
        assertThat(r.numeratorQuestion()).isEqualTo("How many authors by continent?");
        assertThat(r.denominatorQuestion()).isEqualTo("How many organizations by continent?");
    }

    @Test
    void sidesThatNameAQuantityAreAskedAsThemselvesAndCanBeTotalled() {
        RatioQuestion r = RatioQuestion.read(
                        "What is the ratio of the length of the Mississippi River to the length of the Rhine River?")
                .orElseThrow();
        assertThat(r.numeratorQuestion()).isEqualTo("What is the length of the Mississippi River?");
        RatioQuestion costs = RatioQuestion.read("Get the ratio of unit cost per list price for each product")
                .orElseThrow();
        assertThat(costs.numerator()).isEqualTo("unit cost");
        assertThat(costs.denominator()).isEqualTo("list price");
        assertThat(costs.numeratorTotalQuestion()).isEqualTo("What is the total unit cost for each product?");
    }

    @Test
    void wordsThatSayNothingAboutTheRowsAreDropped() {
        RatioQuestion r = RatioQuestion.read(
                        "What is the ratio of papers published in 2020 to the total number of papers in the database?")
                .orElseThrow();
        assertThat(r.shared()).isEmpty();
        assertThat(r.denominatorQuestion()).isEqualTo("How many papers?");
    }

    /** A share divides the rows its condition keeps by all the rows it speaks of. */
    @Test
    void aShareIsItsRowsWithTheConditionOverTheRowsWithout() {
        assertThat(RatioQuestion.read("What percentage of orders were cancelled?"))
                .contains(new RatioQuestion("orders were cancelled", "orders", "", true));
        assertThat(RatioQuestion.read(
                        "What is the proportion of customers who placed more than 5 orders in each country?"))
                .contains(new RatioQuestion(
                        "customers who placed more than 5 orders", "customers", "in each country", false));
        assertThat(RatioQuestion.read(
                        "What is the proportion of flights with stops out of all flights for each airline code?"))
                .contains(new RatioQuestion("flights with stops", "all flights", "for each airline code", false));
        assertThat(RatioQuestion.read("What is the percentage of successful transactions?"))
                .contains(new RatioQuestion("successful transactions", "transactions", "", true));
        assertThat(RatioQuestion.read("What share of cancelled orders per country?"))
                .contains(new RatioQuestion("cancelled orders", "orders", "per country", false));
        RatioQuestion orders2024 = RatioQuestion.read("What percent of orders in 2024 had a total above 100?")
                .orElseThrow();
        assertThat(orders2024.denominatorQuestion()).isEqualTo("How many orders in 2024?");
        assertThat(orders2024.numeratorQuestion()).isEqualTo("How many orders in 2024 had a total above 100?");
    }

    @Test
    void questionsAskingForMoreThanTheRatioOrForOtherShapesAreNotRead() {
        assertThat(RatioQuestion.read(
                        "How does the ratio of publications to journals change over the years? Return the annual"
                                + " numbers of publications and journals as well."))
                .isEmpty();
        assertThat(RatioQuestion.read("How does the average ratio of speed to payload vary by maker?"))
                .isEmpty();
        assertThat(RatioQuestion.read("What is the percentage of big transactions?"))
                .isEmpty();
        assertThat(RatioQuestion.read("How many orders per customer?")).isEmpty();
        assertThat(RatioQuestion.read(null)).isEmpty();
    }
}
