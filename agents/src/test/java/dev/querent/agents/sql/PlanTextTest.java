package dev.querent.agents.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTextTest {

    /** A prompt's plan shows alternatives as one OR and a condition kept as SQL as its text. */
    @Test
    void alternativesAndConditionsKeptAsSqlAreWrittenAsTheyHold() {
        ColumnRef first = new ColumnRef("doctors", "first_name");
        ColumnRef last = new ColumnRef("doctors", "last_name");
        QueryPlan p = QueryPlan.summaryOnly("Doctors named J… or …son")
                .withFilters(List.of(
                        Filter.anyOf(List.of(
                                new Filter(first, FilterOp.LIKE, List.of("J%"), ValueType.STRING),
                                new Filter(last, FilterOp.LIKE, List.of("%son%"), ValueType.STRING))),
                        Filter.expression("doctors.doc_id IN (SELECT doc_id FROM treatments)")));
        assertThat(PlanText.render(p))
                .contains("Filters: (doctors.first_name LIKE [J%] OR doctors.last_name LIKE [%son%]);"
                        + " doctors.doc_id IN (SELECT doc_id FROM treatments)");
    }
}
