package dev.querent.agents.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.trust.Shapes;
import dev.querent.agents.trust.Signals;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.schema.TableKind;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.semantics.PatternMatcher;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.RuleBasedPlanner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlannerAgentTest {
    private static final DataSourceId DS = new DataSourceId("shop");
    private static final SchemaSnapshot SCHEMA = new SchemaSnapshot(
            Dialect.DUCKDB,
            "main",
            List.of(new TableInfo(
                    "main",
                    "orders",
                    TableKind.TABLE,
                    "Customer orders",
                    List.of(
                            new ColumnInfo("order_id", "INTEGER", false, null, List.of()),
                            new ColumnInfo("order_date", "DATE", false, null, List.of()),
                            new ColumnInfo("status", "VARCHAR", false, null, List.of("delivered", "shipped")),
                            new ColumnInfo("total_amount", "DECIMAL(10,2)", false, null, List.of())),
                    List.of("order_id"),
                    List.of(),
                    100)),
            Instant.EPOCH);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    private final FakePatterns patterns = new FakePatterns();

    private PlannerAgent planner(boolean llm) {
        return new PlannerAgent(patterns, new PatternMatcher(), new RuleBasedPlanner(), llm, CLOCK);
    }

    @Test
    void aVerifiedPatternWinsWithItsLiteralsSubstituted() {
        patterns.add(
                DS,
                "How many orders were delivered in 2023?",
                "SELECT COUNT(*) FROM orders WHERE status = 'delivered' AND order_date >= DATE '2023-01-01'"
                        + " AND order_date < DATE '2024-01-01'",
                PatternStatus.VERIFIED,
                "ana",
                "review:1");
        Proposal p = planner(false).propose("How many orders were delivered in 2024?", DS, SCHEMA, null);
        assertThat(p.source()).isEqualTo(AnswerSource.PATTERN);
        assertThat(p.draftSql()).contains("2024-01-01").contains("2025-01-01").doesNotContain("2023");
        assertThat(p.plan().summary()).contains("verified");
    }

    @Test
    void candidatePatternsAreNotUsed() {
        patterns.add(DS, "How many orders per status?", "SELECT 42", PatternStatus.CANDIDATE, "bo", "feedback:1");
        assertThat(planner(false)
                        .propose("How many orders per status?", DS, SCHEMA, null)
                        .source())
                .isEqualTo(AnswerSource.RULES);
    }

    @Test
    void instructionsReachTheRulePlanner() {
        Proposal plain = planner(false).propose("How many delivered orders?", DS, SCHEMA, null);
        Proposal like = planner(false)
                .propose("How many delivered orders?", DS, SCHEMA, null, "Always filter strings using LIKE");
        assertThat(plain.plan().filters()).extracting(f -> f.op()).containsExactly(QueryPlan.FilterOp.EQ);
        assertThat(like.plan().filters()).extracting(f -> f.op()).containsExactly(QueryPlan.FilterOp.LIKE);
    }

    @Test
    void rulesPlanWhenNoPatternMatches() {
        Proposal p = planner(false).propose("How many orders per status?", DS, SCHEMA, null);
        assertThat(p.source()).isEqualTo(AnswerSource.RULES);
        assertThat(p.plan().tables()).containsExactly("main.orders");
        assertThat(p.draftSql()).isNull();
    }

    @Test
    void withoutAModelAnUnlinkableQuestionIsRefusedWithAReason() {
        Proposal p = planner(false).propose("What is the meaning of life?", DS, SCHEMA, null);
        assertThat(p.answerable()).isFalse();
        assertThat(p.explanation()).isNotBlank();
    }

    @Test
    void withAModelTheUnlinkableQuestionGoesToTheModel() {
        Proposal p = planner(true).propose("What is the meaning of life?", DS, SCHEMA, null);
        assertThat(p.source()).isEqualTo(AnswerSource.LLM);
        assertThat(p.plan().tables()).isEmpty();
    }

    @Test
    void withAModelEvenAConfidentRulePlanIsTheModelsGuideUnlessTheHarnessShowedRulesBetterForItsShape() {
        Proposal p = planner(true).propose("How many orders per status?", DS, SCHEMA, null);
        assertThat(p.confidence()).isGreaterThanOrEqualTo(0.8);
        assertThat(p.source()).isEqualTo(AnswerSource.LLM);
        assertThat(p.plan().tables()).isNotEmpty();

        String shape = Shapes.of(p.plan());
        ConfidenceModel rulesWinHere =
                new ConfidenceModel(new ConfidenceModel.Calibration("test", Signals.FEATURES, Map.of(), Set.of(shape)));
        PlannerAgent routed = new PlannerAgent(
                patterns,
                new PatternMatcher(),
                new RuleBasedPlanner(),
                true,
                CLOCK,
                null,
                PlannerAgent.DEFAULT_PARAPHRASE_THRESHOLD,
                rulesWinHere);
        assertThat(routed.propose("How many orders per status?", DS, SCHEMA, null)
                        .source())
                .isEqualTo(AnswerSource.RULES);
    }

    /** An in-memory pattern store. */
    private static final class FakePatterns implements PatternStore {
        private final List<QueryPattern> all = new ArrayList<>();

        @Override
        public QueryPattern add(DataSourceId ds, String q, String sql, PatternStatus status, String by, String prov) {
            QueryPattern p =
                    new QueryPattern(UUID.randomUUID().toString(), ds, q, sql, status, by, Instant.EPOCH, 1, prov);
            all.add(p);
            return p;
        }

        @Override
        public QueryPattern update(String id, String question, String sql) {
            throw new UnsupportedOperationException();
        }

        @Override
        public QueryPattern setStatus(String id, PatternStatus status) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<QueryPattern> find(String id) {
            return all.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        @Override
        public List<QueryPattern> list(DataSourceId ds, PatternStatus status, String text) {
            return all.stream()
                    .filter(p -> ds == null || p.dataSourceId().equals(ds))
                    .filter(p -> status == null || p.status() == status)
                    .toList();
        }

        @Override
        public boolean delete(String id) {
            return all.removeIf(p -> p.id().equals(id));
        }
    }
}
