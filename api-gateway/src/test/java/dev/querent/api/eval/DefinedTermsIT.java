package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnState;
import dev.querent.agents.store.ChatStore;
import dev.querent.core.ErrorCode;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A term the question's instructions or the data source's glossary define is read as its words by
 * the planner and by the Validator alike (no model): the check on the plan card compares the SQL
 * with "the Average Sale Price", not with an abbreviation it cannot read; a term defined as one
 * quantity divided by another is that ratio; any other formula is refused with why.
 */
class DefinedTermsIT {
    @Test
    void theValidatorReadsATermAsTheInstructionsDefineIt() throws Exception {
        Path dataDir = Files.createTempDirectory("querent-defined-terms");
        Path sources = Files.createDirectories(dataDir.resolve("sources"));
        Path db = sources.resolve("dealer.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY, sale_price REAL NOT NULL, sale_date TEXT)");
            s.execute("INSERT INTO sales (sale_price, sale_date) VALUES (100, '2023-01-05'), (300, '2023-02-07')");
        }
        ConfigurableApplicationContext ctx = EvalCommand.boot(dataDir.resolve("app"), sources.toString(), null, "none");
        try {
            DataSourceService dataSources = ctx.getBean(DataSourceService.class);
            Orchestrator orchestrator = ctx.getBean(Orchestrator.class);
            var ds = dataSources
                    .create("dealer", "sqlite", Map.of("path", db.toString()), Map.of())
                    .id();
            var chat = ctx.getBean(ChatStore.class).createChat("terms", ds, null);
            String question = "What is the ASP of all sales?";
            Turn plain = orchestrator.ask(chat.id(), question, null, null);
            Turn defined = orchestrator.ask(chat.id(), question, null, "ASP = Average Sale Price.");
            assertThat(defined.state()).isEqualTo(TurnState.AWAITING_CONFIRMATION);
            assertThat(defined.validation().verdict()).isEqualTo(Verdict.AGREES);
            assertThat(defined.validation().agreement())
                    .isGreaterThan(
                            plain.validation() == null ? 0 : plain.validation().agreement());
            // a term kept in the data source's glossary is read the same way; the turn's own definition wins
            ctx.getBean(KnowledgeNotes.class).addGlossaryEntry(ds, "AOS", "Average Sale Price");
            Turn glossary = orchestrator.ask(chat.id(), "What is the AOS of all sales?", null, null);
            assertThat(glossary.state()).isEqualTo(TurnState.AWAITING_CONFIRMATION);
            assertThat(glossary.validation().verdict()).isEqualTo(Verdict.AGREES);
            assertThat(glossary.plan().measures()).singleElement().satisfies(m -> assertThat(m.function())
                    .isEqualTo(QueryPlan.Aggregate.AVG));
            Turn own = orchestrator.ask(chat.id(), "What is the AOS of all sales?", null, "AOS = Total Sale Price");
            assertThat(own.plan().measures()).singleElement().satisfies(m -> assertThat(m.function())
                    .isEqualTo(QueryPlan.Aggregate.SUM));
            // a glossary term defined as one quantity divided by another is that ratio, judged by its rows
            ctx.getBean(KnowledgeNotes.class).addGlossaryEntry(ds, "APS", "total sale price / number of sales");
            Turn ratio = orchestrator.ask(chat.id(), "What is the APS of the sales in 2023?", null, null);
            assertThat(ratio.state()).isEqualTo(TurnState.AWAITING_CONFIRMATION);
            assertThat(ratio.plan().ratio()).isNotNull();
            // the Validator reads the ratio from its definition: "APS" is no word the SQL must show
            assertThat(ratio.validation().verdict()).isEqualTo(Verdict.AGREES);
            Turn answered = orchestrator.confirm(ratio.id(), null);
            assertThat(answered.result().rows()).singleElement().satisfies(row -> assertThat(
                            ((Number) row.getFirst()).doubleValue())
                    .isEqualTo(200.0));
            Turn formula = orchestrator.ask(
                    chat.id(), question, null, "ASP (average sale price) = SUM(sale_price) / COUNT(id)");
            assertThat(formula.state()).isEqualTo(TurnState.CANNOT_ANSWER);
            assertThat(formula.error().code()).isEqualTo(ErrorCode.CANNOT_ANSWER);
            assertThat(formula.error().message()).contains("ASP", "formula");
        } finally {
            ctx.close();
        }
    }
}
