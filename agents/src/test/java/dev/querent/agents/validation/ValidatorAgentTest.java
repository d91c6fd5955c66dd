package dev.querent.agents.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.duckdb.DuckDbConnectorFactory;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardPolicy;
import dev.querent.core.sql.SqlGuard;
import dev.querent.semantics.AgreementScorer;
import dev.querent.semantics.SqlBackTranslator;
import dev.querent.semantics.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Validator on a real (read-only) DuckDB: guard, dry run and back-translation together. */
class ValidatorAgentTest {
    @TempDir
    Path dir;

    private DataSourceInterface duck;
    private SchemaSnapshot schema;
    private final ValidatorAgent validator =
            new ValidatorAgent(new SqlGuard(GuardPolicy.defaults()), new SqlBackTranslator(), new AgreementScorer());

    @BeforeEach
    void warehouse() throws Exception {
        Path file = dir.resolve("shop.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (order_id INTEGER PRIMARY KEY, status VARCHAR, total_amount DECIMAL(10,2))");
            s.execute("INSERT INTO orders VALUES (1, 'delivered', 10), (2, 'shipped', 20), (3, 'delivered', 5)");
        }
        duck = new DuckDbConnectorFactory(SourcePolicy.allowingFilesIn(dir))
                .open(new DataSourceConfig(
                        DataSourceId.random(), "duckdb", "shop", Map.of("path", file.toString()), Map.of()));
        schema = duck.getSchema();
    }

    @AfterEach
    void close() {
        duck.close();
    }

    @Test
    void matchingSqlAgreesAndTheSafetyLimitIsNotHeldAgainstIt() {
        ValidationOutcome out = validator.validate(
                "How many orders per status?",
                "SELECT status, COUNT(*) AS orders FROM orders GROUP BY status",
                schema,
                duck,
                QueryLimits.defaults());
        assertThat(out.safeSql()).isNotNull();
        assertThat(out.safeSql().limitAdded()).isTrue();
        assertThat(out.failure()).isNull();
        assertThat(out.report().explainOk()).isTrue();
        assertThat(out.report().verdict()).isEqualTo(Verdict.AGREES);
        assertThat(out.report().needsReview()).isFalse();
        assertThat(out.report().warnings()).contains("A row limit was added to the query.");
        assertThat(String.join(" ", out.report().warnings())).doesNotContain("limit:");
    }

    @Test
    void noRowLimitWarningWhenTheQueryReturnsOneRowAnyway() {
        ValidationOutcome out = validator.validate(
                "How many orders are there?", "SELECT COUNT(*) FROM orders", schema, duck, QueryLimits.defaults());
        assertThat(out.safeSql().limitAdded()).isTrue();
        assertThat(out.report().warnings()).doesNotContain("A row limit was added to the query.");
    }

    @Test
    void theMeaningCheckAloneGivesWhatValidateReports() {
        String question = "How many orders per status?";
        String sql = "SELECT status, COUNT(*) AS orders FROM orders GROUP BY status";
        ValidatorAgent.Meaning m = validator.meaning(question, sql, schema);
        ValidationOutcome out = validator.validate(question, sql, schema, duck, QueryLimits.defaults());
        assertThat(m.agreement().verdict()).isEqualTo(out.report().verdict());
        assertThat(m.agreement().score()).isEqualTo(out.report().agreement());
        assertThat(m.translation().text()).isEqualTo(out.report().backTranslation());
    }

    @Test
    void sqlThatAnswersAnotherQuestionIsFlaggedForReview() {
        ValidationOutcome out = validator.validate(
                "How many orders per status?",
                "SELECT SUM(total_amount) FROM orders WHERE status = 'shipped'",
                schema,
                duck,
                QueryLimits.defaults());
        assertThat(out.safeSql()).as("disagreement does not block, it flags").isNotNull();
        assertThat(out.report().verdict()).isNotEqualTo(Verdict.AGREES);
        assertThat(out.report().needsReview()).isTrue();
    }

    @Test
    void unsafeSqlNeverGetsASafeSql() {
        ValidationOutcome out =
                validator.validate("Delete the orders", "DELETE FROM orders", schema, duck, QueryLimits.defaults());
        assertThat(out.safeSql()).isNull();
        assertThat(out.report().safe()).isFalse();
        assertThat(out.report().rejections()).anySatisfy(r -> assertThat(r).startsWith("NOT_A_QUERY"));
        assertThat(out.failure()).contains("safety check");
    }

    @Test
    void whatTheEngineCannotPlanIsNotRun() {
        ValidationOutcome out = validator.validate(
                "Orders plus one", "SELECT status + 1 FROM orders", schema, duck, QueryLimits.defaults());
        assertThat(out.report().safe()).isTrue();
        assertThat(out.report().explainOk()).isFalse();
        assertThat(out.safeSql()).isNull();
        assertThat(out.failure()).startsWith("The database could not plan the query");
    }
}
