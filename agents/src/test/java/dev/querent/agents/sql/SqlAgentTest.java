package dev.querent.agents.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.AnswerSource;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlAgentTest {

    /** Records what it was asked to write with. */
    private static final class RecordingWriter implements LlmSqlWriter {
        final List<String> instructions = new ArrayList<>();

        @Override
        public GeneratedSql write(String question, QueryPlan plan, DataSourceId dataSourceId, SchemaSnapshot schema) {
            return write(question, null, plan, dataSourceId, schema);
        }

        @Override
        public GeneratedSql write(
                String question,
                String instructions,
                QueryPlan plan,
                DataSourceId dataSourceId,
                SchemaSnapshot schema) {
            this.instructions.add(instructions);
            return new GeneratedSql("SELECT 1", AnswerSource.LLM, 0, 0);
        }

        @Override
        public GeneratedSql repair(
                String question, String sql, String error, DataSourceId dataSourceId, SchemaSnapshot schema) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theModelIsGivenTheInstructionsOfTheTurn() {
        RecordingWriter writer = new RecordingWriter();
        SqlAgent agent = new SqlAgent(new PlanSqlCompiler(), Optional.of(writer));
        SchemaSnapshot schema = new SchemaSnapshot(Dialect.SQLITE, "main", List.of(), Instant.EPOCH);
        DataSourceId ds = new DataSourceId("ds");
        agent.write(AnswerSource.LLM, "q", "Always filter names using LIKE", null, null, ds, schema);
        agent.write(AnswerSource.LLM, "q", null, null, ds, schema);
        assertThat(writer.instructions).containsExactly("Always filter names using LIKE", null);
    }
}
