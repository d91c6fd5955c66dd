package dev.querent.agents.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.Chat;
import dev.querent.agents.ChatEvent;
import dev.querent.agents.ChatEventType;
import dev.querent.agents.ClarificationAnswer;
import dev.querent.agents.Feedback;
import dev.querent.agents.ReviewItem;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnResult;
import dev.querent.agents.TurnState;
import dev.querent.agents.ValidationReport;
import dev.querent.core.DataSourceId;
import dev.querent.core.QuerentException;
import dev.querent.core.ResultColumn;
import dev.querent.knowledge.KnowledgeMigrations;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.jdbi.JdbiPatternStore;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.Verdict;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One contract for the metadata and knowledge stores, run against every supported metadata
 * database: migrations apply (twice, idempotently) and every store round-trips its records.
 */
abstract class MetadataStoreContractIT {
    private ChatStore chats;
    private DataSourceStore dataSources;
    private FeedbackStore feedback;
    private SettingsStore settings;
    private PatternStore patterns;
    private DataSourceId ds;

    /** A fresh, empty database for one test. */
    protected abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        DataSource db = freshDatabase();
        MetadataMigrations.migrate(db);
        KnowledgeMigrations.migrate(db);
        MetadataMigrations.migrate(db);
        KnowledgeMigrations.migrate(db);
        Jdbi jdbi = Jdbi.create(db);
        Clock clock = Clock.systemUTC();
        chats = new ChatStore(jdbi, clock);
        dataSources = new DataSourceStore(jdbi, clock);
        feedback = new FeedbackStore(jdbi, clock);
        settings = new SettingsStore(jdbi);
        patterns = new JdbiPatternStore(jdbi, clock);
        ds = DataSourceId.random();
        dataSources.insert(ds, "Demo", "duckdb", Map.of("path", "/tmp/demo.duckdb"), "ciphertext");
    }

    @Test
    void dataSourcesRoundTripAndHaveOneDefault() {
        DataSourceId other = DataSourceId.random();
        dataSources.insert(other, "Other", "sqlite", Map.of("path", "/tmp/x.sqlite"), null);
        dataSources.setDefault(ds);
        dataSources.setDefault(other);
        assertThat(dataSources.list())
                .filteredOn(StoredDataSource::isDefault)
                .extracting(StoredDataSource::id)
                .containsExactly(other);
        dataSources.saveSchema(ds, "{\"tables\":[]}", java.time.Instant.ofEpochMilli(1234));
        StoredDataSource found = dataSources.find(ds).orElseThrow();
        assertThat(found.settings()).containsEntry("path", "/tmp/demo.duckdb");
        assertThat(found.secretsEncrypted()).isEqualTo("ciphertext");
        assertThat(found.schemaAt().toEpochMilli()).isEqualTo(1234);
        assertThat(dataSources.update(ds, "Renamed", Map.of("path", "/tmp/y"), null))
                .isTrue();
        assertThat(dataSources.find(ds).orElseThrow().schemaJson())
                .as("settings change drops the cached schema")
                .isNull();
        assertThat(dataSources.delete(other)).isTrue();
        assertThat(dataSources.find(other)).isEmpty();
    }

    @Test
    void turnsArePersistedBeforeWorkAndIdempotentPerClientMessage() {
        Chat chat = chats.createChat("New chat", ds);
        Turn first = chats.createTurn(chat.id(), "How many orders?", "client-1");
        Turn again = chats.createTurn(chat.id(), "How many orders?", "client-1");
        Turn second = chats.createTurn(chat.id(), "And per month?", null);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.state()).isEqualTo(TurnState.PLANNING);
        assertThat(List.of(first.seq(), second.seq())).containsExactly(1, 2);

        QueryPlan plan = new QueryPlan(
                List.of("ecommerce.orders"),
                List.of(),
                List.of(new QueryPlan.Filter(
                        new QueryPlan.ColumnRef("ecommerce.orders", "order_date"),
                        QueryPlan.FilterOp.BETWEEN,
                        List.of("2024-01-01", "2024-12-31"),
                        QueryPlan.ValueType.DATE)),
                List.of(new QueryPlan.Measure(QueryPlan.Aggregate.COUNT, null, "orders")),
                List.of(),
                List.of(),
                List.of(new QueryPlan.Order("orders", QueryPlan.Direction.DESC)),
                10,
                false,
                "Counts orders.");
        TurnResult result = new TurnResult(
                List.of(new ResultColumn("m", "DATE"), new ResultColumn("n", "BIGINT")),
                List.of(List.of("2024-01-01", 42), List.of("2024-02-01", 7)),
                2,
                false,
                5);
        ValidationReport report = new ValidationReport(
                true, List.of(), List.of("limit added"), true, "Counts orders.", 0.9, Verdict.AGREES, false);
        Turn saved = chats.saveTurn(first.toBuilder()
                .state(TurnState.ANSWERED)
                .source(AnswerSource.RULES)
                .confidence(0.8)
                .plan(plan)
                .sql("SELECT 1")
                .validation(report)
                .result(result)
                .build());
        assertThat(saved.plan()).isEqualTo(plan);
        assertThat(saved.validation()).isEqualTo(report);
        assertThat(saved.result().rows()).hasSize(2);
        assertThat(saved.result().rows().get(0).get(1)).isEqualTo(42);
        assertThat(chats.turns(chat.id())).extracting(Turn::seq).containsExactly(1, 2);
    }

    @Test
    void instructionsAreStoredWithTheTurnAndSurviveItsUpdates() {
        Chat chat = chats.createChat("c", ds);
        Turn plain = chats.createTurn(chat.id(), "How many orders?", null);
        Turn instructed =
                chats.createTurn(chat.id(), "Which customers are in Paris?", null, "Always filter names using LIKE");
        assertThat(plain.instructions()).isNull();
        assertThat(instructed.instructions()).isEqualTo("Always filter names using LIKE");
        Turn saved = chats.saveTurn(
                instructed.toBuilder().state(TurnState.CANNOT_ANSWER).build());
        assertThat(saved.instructions()).isEqualTo("Always filter names using LIKE");
        assertThat(chats.findTurn(instructed.id()).orElseThrow().instructions())
                .isEqualTo("Always filter names using LIKE");
    }

    @Test
    void aClarifyingQuestionAndItsAnswersAreStoredWithTheTurn() {
        Chat chat = chats.createChat("c", ds);
        Turn turn = chats.createTurn(chat.id(), "How many users per month?", null);
        Binding created = new Binding(Ambiguity.TIME_COLUMN, null, "saas.users", "created_at", null, null);
        Binding lastLogin = new Binding(Ambiguity.TIME_COLUMN, null, "saas.users", "last_login_at", null, null);
        Clarification asked = new Clarification(
                "Which date should \"month\" use?",
                Ambiguity.TIME_COLUMN,
                null,
                List.of(
                        new Clarification.Choice("c1", "users.created_at", created),
                        new Clarification.Choice("c2", "users.last_login_at", lastLogin)));
        Turn waiting = chats.saveTurn(turn.toBuilder()
                .state(TurnState.AWAITING_CLARIFICATION)
                .clarification(asked)
                .build());
        assertThat(chats.findTurn(turn.id()).orElseThrow().clarification()).isEqualTo(asked);
        assertThat(waiting.answers()).isEmpty();

        ClarificationAnswer answer =
                new ClarificationAnswer(asked.question(), "c2", "users.last_login_at", lastLogin, null);
        chats.saveTurn(waiting.toBuilder()
                .state(TurnState.AWAITING_CONFIRMATION)
                .clarification(null)
                .answers(List.of(answer))
                .build());
        Turn read = chats.findTurn(turn.id()).orElseThrow();
        assertThat(read.clarification()).isNull();
        assertThat(read.answers()).containsExactly(answer);
        assertThat(chats.findTurn(chats.createTurn(chat.id(), "q", null).id())
                        .orElseThrow()
                        .answers())
                .isEmpty();
    }

    @Test
    void eventsGetIncreasingSequenceNumbersAndReplayAfterASeq() {
        Chat chat = chats.createChat("c", ds);
        Turn turn = chats.createTurn(chat.id(), "q", null);
        ChatEvent a = chats.appendEvent(chat.id(), turn.id(), ChatEventType.TURN_STARTED, Map.of("q", "q"));
        ChatEvent b = chats.appendEvent(chat.id(), turn.id(), ChatEventType.PLAN_PROPOSED, Map.of("x", 1));
        ChatEvent c = chats.appendEvent(chat.id(), turn.id(), ChatEventType.DONE, Map.of());
        assertThat(List.of(a.seq(), b.seq(), c.seq())).containsExactly(1L, 2L, 3L);
        assertThat(chats.eventsAfter(chat.id(), 1))
                .extracting(ChatEvent::type)
                .containsExactly(ChatEventType.PLAN_PROPOSED, ChatEventType.DONE);
        assertThat(chats.deleteChat(chat.id())).isTrue();
        assertThat(chats.eventsAfter(chat.id(), 0)).isEmpty();
        assertThat(chats.findTurn(turn.id())).isEmpty();
    }

    @Test
    void feedbackWaitsUntilProcessedAndReviewsKeepHistory() {
        Chat chat = chats.createChat("c", ds);
        Turn turn = chats.createTurn(chat.id(), "q", null);
        Feedback f = feedback.addFeedback(turn.id(), Feedback.Rating.DOWN, "wrong year", "SELECT 2");
        assertThat(feedback.unprocessed()).extracting(Feedback::id).containsExactly(f.id());
        ReviewItem item = feedback.addReviewItem(
                ds, turn.id(), f.id(), "q", "SELECT 2", ReviewItem.Reason.CORRECTED_SQL, "corrected", null);
        feedback.markProcessed(f.id());
        assertThat(feedback.unprocessed()).isEmpty();
        ReviewItem decided = feedback.decide(item.id(), ReviewItem.Status.APPROVED, "ana", "looks right", "SELECT 3");
        assertThat(decided.sql()).isEqualTo("SELECT 3");
        assertThat(decided.history())
                .extracting(ReviewItem.HistoryEntry::action)
                .containsExactly("QUEUED", "APPROVED");
        assertThat(feedback.listReviewItems(ReviewItem.Status.PENDING, null, null))
                .isEmpty();
        assertThat(feedback.listReviewItems(ReviewItem.Status.APPROVED, ds, ReviewItem.Reason.CORRECTED_SQL))
                .hasSize(1);
    }

    @Test
    void patternsAreVersionedAndFiltered() {
        QueryPattern p = patterns.add(
                ds,
                "How many orders in 2024?",
                "SELECT COUNT(*) FROM orders",
                PatternStatus.VERIFIED,
                "ana",
                "review:1");
        patterns.add(ds, "Total revenue", "SELECT SUM(total) FROM orders", PatternStatus.CANDIDATE, "bo", "feedback:2");
        assertThat(patterns.list(ds, PatternStatus.VERIFIED, null))
                .extracting(QueryPattern::id)
                .containsExactly(p.id());
        assertThat(patterns.list(null, null, "REVENUE")).hasSize(1);
        QueryPattern updated = patterns.update(
                p.id(), "How many orders were placed in 2024?", "SELECT COUNT(*) FROM orders WHERE 1=1");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(patterns.setStatus(p.id(), PatternStatus.BROKEN).status()).isEqualTo(PatternStatus.BROKEN);
        assertThat(patterns.delete(p.id())).isTrue();
        assertThatThrownBy(() -> patterns.update(p.id(), "x", "y")).isInstanceOf(QuerentException.class);
    }

    @Test
    void settingsUpsert() {
        settings.put("projectName", "A");
        settings.put("projectName", "B");
        assertThat(settings.get("projectName")).contains("B");
        assertThat(settings.get("missing")).isEmpty();
    }
}
