package dev.querent.agents.relationships;

import static dev.querent.agents.relationships.JoinKeyCandidatesTest.schema;
import static dev.querent.agents.relationships.JoinKeyCandidatesTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelationshipInferenceTest {
    /** Column values held in memory, answering as the connector's queries would. */
    static class FakeProbe implements ValueProbe {
        final Map<String, List<Object>> values = new HashMap<>();
        int calls;

        FakeProbe put(String tableColumn, Object... v) {
            values.put(tableColumn, List.of(v));
            return this;
        }

        @Override
        public boolean unique(TableInfo table, String column, int rows, Duration timeout) {
            calls++;
            List<Object> v = values.getOrDefault(table.name() + "." + column, List.of());
            List<Object> first = v.subList(0, Math.min(rows, v.size()));
            return !first.isEmpty() && new LinkedHashSet<>(first).size() == first.size();
        }

        @Override
        public Containment containment(
                TableInfo from, String fromColumn, TableInfo to, String toColumn, int sample, Duration timeout) {
            calls++;
            List<Object> distinct = new ArrayList<>(
                    new LinkedHashSet<>(values.getOrDefault(from.name() + "." + fromColumn, List.of())));
            distinct = distinct.subList(0, Math.min(sample, distinct.size()));
            Set<Object> target = new LinkedHashSet<>(values.getOrDefault(to.name() + "." + toColumn, List.of()));
            return new Containment(distinct.size(), (int)
                    distinct.stream().filter(target::contains).count());
        }
    }

    private final RelationshipInference inference = new RelationshipInference(
            RelationshipInference.Settings.defaults(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static List<String> found(RelationshipInference.Outcome o) {
        return o.found().stream()
                .map(f -> f.candidate().from().name() + "."
                        + f.candidate().fromColumn().name() + "->"
                        + f.candidate().to().name() + "."
                        + f.candidate().toColumn().name())
                .toList();
    }

    @Test
    void theUniqueSideIsReferencedAndEveryValueMustBeThere() {
        SchemaSnapshot s = schema(table("customers", "customer_id"), table("orders", "order_id", "customer_id"));
        FakeProbe probe =
                new FakeProbe().put("customers.customer_id", 1, 2, 3).put("orders.customer_id", 1, 1, 2, 3, 3);

        assertThat(found(inference.infer(s, probe, Set.of())))
                .containsExactly("orders.customer_id->customers.customer_id");
    }

    @Test
    void valuesMissingFromTheReferencedColumnRefuseThePair() {
        SchemaSnapshot s = schema(table("customers", "customer_id"), table("orders", "order_id", "customer_id"));
        FakeProbe probe = new FakeProbe()
                .put("customers.customer_id", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
                .put("orders.customer_id", 1, 2, 3, 4, 5, 6, 7, 8, 11, 12);

        assertThat(inference.infer(s, probe, Set.of()).found()).isEmpty();
    }

    @Test
    void aReferencedColumnWithRepeatsIsNoKey() {
        SchemaSnapshot s = schema(table("a", "group_code:TEXT"), table("b", "group_code:TEXT"));
        FakeProbe probe = new FakeProbe().put("a.group_code", "x", "x", "y").put("b.group_code", "x", "y", "y");

        assertThat(inference.infer(s, probe, Set.of()).found()).isEmpty();
    }

    @Test
    void oneToOneGoesTowardsTheTableThatOwnsTheName() {
        SchemaSnapshot s = schema(table("state", "state_name:TEXT"), table("highlow", "state_name:TEXT"));
        FakeProbe probe = new FakeProbe().put("state.state_name", "a", "b", "c").put("highlow.state_name", "a", "b");

        assertThat(found(inference.infer(s, probe, Set.of()))).containsExactly("highlow.state_name->state.state_name");
    }

    @Test
    void oneToOneWithoutAnOwnerIsLeftOut() {
        SchemaSnapshot s = schema(table("left_side", "shared_code:TEXT"), table("right_side", "shared_code:TEXT"));
        FakeProbe probe =
                new FakeProbe().put("left_side.shared_code", "a", "b").put("right_side.shared_code", "a", "b");

        assertThat(inference.infer(s, probe, Set.of()).found()).isEmpty();
    }

    @Test
    void whenSeveralTablesHoldTheKeyTheOwnerWins() {
        SchemaSnapshot s = schema(
                table("state", "state_name:TEXT"),
                table("highlow", "state_name:TEXT"),
                table("city", "city_name:TEXT", "state_name:TEXT"));
        FakeProbe probe = new FakeProbe()
                .put("state.state_name", "a", "b", "c")
                .put("highlow.state_name", "a", "b", "c")
                .put("city.state_name", "a", "a", "b");

        assertThat(found(inference.infer(s, probe, Set.of())))
                .containsExactlyInAnyOrder("city.state_name->state.state_name", "highlow.state_name->state.state_name");
    }

    @Test
    void emptyColumnsProveNothing() {
        SchemaSnapshot s = schema(table("customers", "customer_id"), table("orders", "customer_id"));
        FakeProbe probe = new FakeProbe().put("customers.customer_id", 1, 2);

        assertThat(inference.infer(s, probe, Set.of()).found()).isEmpty();
    }

    @Test
    void skippedPairsAreNotChecked() {
        SchemaSnapshot s = schema(table("customers", "customer_id"), table("orders", "customer_id"));
        FakeProbe probe = new FakeProbe().put("customers.customer_id", 1, 2).put("orders.customer_id", 1, 1);
        String removed = JoinKeyCandidates.of(s).stream()
                .filter(c -> c.from().name().equals("orders"))
                .findFirst()
                .orElseThrow()
                .key();

        assertThat(inference.infer(s, probe, Set.of(removed)).found()).isEmpty();
    }

    @Test
    void theQueryBoundStopsTheRunAndSaysSo() {
        List<TableInfo> tables = new ArrayList<>();
        FakeProbe probe = new FakeProbe();
        for (int i = 0; i < 30; i++) {
            tables.add(table("thing" + i, "thing" + i + "_id"));
            tables.add(table("use" + i, "thing" + i + "_id"));
            probe.put("thing" + i + ".thing" + i + "_id", 1, 2).put("use" + i + ".thing" + i + "_id", 1, 1);
        }
        RelationshipInference bounded = new RelationshipInference(
                new RelationshipInference.Settings(
                        300, 10, Duration.ofSeconds(20), Duration.ofSeconds(5), 200, 10_000, 0.9),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        RelationshipInference.Outcome o = bounded.infer(schema(tables.toArray(TableInfo[]::new)), probe, Set.of());

        assertThat(o.complete()).isFalse();
        assertThat(o.queries()).isLessThanOrEqualTo(10);
        assertThat(probe.calls).isLessThanOrEqualTo(10);
        assertThat(o.found()).isNotEmpty().hasSizeLessThan(30);
    }

    @Test
    void aFailingQueryLeavesItsCandidateUnansweredNotRefused() {
        SchemaSnapshot s = schema(table("customers", "customer_id"), table("orders", "order_id", "customer_id"));
        FakeProbe failing = new FakeProbe() {
            @Override
            public Containment containment(
                    TableInfo from, String fromColumn, TableInfo to, String toColumn, int sample, Duration timeout) {
                throw new IllegalStateException("statement timeout");
            }
        }.put("customers.customer_id", 1, 2, 3).put("orders.customer_id", 1, 1, 2);

        RelationshipInference.Outcome o = inference.infer(s, failing, Set.of());

        assertThat(o.found()).isEmpty();
        assertThat(o.complete()).isFalse();
        assertThat(o.unchecked())
                .contains(JoinKeyCandidates.of(s).stream()
                        .filter(c -> c.from().name().equals("orders"))
                        .findFirst()
                        .orElseThrow()
                        .key());
    }

    @Test
    void theCandidateCapIsReportedAsIncomplete() {
        SchemaSnapshot s = schema(table("customers", "customer_id"), table("orders", "customer_id"));
        FakeProbe probe = new FakeProbe().put("customers.customer_id", 1, 2).put("orders.customer_id", 1, 1);
        RelationshipInference capped = new RelationshipInference(
                new RelationshipInference.Settings(
                        1, 100, Duration.ofSeconds(20), Duration.ofSeconds(5), 200, 10_000, 0.9),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        RelationshipInference.Outcome o = capped.infer(s, probe, Set.of());

        assertThat(o.candidates()).isEqualTo(2);
        assertThat(o.complete()).isFalse();
    }
}
