package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.agents.store.ChatStore;
import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.FeedbackStore;
import dev.querent.agents.store.MetadataMigrations;
import dev.querent.agents.store.SecretCipher;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.sqlite.SqliteConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.KnowledgeMigrations;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.jdbi.JdbiPatternStore;
import dev.querent.semantics.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/**
 * The Learning agent against real stores: a SQLite metadata database migrated as the application
 * migrates it, and a SQLite data source file the agent previews and dry-runs SQL on.
 */
class LearningAgentIT {
    private static final String PARIS_CUSTOMERS = "SELECT name FROM customers WHERE city = 'Paris' ORDER BY name";
    private static final String PAID_TOTAL = "SELECT SUM(amount) AS paid FROM orders WHERE status = 'paid'";

    @TempDir
    Path dir;

    private Path dataFile;
    private Jdbi jdbi;
    private ChatStore chats;
    private FeedbackStore feedback;
    private PatternStore patterns;
    private DataSourceService dataSources;
    private SqlGuard guard;
    private DataSourceId ds;

    @BeforeEach
    void setUp() throws SQLException {
        dataFile = dir.resolve("shop.db");
        execute(
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
                        + " amount INTEGER NOT NULL, status TEXT NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Ada', 'Paris'), (2, 'Bob', 'Lyon'), (3, 'Cleo', 'Paris')",
                "INSERT INTO orders VALUES (10, 1, 120, 'paid'), (11, 1, 80, 'refunded'), (12, 2, 200, 'paid'),"
                        + " (13, 3, 50, 'paid')");

        SQLiteDataSource meta = new SQLiteDataSource();
        meta.setUrl("jdbc:sqlite:" + dir.resolve("meta.db") + "?foreign_keys=on");
        MetadataMigrations.migrate(meta);
        KnowledgeMigrations.migrate(meta);
        jdbi = Jdbi.create(meta);
        Clock clock = Clock.systemUTC();
        chats = new ChatStore(jdbi, clock);
        feedback = new FeedbackStore(jdbi, clock);
        patterns = new JdbiPatternStore(jdbi, clock);
        dataSources = new DataSourceService(
                new DataSourceStore(jdbi, clock),
                new ConnectorRegistry(List.of(new SqliteConnectorFactory(SourcePolicy.allowingFilesIn(dir)))),
                new SecretCipher(SecretCipher.newKey()));
        ds = dataSources
                .create("Shop", "sqlite", Map.of("path", dataFile.toString()), Map.of())
                .id();
        guard = new SqlGuard(GuardPolicy.defaults());
    }

    @AfterEach
    void tearDown() {
        dataSources.close();
    }

