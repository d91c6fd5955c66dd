package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.AnswerSource;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnState;
import dev.querent.agents.store.ChatStore;
import dev.querent.semantics.Ambiguity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With a model configured, an ambiguous question is still asked about before anything is drafted,
 * and the choice reaches the model's prompt as an instruction (the model stands in at the wire).
 */
class ClarificationModelIT {
    @Test
    void theChosenMeaningIsAnInstructionInTheModelsPrompt() throws Exception {
        Path dataDir = Files.createTempDirectory("querent-clarify-model");
        Path sources = Files.createDirectories(dataDir.resolve("sources"));
        Path db = sources.resolve("app.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL,"
                    + " created_at DATE NOT NULL, last_login_at DATE NOT NULL)");
            s.execute("INSERT INTO users (email, created_at, last_login_at) VALUES"
                    + " ('a@x', '2024-01-05', '2024-03-01'), ('b@x', '2024-01-20', '2024-03-09'),"
                    + " ('c@x', '2024-02-02', '2024-02-03')");
        }
        String gold = "SELECT strftime('%Y-%m', last_login_at) AS month, COUNT(*) AS n FROM users"
                + " GROUP BY strftime('%Y-%m', last_login_at) ORDER BY month";
        try (StandInModel model = new StandInModel("stand-in", q -> Optional.of(gold))) {
            ConfigurableApplicationContext ctx =
                    EvalCommand.boot(dataDir.resolve("app"), sources.toString(), model, "stand-in");
            try {
                DataSourceService dataSources = ctx.getBean(DataSourceService.class);
                Orchestrator orchestrator = ctx.getBean(Orchestrator.class);
                var ds = dataSources
                        .create("app", "sqlite", Map.of("path", db.toString()), Map.of())
                        .id();
                var chat = ctx.getBean(ChatStore.class).createChat("clarify", ds, null);
                Turn asked = orchestrator.ask(chat.id(), "How many users per month?", null, null);
                assertThat(asked.state()).isEqualTo(TurnState.AWAITING_CLARIFICATION);
                assertThat(asked.clarification().kind()).isEqualTo(Ambiguity.TIME_COLUMN);
                assertThat(model.calls())
                        .as("nothing is drafted before the answer")
                        .isZero();

                String lastLogin = asked.clarification().choices().stream()
                        .filter(c -> c.label().endsWith("last_login_at"))
                        .findFirst()
                        .orElseThrow()
                        .id();
                Turn planned = orchestrator.clarify(asked.id(), lastLogin, null);
                assertThat(planned.state()).isEqualTo(TurnState.AWAITING_CONFIRMATION);
                assertThat(planned.source()).isEqualTo(AnswerSource.LLM);
                assertThat(planned.answers()).singleElement().satisfies(a -> assertThat(a.choiceId())
                        .isEqualTo(lastLogin));
                assertThat(model.prompts()).anySatisfy(p -> assertThat(p)
                        .containsPattern("Use the date column (main\\.)?users\\.last_login_at for the question's"
                                + " time words\\."));

                Turn answered = orchestrator.confirm(planned.id(), null);
                assertThat(answered.state()).isEqualTo(TurnState.ANSWERED);
                assertThat(answered.result().rows()).hasSize(2);
            } finally {
                ctx.close();
            }
        }
    }
}
