package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.ColumnRef;
import dev.querent.semantics.QueryPlan.Join;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.RuleBasedPlanner;
import dev.querent.semantics.SqlPlanReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Plan → SQL → plan: for every plan the rule planner makes for the offline generator's questions and
 * follow-ups, reading back the compiled SQL gives an equivalent plan — and the gold SQL written by
 * hand for the same questions reads into a plan with the same tables, measures and grouping.
 */
class SqlPlanRoundTripTest {
    private static final List<Dialect> DIALECTS = List.of(Dialect.DUCKDB, Dialect.SQLITE);

    private final OfflineFixtures fixtures = new OfflineFixtures();
    private final RuleBasedPlanner planner = new RuleBasedPlanner();
    private final PlanSqlCompiler compiler = new PlanSqlCompiler();
    private final SqlPlanReader reader = new SqlPlanReader();

    @TestFactory
    Stream<DynamicTest> compiledPlansReadBackToTheSamePlan() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect dialect : DIALECTS) {
            SchemaSnapshot schema = fixtures.snapshot(dialect);
            for (OfflineGeneratorExecutionTest.Case c : structured()) {
                tests.add(DynamicTest.dynamicTest(
                        dialect + ": " + c.question(),
                        () -> roundTrip(
                                planner.plan(c.question(), schema, null, OfflineFixtures.TODAY)
                                        .plan(),
                                dialect,
                                schema)));
            }
            for (OfflineGeneratorExecutionTest.FollowUp f : OfflineGeneratorExecutionTest.FOLLOW_UPS) {
                tests.add(DynamicTest.dynamicTest(dialect + ": " + f.first() + " → " + f.followUp(), () -> {
                    QueryPlan first = planner.plan(f.first(), schema, null, OfflineFixtures.TODAY)
                            .plan();
                    QueryPlan refined = planner.plan(f.followUp(), schema, first, OfflineFixtures.TODAY)
                            .plan();
                    if (refined != null && refined.ratio() != null) {
                        readsBackAsSql(refined, dialect, schema);
                    } else {
                        roundTrip(refined, dialect, schema);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /**
     * The grains a plan groups by, where a day of a column that holds whole days is the column itself:
     * {@code date_trunc('day', order_date)} and {@code order_date} make the same groups.
     */
    private static List<TimeGrain> grains(QueryPlan plan, SchemaSnapshot schema) {
        return plan.groupBy().stream()
                .map(d -> d.grain() == TimeGrain.DAY
                                && schema.tables().stream()
                                        .filter(t -> t.qualifiedName()
                                                        .equals(d.column().table())
                                                || t.name().equals(d.column().table()))
                                        .flatMap(t -> t.column(d.column().column()).stream())
                                        .anyMatch(c -> schema.dialect().sql().holdsWholeDays(c.type()))
                        ? null
                        : d.grain())
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> handWrittenGoldSqlReadsLikeThePlannedQuestion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect dialect : DIALECTS) {
            SchemaSnapshot schema = fixtures.snapshot(dialect);
            for (OfflineGeneratorExecutionTest.Case c : structured()) {
                tests.add(DynamicTest.dynamicTest(dialect + ": " + c.question(), () -> {
                    String gold = OfflineGeneratorExecutionTest.gold(c.gold(), dialect);
                    QueryPlan read = reader.read(gold, dialect, schema);
                    QueryPlan planned = planner.plan(c.question(), schema, null, OfflineFixtures.TODAY)
                            .plan();
                    assertThat(read.summary()).as(gold).isNotBlank();
                    assertThat(new HashSet<>(read.tables())).as(gold).isEqualTo(new HashSet<>(planned.tables()));
                    assertThat(read.measures().stream()
                                    .map(QueryPlan.Measure::function)
                                    .toList())
                            .as(gold)
                            .isEqualTo(planned.measures().stream()
                                    .map(QueryPlan.Measure::function)
                                    .toList());
                    assertThat(grains(read, schema)).as(gold).isEqualTo(grains(planned, schema));
                    assertThat(read.joins()).as(gold).hasSameSizeAs(planned.joins());
                }));
            }
        }
        return tests.stream();
    }

    /**
     * A ratio's SQL (conditional aggregates, sub-queries) reads back as a plan that describes it — its
     * tables and a computed measure — not as the two sides the planner divided: the SQL reader does not
     * rebuild a ratio, so a ratio reused from a pattern is shown, and edited, as SQL.
     */
    @TestFactory
    Stream<DynamicTest> ratiosReadBackAsPlansThatDescribeTheirSql() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect dialect : DIALECTS) {
            SchemaSnapshot schema = fixtures.snapshot(dialect);
            for (OfflineGeneratorExecutionTest.Case c : ratios()) {
                tests.add(DynamicTest.dynamicTest(dialect + ": " + c.question(), () -> {
                    readsBackAsSql(
                            planner.plan(c.question(), schema, null, OfflineFixtures.TODAY)
                                    .plan(),
                            dialect,
                            schema);
                }));
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private void readsBackAsSql(QueryPlan plan, Dialect dialect, SchemaSnapshot schema) {
        String sql = compiler.compile(plan, dialect, schema);
        QueryPlan read = reader.read(sql, dialect, schema);
        assertThat(read.hasExpressions()).as(sql).isTrue();
        assertThat(read.summary()).as(sql).isNotBlank();
        assertThat(new HashSet<>(allTables(read))).as(sql).isEqualTo(new HashSet<>(plan.tables()));
    }

    private List<OfflineGeneratorExecutionTest.Case> structured() {
        return OfflineGeneratorExecutionTest.CASES.stream()
                .filter(c -> !ratios().contains(c))
                .toList();
    }

    private List<OfflineGeneratorExecutionTest.Case> ratios() {
        SchemaSnapshot schema = fixtures.snapshot(Dialect.DUCKDB);
        return OfflineGeneratorExecutionTest.CASES.stream()
                .filter(c -> {
                    QueryPlan p = planner.plan(c.question(), schema, null, OfflineFixtures.TODAY)
                            .plan();
                    return p != null && p.ratio() != null;
                })
                .toList();
    }

    /** The schema's tables a plan read from SQL reads, its steps' included (a sub-query's name is none). */
    private static List<String> allTables(QueryPlan p) {
        Set<String> steps = new HashSet<>();
        p.steps().forEach(s -> steps.add(s.name()));
        List<String> out = new ArrayList<>(
                p.tables().stream().filter(t -> !steps.contains(t)).toList());
        p.steps().forEach(s -> out.addAll(allTables(s.plan())));
        return out;
    }

    private void roundTrip(QueryPlan plan, Dialect dialect, SchemaSnapshot schema) {
        assertThat(plan).isNotNull();
        String sql = compiler.compile(plan, dialect, schema);
        QueryPlan read = reader.read(sql, dialect, schema);
        assertThat(read.hasExpressions()).as(sql).isFalse();
        assertThat(normal(read)).as(sql).isEqualTo(normal(plan));
        assertThat(compiler.compile(read, dialect, schema)).as("compiled again").isEqualTo(sql);
        assertThat(read.summary()).isEqualTo(plan.summary());
    }

    /** Equal plans up to what SQL cannot tell apart: join orientation and the order of filters and tables. */
    private static List<Object> normal(QueryPlan p) {
        Set<List<ColumnRef>> joins = new HashSet<>();
        for (Join j : p.joins()) {
            joins.add(List.of(j.left(), j.right()));
        }
        return List.of(
                new HashSet<>(p.tables()),
                joins,
                p.joins().stream().map(Join::type).toList(),
                new HashSet<>(p.filters()),
                p.measures(),
                p.groupBy(),
                p.columns(),
                p.orderBy(),
                String.valueOf(p.limit()),
                p.distinct());
    }
}