    @Test
    void thumbsUpQueuesACandidateThatApprovalVerifiesInPlace() {
        LearningAgent agent = agent(false);
        Turn turn = answered("Which customers live in Paris?", PARIS_CUSTOMERS, Verdict.AGREES, false);

        Feedback saved = agent.submit(turn.id(), Feedback.Rating.UP, null, null);

        assertThat(saved.processedAt()).isNotNull();
        QueryPattern candidate = onlyPattern();
        assertThat(candidate.status()).isEqualTo(PatternStatus.CANDIDATE);
        assertThat(candidate.sql()).isEqualTo(PARIS_CUSTOMERS);
        assertThat(candidate.version()).isEqualTo(1);
        ReviewItem item = onlyPendingItem();
        assertThat(item.reason()).isEqualTo(ReviewItem.Reason.THUMBS_UP);
        assertThat(item.patternId()).isEqualTo(candidate.id());
        assertThat(item.feedbackId()).isEqualTo(saved.id());
        assertThat(normalized(item.preview().rows())).isEqualTo(List.of(List.of("Ada"), List.of("Cleo")));

        ReviewItem decided = agent.approve(item.id(), "rita", null, "looks right");

        assertThat(decided.status()).isEqualTo(ReviewItem.Status.APPROVED);
        assertThat(decided.reviewer()).isEqualTo("rita");
        QueryPattern verified = onlyPattern();
        assertThat(verified.id()).isEqualTo(candidate.id());
        assertThat(verified.status()).isEqualTo(PatternStatus.VERIFIED);
        assertThat(verified.sql()).isEqualTo(PARIS_CUSTOMERS);
        assertThat(verified.version()).isEqualTo(1);
        assertThat(feedback.listReviewItems(ReviewItem.Status.PENDING, ds, null))
                .isEmpty();
        assertThatThrownBy(() -> agent.approve(item.id(), "rita", null, null))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void approvingAThumbsUpWithAnEditReplacesTheCandidatesSqlAsVersionTwo() throws SQLException {
        LearningAgent agent = agent(false);
        Turn turn = answered(
                "Which customers live in Paris?", "SELECT name FROM customers ORDER BY name", Verdict.AGREES, false);
        agent.submit(turn.id(), Feedback.Rating.UP, null, null);
        QueryPattern candidate = onlyPattern();

        ReviewItem decided = agent.approve(onlyPendingItem().id(), "rita", "  " + PARIS_CUSTOMERS + "\n", null);

        assertThat(decided.sql()).isEqualTo(PARIS_CUSTOMERS);
        QueryPattern verified = onlyPattern();
        assertThat(verified.id()).isEqualTo(candidate.id());
        assertThat(verified.status()).isEqualTo(PatternStatus.VERIFIED);
        assertThat(verified.sql()).isEqualTo(PARIS_CUSTOMERS);
        assertThat(verified.version()).isEqualTo(2);
        assertThat(rowsOnTheFile(verified.sql())).isEqualTo(List.of(List.of("Ada"), List.of("Cleo")));
    }

    @Test
    void rejectingAThumbsUpRejectsItsCandidate() {
        LearningAgent agent = agent(false);
        Turn turn = answered("Which customers live in Paris?", PARIS_CUSTOMERS, Verdict.AGREES, false);
        agent.submit(turn.id(), Feedback.Rating.UP, null, null);
        ReviewItem item = onlyPendingItem();

        ReviewItem decided = agent.reject(item.id(), "rita", "not what we mean by customers");

        assertThat(decided.status()).isEqualTo(ReviewItem.Status.REJECTED);
        QueryPattern rejected = onlyPattern();
        assertThat(rejected.id()).isEqualTo(item.patternId());
        assertThat(rejected.status()).isEqualTo(PatternStatus.REJECTED);
        assertThat(patterns.list(ds, PatternStatus.VERIFIED, null)).isEmpty();
    }

    @Test
    void autoVerifyTurnsAThumbsUpOnAnAgreedAnswerIntoAVerifiedPatternWithoutReview() {
        LearningAgent agent = agent(true);
        Turn turn = answered("What is the total of paid orders?", PAID_TOTAL, Verdict.AGREES, false);

        agent.submit(turn.id(), Feedback.Rating.UP, null, null);

        QueryPattern verified = onlyPattern();
        assertThat(verified.status()).isEqualTo(PatternStatus.VERIFIED);
        assertThat(verified.question()).isEqualTo("What is the total of paid orders?");
        assertThat(verified.sql()).isEqualTo(PAID_TOTAL);
        assertThat(feedback.listReviewItems(null, ds, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISAGREES", "PARTIAL", "AGREES_BUT_FLAGGED"})
    void autoVerifyStillQueuesAThumbsUpTheValidatorDoubted(String validation) {
        LearningAgent agent = agent(true);
        boolean flagged = validation.equals("AGREES_BUT_FLAGGED");
        Turn turn = answered(
                "What is the total of paid orders?",
                PAID_TOTAL,
                flagged ? Verdict.AGREES : Verdict.valueOf(validation),
                flagged);

        agent.submit(turn.id(), Feedback.Rating.UP, null, null);

        QueryPattern candidate = onlyPattern();
        assertThat(candidate.status()).isEqualTo(PatternStatus.CANDIDATE);
        ReviewItem item = onlyPendingItem();
        assertThat(item.reason()).isEqualTo(ReviewItem.Reason.THUMBS_UP);
        assertThat(item.patternId()).isEqualTo(candidate.id());
    }

    @Test
    void aThumbsDownIsQueuedWithItsReasonAndLearnsNoPattern() {
        LearningAgent agent = agent(true);
        Turn turn = answered("What is the total of paid orders?", PAID_TOTAL, Verdict.AGREES, false);

        agent.submit(turn.id(), Feedback.Rating.DOWN, "refunds should be subtracted", null);

        assertThat(patterns.list(ds, null, null)).isEmpty();
        ReviewItem item = onlyPendingItem();
        assertThat(item.reason()).isEqualTo(ReviewItem.Reason.THUMBS_DOWN);
        assertThat(item.detail()).isEqualTo("refunds should be subtracted");
        assertThat(item.sql()).isEqualTo(PAID_TOTAL);
        assertThat(item.patternId()).isNull();
    }

    @Test
    void aCorrectedSqlIsQueuedWithAPreviewOfItsOwnRows() throws SQLException {
        LearningAgent agent = agent(true);
        Turn turn =
                answered("Paid amount per customer", "SELECT customer_id, amount FROM orders", Verdict.PARTIAL, true);
        String corrected = "SELECT c.name, SUM(o.amount) AS paid FROM orders o JOIN customers c ON c.id = o.customer_id"
                + " WHERE o.status = 'paid' GROUP BY c.name ORDER BY c.name";

        Feedback saved = agent.submit(turn.id(), Feedback.Rating.DOWN, "only paid orders count", corrected);

        assertThat(saved.correctedSql()).isEqualTo(corrected);
        assertThat(saved.processedAt()).isNotNull();
        ReviewItem item = onlyPendingItem();
        assertThat(item.reason()).isEqualTo(ReviewItem.Reason.CORRECTED_SQL);
        assertThat(item.sql()).isEqualTo(corrected);
        assertThat(item.feedbackId()).isEqualTo(saved.id());
        List<List<Object>> expected = rowsOnTheFile(corrected);
        assertThat(expected).isEqualTo(List.of(List.of("Ada", 120L), List.of("Bob", 200L), List.of("Cleo", 50L)));
        assertThat(normalized(item.preview().rows())).isEqualTo(expected);
        assertThat(patterns.list(ds, null, null))
                .as("a correction waits for review")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM orders",
                "SELECT 1; DROP TABLE orders",
                "UPDATE customers SET city = 'Nice'",
                "WITH gone AS (DELETE FROM orders RETURNING id) SELECT * FROM gone"
            })
    void anUnsafeCorrectionIsRefusedBeforeAnythingIsPersisted(String unsafe) throws SQLException {
        LearningAgent agent = agent(false);
        Turn turn = answered("What is the total of paid orders?", PAID_TOTAL, Verdict.AGREES, false);

        assertThatThrownBy(() -> agent.submit(turn.id(), Feedback.Rating.DOWN, "try this", unsafe))
                .isInstanceOfSatisfying(QuerentException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.SQL_REJECTED, ErrorCode.SQL_PARSE_ERROR));

        assertThat(count("SELECT COUNT(*) FROM feedback")).isZero();
        assertThat(feedback.listReviewItems(null, null, null)).isEmpty();
        assertThat(patterns.list(null, null, null)).isEmpty();
        assertThat(rowsOnTheFile("SELECT COUNT(*) FROM orders")).isEqualTo(List.of(List.of(4L)));
        assertThat(rowsOnTheFile("SELECT COUNT(*) FROM customers WHERE city = 'Nice'"))
                .isEqualTo(List.of(List.of(0L)));
    }

    @Test
    void aBlankCorrectionOnATurnWithoutAnAnswerIsRefusedAndNothingIsPersisted() {
        LearningAgent agent = agent(false);
        Chat chat = chats.createChat("chat", ds);
        Turn failed = chats.saveTurn(chats.createTurn(chat.id(), "q", null).toBuilder()
                .state(TurnState.FAILED)
                .build());

        assertThatThrownBy(() -> agent.submit(failed.id(), Feedback.Rating.UP, null, "   "))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(count("SELECT COUNT(*) FROM feedback")).isZero();
        assertThat(agent.recover()).isZero();
    }

    @Test
    void aCorrectionNamingAMissingColumnIsRefusedAsASchemaMismatch() throws SQLException {
        LearningAgent agent = agent(false);
        Turn turn = answered("What is the total of paid orders?", PAID_TOTAL, Verdict.AGREES, false);

        assertThatThrownBy(() -> agent.submit(
                        turn.id(), Feedback.Rating.DOWN, null, "SELECT SUM(total) FROM orders WHERE paid = 1"))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SCHEMA_MISMATCH));
        assertThat(count("SELECT COUNT(*) FROM feedback")).isZero();
    }

