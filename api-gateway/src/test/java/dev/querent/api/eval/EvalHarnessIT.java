package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.store.ChatStore;
import dev.querent.api.TestAuth;
import dev.querent.api.eval.QuestionSet.Question;
import dev.querent.core.DataSourceId;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The harness judges the real pipeline's answers by rows: a right gold query gives EXACT, a gold
 * query with other rows WRONG, a question the product refuses UNANSWERED, a gold query that cannot
 * run GOLD_FAILED (whether answered or not) — on a small SQLite database built here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvalHarnessIT {
    private static final Path DATA_DIR = TestAuth.dataDir("querent-eval-it");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("querent.data-dir", DATA_DIR::toString);
        r.add("querent.demo.enabled", () -> "false");
    }

    @Autowired
    Orchestrator orchestrator;

    @Autowired
    ChatStore chats;

    @Autowired
    DataSourceService dataSources;

    @Autowired
    SqlGuard guard;

    @Autowired
    PatternStore patterns;

    @Autowired
    dev.querent.agents.ChatEvents events;

    /** A SQLite file in the data directory's sources folder, built by {@code statements}. */
    private static Path sqlite(String name, String... statements) throws Exception {
        Path db = DATA_DIR.resolve("sources").resolve(name + ".sqlite");
        Files.createDirectories(db.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return db;
    }

    @Test
    void answersAreJudgedByTheirRows() throws Exception {
        Path db = sqlite(
                "library",
                "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, pages INTEGER)",
                "INSERT INTO books (title, pages) VALUES ('A', 100), ('B', 250), ('C', 90)");
        DataSourceId ds = dataSources
                .create("library", "sqlite", Map.of("path", db.toString()), Map.of())
                .id();
        List<Question> qs = List.of(
                new Question(1, "library", "count", "How many books are there?", List.of("SELECT COUNT(*) FROM books")),
                new Question(
                        2, "library", "count", "How many books are there?", List.of("SELECT COUNT(*) - 1 FROM books")),
                new Question(
                        3,
                        "library",
                        "count",
                        "How many books are there?",
                        List.of("SELECT nope FROM nowhere", "SELECT COUNT(*) FROM books")),
                new Question(4, "library", "none", "Why is the sky blue?", List.of("SELECT 1")),
                new Question(5, "library", "count", "How many books are there?", List.of("SELECT nope FROM nowhere")),
                // Refused, and no gold runs either: nothing to judge by (an engine that cannot run the set's gold).
                new Question(6, "library", "none", "Why is the sky blue?", List.of("SELECT nope FROM nowhere")));
        List<EvalRunner.Result> results = new ArrayList<>();
        // Two at a time: results arrive in completion order, each one whole.
        new EvalRunner(orchestrator, chats, dataSources, guard, events).run(qs, Map.of("library", ds), 2, results::add);
        results.sort(java.util.Comparator.comparingInt(EvalRunner.Result::index));
        assertThat(results)
                .extracting(EvalRunner.Result::match)
                .containsExactly("EXACT", "WRONG", "EXACT", "UNANSWERED", "GOLD_FAILED", "GOLD_FAILED");
        assertThat(results.get(5).state()).isNotEqualTo("ANSWERED");
        assertThat(results.getFirst().sql()).containsIgnoringCase("count");
        assertThat(results.getFirst().state()).isEqualTo("ANSWERED");
        assertThat(results.getFirst().rows()).isEqualTo(1L);
        assertThat(results.getFirst().dialect()).isEqualTo("SQLITE");
        assertThat(results.getFirst().trust()).isIn("TRUSTED", "UNVERIFIED");
        assertThat(results.getFirst().signals()).containsKeys("agreement", "planned");
    }

    /** An answer the default LIMIT may have cut says so; an aggregate's single row does not. */
    @Test
    void anAnswerCutByTheDefaultLimitSaysSo() throws Exception {
        Path db = sqlite(
                "shelves",
                "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
                        + " INSERT INTO books (title) SELECT 'T' || i FROM n");
        DataSourceId ds = dataSources
                .create("shelves", "sqlite", Map.of("path", db.toString()), Map.of())
                .id();
        var chat = chats.createChat("t", ds, null);
        var turn = orchestrator.ask(chat.id(), "Show the titles of all books", null);
        var done = orchestrator.confirm(turn.id(), null);
        assertThat(done.result().rowCount()).isEqualTo(guard.policy().defaultLimit());
        assertThat(done.result().truncated()).isTrue();
        assertThat(done.result().truncatedBy()).isEqualTo("DEFAULT_LIMIT");
        var count = orchestrator.confirm(
                orchestrator.ask(chat.id(), "How many books are there?", null).id(), null);
        assertThat(count.result().truncated()).isFalse();
        assertThat(count.result().truncatedBy()).isNull();
    }

    /**
     * Verified patterns as a regression set: each question is asked with its own pattern withheld and
     * judged against the pattern's rows today; a pattern whose SQL no longer runs is GOLD_FAILED; the
     * patterns are verified again afterwards.
     */
    @Test
    void verifiedPatternsAreARegressionSet() throws Exception {
        Path db = sqlite(
                "catalog",
                "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, pages INTEGER)",
                "INSERT INTO books (title, pages) VALUES ('A', 100), ('B', 250), ('C', 90)");
        var view = dataSources.create("catalog", "sqlite", Map.of("path", db.toString()), Map.of());
        var same = patterns.add(
                view.id(), "How many books are there?", "SELECT COUNT(*) FROM books", PatternStatus.VERIFIED, "t", "t");
        var changed = patterns.add(
                view.id(),
                "Which book has the most pages?",
                "SELECT title FROM books ORDER BY pages ASC LIMIT 1",
                PatternStatus.VERIFIED,
                "t",
                "t");
        var drifted = patterns.add(
                view.id(),
                "What is the total of pages?",
                "SELECT SUM(page_count) FROM books",
                PatternStatus.VERIFIED,
                "t",
                "t");
        List<EvalRunner.Result> results = new ArrayList<>();
        new PatternRegression(patterns, dataSources, new EvalRunner(orchestrator, chats, dataSources, guard, events))
                .run("catalog", results::add);
        Map<String, String> byQuestion = new java.util.HashMap<>();
        results.forEach(r -> byQuestion.put(r.question(), r.match()));
        assertThat(byQuestion)
                .containsEntry(same.question(), "EXACT")
                .containsEntry(changed.question(), "WRONG")
                .containsEntry(drifted.question(), "GOLD_FAILED");
        // Withheld: the answers were not the patterns themselves.
        assertThat(results).allSatisfy(r -> assertThat(r.source()).isNotEqualTo("PATTERN"));
        assertThat(PatternRegression.passed(results)).isFalse();
        assertThat(patterns.list(view.id(), PatternStatus.VERIFIED, null)).hasSize(3);
    }
}
