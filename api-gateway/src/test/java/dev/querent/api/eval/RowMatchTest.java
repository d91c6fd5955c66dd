package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.eval.RowMatch.Outcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowMatchTest {
    private static List<List<Object>> rows(Object[]... rows) {
        return Arrays.stream(rows).map(Arrays::asList).toList();
    }

    @Test
    void sameRowsInAnotherOrderAndWithDuplicatesMatch() {
        assertThat(RowMatch.compare(
                        rows(new Object[] {"b", 2}, new Object[] {"a", 1}, new Object[] {"a", 1}),
                        rows(new Object[] {"a", 1}, new Object[] {"b", 2})))
                .isEqualTo(Outcome.EXACT);
    }

    @Test
    void columnsAreMatchedByValuesNotNamesOrOrder() {
        assertThat(RowMatch.compare(
                        rows(new Object[] {1, "a"}, new Object[] {2, "b"}),
                        rows(new Object[] {"a", 1}, new Object[] {"b", 2})))
                .isEqualTo(Outcome.EXACT);
    }

    @Test
    void extraColumnsAreASubsetPass() {
        assertThat(RowMatch.compare(
                        rows(new Object[] {"x", "a", 1}, new Object[] {"y", "b", 2}),
                        rows(new Object[] {"a", 1}, new Object[] {"b", 2})))
                .isEqualTo(Outcome.SUBSET);
    }

    @Test
    void missingColumnsOrDifferentValuesAreWrong() {
        assertThat(RowMatch.compare(rows(new Object[] {"a"}), rows(new Object[] {"a", 1})))
                .isEqualTo(Outcome.WRONG);
        assertThat(RowMatch.compare(rows(new Object[] {"a", 1}), rows(new Object[] {"a", 2})))
                .isEqualTo(Outcome.WRONG);
        assertThat(RowMatch.compare(rows(new Object[] {"a", 1}, new Object[] {"b", 2}), rows(new Object[] {"a", 1})))
                .isEqualTo(Outcome.WRONG);
        assertThat(RowMatch.compare(rows(), rows(new Object[] {1}))).isEqualTo(Outcome.WRONG);
    }

    @Test
    void numbersCompareByValueToSixDecimals() {
        assertThat(RowMatch.compare(rows(new Object[] {2.0000001}), rows(new Object[] {2L})))
                .isEqualTo(Outcome.EXACT);
        assertThat(RowMatch.compare(rows(new Object[] {"2.50"}), rows(new Object[] {2.5})))
                .isEqualTo(Outcome.EXACT);
        assertThat(RowMatch.compare(rows(new Object[] {2.01}), rows(new Object[] {2})))
                .isEqualTo(Outcome.WRONG);
    }

    @Test
    void nullsAreValuesOfTheirOwn() {
        assertThat(RowMatch.compare(rows(new Object[] {null}), rows(new Object[] {"null"})))
                .isEqualTo(Outcome.WRONG);
        assertThat(RowMatch.compare(rows(new Object[] {null}), rows(new Object[] {(Object) null})))
                .isEqualTo(Outcome.EXACT);
    }

    @Test
    void twoEmptyResultsMatch() {
        assertThat(RowMatch.compare(rows(), rows())).isEqualTo(Outcome.EXACT);
    }

    @Test
    void birdComparesRowSetsAsTuplesInTheirColumnOrder() {
        var gold = rows(new Object[] {"a", 1}, new Object[] {"b", 2});
        assertThat(RowMatch.compare(
                        RowMatch.Rule.BIRD,
                        rows(new Object[] {"b", 2}, new Object[] {"a", 1}, new Object[] {"a", 1}),
                        gold,
                        true))
                .isEqualTo(RowMatch.Outcome.EXACT);
        assertThat(RowMatch.compare(
                        RowMatch.Rule.BIRD, rows(new Object[] {1, "a"}, new Object[] {2, "b"}), gold, false))
                .isEqualTo(RowMatch.Outcome.WRONG);
        assertThat(RowMatch.compare(
                        RowMatch.Rule.BIRD, rows(new Object[] {"a", 1, "x"}, new Object[] {"b", 2, "y"}), gold, false))
                .isEqualTo(RowMatch.Outcome.WRONG);
    }

    @Test
    void spiderComparesMultisetsWithPermutedColumnsAndOrderOnlyWhenTheGoldOrders() {
        var gold = rows(new Object[] {"a", 1}, new Object[] {"b", 2});
        var swapped = rows(new Object[] {2, "b"}, new Object[] {1, "a"});
        assertThat(RowMatch.compare(RowMatch.Rule.SPIDER, swapped, gold, false)).isEqualTo(RowMatch.Outcome.EXACT);
        assertThat(RowMatch.compare(RowMatch.Rule.SPIDER, swapped, gold, true)).isEqualTo(RowMatch.Outcome.WRONG);
        // Duplicates count: a multiset, not a set.
        assertThat(RowMatch.compare(
                        RowMatch.Rule.SPIDER,
                        rows(new Object[] {"a", 1}, new Object[] {"a", 1}),
                        rows(new Object[] {"a", 1}),
                        false))
                .isEqualTo(RowMatch.Outcome.WRONG);
        // The column count must match: no subset pass.
        assertThat(RowMatch.compare(
                        RowMatch.Rule.SPIDER, rows(new Object[] {"a", 1, 0}, new Object[] {"b", 2, 0}), gold, false))
                .isEqualTo(RowMatch.Outcome.WRONG);
        assertThat(RowMatch.compare(RowMatch.Rule.SPIDER, rows(), rows(), true)).isEqualTo(RowMatch.Outcome.EXACT);
    }
}