    @Test
    void revalidationBreaksOnlyThePatternsARenamedColumnInvalidates() throws SQLException {
        LearningAgent agent = agent(false);
        QueryPattern byCity = verifiedPattern("Which customers live in Paris?", PARIS_CUSTOMERS);
        QueryPattern paid = verifiedPattern("What is the total of paid orders?", PAID_TOTAL);

        execute("ALTER TABLE customers RENAME COLUMN city TO town");
        SchemaSnapshot renamed = dataSources.sync(ds);
        LearningAgent.Revalidation result = agent.revalidate(ds, renamed);

        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.brokenPatternIds()).containsExactly(byCity.id());
        assertThat(patterns.find(byCity.id()).orElseThrow().status()).isEqualTo(PatternStatus.BROKEN);
        assertThat(patterns.find(paid.id()).orElseThrow().status()).isEqualTo(PatternStatus.VERIFIED);
        ReviewItem drift = onlyPendingItem();
        assertThat(drift.reason()).isEqualTo(ReviewItem.Reason.SCHEMA_DRIFT);
        assertThat(drift.patternId()).isEqualTo(byCity.id());
        assertThat(drift.sql()).isEqualTo(PARIS_CUSTOMERS);
        assertThat(drift.detail()).containsIgnoringCase("city");

        assertThatThrownBy(() -> agent.approve(drift.id(), "rita", null, null))
                .as("the broken SQL itself cannot be approved")
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SCHEMA_MISMATCH));
        assertThat(onlyPendingItem().id()).isEqualTo(drift.id());

        String repaired = "SELECT name FROM customers WHERE town = 'Paris' ORDER BY name";
        agent.approve(drift.id(), "rita", repaired, "column renamed");

        QueryPattern fixed = patterns.find(byCity.id()).orElseThrow();
        assertThat(fixed.status()).isEqualTo(PatternStatus.VERIFIED);
        assertThat(fixed.sql()).isEqualTo(repaired);
        assertThat(fixed.version()).isEqualTo(2);
        assertThat(patterns.list(ds, null, null)).hasSize(2);
        assertThat(rowsOnTheFile(fixed.sql())).isEqualTo(List.of(List.of("Ada"), List.of("Cleo")));
        assertThat(agent.revalidate(ds, renamed).brokenPatternIds()).isEmpty();
    }

    @Test
    void revalidationBreaksAPatternTheEngineCannotPlanEvenWhenTheGuardAcceptsIt() {
        LearningAgent agent = agent(false);
        QueryPattern unplannable =
                verifiedPattern("Customer names, shouted", "SELECT no_such_function(name) FROM customers");
        QueryPattern fine = verifiedPattern("Which customers live in Paris?", PARIS_CUSTOMERS);

        LearningAgent.Revalidation result = agent.revalidate(ds, dataSources.schema(ds));

        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.brokenPatternIds()).containsExactly(unplannable.id());
        assertThat(patterns.find(fine.id()).orElseThrow().status()).isEqualTo(PatternStatus.VERIFIED);
        ReviewItem drift = onlyPendingItem();
        assertThat(drift.patternId()).isEqualTo(unplannable.id());
        assertThat(drift.detail()).contains("no_such_function");
    }

    @Test
    void recoverProcessesFeedbackThatWasPersistedButNotProcessedExactlyOnce() {
        LearningAgent agent = agent(false);
        Turn turn = answered("Which customers live in Paris?", PARIS_CUSTOMERS, Verdict.AGREES, false);
        Feedback persisted = feedback.addFeedback(turn.id(), Feedback.Rating.UP, null, null);
        assertThat(feedback.unprocessed()).extracting(Feedback::id).containsExactly(persisted.id());

        assertThat(agent.recover()).isEqualTo(1);

        assertThat(feedback.findFeedback(persisted.id()).orElseThrow().processedAt())
                .isNotNull();
        QueryPattern candidate = onlyPattern();
        assertThat(candidate.status()).isEqualTo(PatternStatus.CANDIDATE);
        assertThat(candidate.provenance()).isEqualTo("feedback:" + persisted.id());
        assertThat(onlyPendingItem().patternId()).isEqualTo(candidate.id());

        assertThat(agent.recover()).isZero();
        assertThat(patterns.list(ds, null, null)).hasSize(1);
        assertThat(feedback.listReviewItems(null, ds, null)).hasSize(1);
    }

    @Test
    void recoverMarksFeedbackOnADeletedChatProcessedWithoutLearning() {
        LearningAgent agent = agent(false);
        Turn turn = answered("Which customers live in Paris?", PARIS_CUSTOMERS, Verdict.AGREES, false);
        Feedback persisted = feedback.addFeedback(turn.id(), Feedback.Rating.UP, null, null);
        chats.deleteChat(turn.chatId());

        assertThat(agent.recover()).isEqualTo(1);

        assertThat(feedback.findFeedback(persisted.id()).orElseThrow().processedAt())
                .isNotNull();
        assertThat(patterns.list(null, null, null)).isEmpty();
        assertThat(agent.recover()).isZero();
    }

    private LearningAgent agent(boolean autoVerify) {
        return new LearningAgent(feedback, chats, dataSources, patterns, guard, autoVerify);
    }

    /** An answered turn whose result holds the SQL's real rows, as the Orchestrator would save it. */
    private Turn answered(String question, String sql, Verdict verdict, boolean needsReview) {
        Chat chat = chats.createChat("chat", ds);
        Turn turn = chats.createTurn(chat.id(), question, null);
        SchemaSnapshot schema = dataSources.schema(ds);
        QueryResult r = dataSources
                .connector(ds)
                .executeQuery(
                        guard.require(sql, schema.dialect(), schema),
                        new QueryLimits(Duration.ofSeconds(10), 1000, 1024 * 1024),
                        QueryCancellation.none());
        return chats.saveTurn(turn.toBuilder()
                .state(TurnState.ANSWERED)
                .source(AnswerSource.RULES)
                .confidence(0.9)
                .sql(sql)
                .validation(new ValidationReport(
                        true,
                        List.of(),
                        List.of(),
                        true,
                        "the question, read back",
                        verdict.equals(Verdict.AGREES) ? 0.9 : 0.3,
                        verdict,
                        needsReview))
                .result(new TurnResult(r.columns(), r.rows(), r.rows().size(), r.truncated(), r.elapsedMillis()))
                .build());
    }

    private QueryPattern verifiedPattern(String question, String sql) {
        return patterns.add(ds, question, sql, PatternStatus.VERIFIED, "admin", "test");
    }

    private QueryPattern onlyPattern() {
        List<QueryPattern> all = patterns.list(ds, null, null);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private ReviewItem onlyPendingItem() {
        List<ReviewItem> pending = feedback.listReviewItems(ReviewItem.Status.PENDING, ds, null);
        assertThat(pending).hasSize(1);
        return pending.getFirst();
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The rows of a query run straight on the data file, bypassing the connector under test. */
    private List<List<Object>> rowsOnTheFile(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataFile);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return normalized(rows);
    }

    /** Integers as longs: JSON and JDBC disagree on their width, not on their value. */
    private static List<List<Object>> normalized(List<List<Object>> rows) {
        return rows.stream()
                .map(r -> r.stream()
                        .map(v -> v instanceof Integer || v instanceof Long || v instanceof Short
                                ? (Object) ((Number) v).longValue()
                                : v)
                        .toList())
                .toList();
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataFile);
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
