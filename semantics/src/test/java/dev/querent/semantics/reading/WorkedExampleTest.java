package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.Agreement;
import dev.querent.semantics.AgreementScorer;
import dev.querent.semantics.BackTranslation;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanDescriber;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.RuleBasedPlanner;
import dev.querent.semantics.SqlBackTranslator;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/semantics.md, run: one question through both halves of the engine.
 * If this test changes, the document changes with it.
 */
class WorkedExampleTest {
    private static final String QUESTION = "How many orders were placed per month in 2024?";

    @Test
    void oneQuestionThroughBothHalves() {
        SchemaSnapshot schema = TestSchemas.shop(Dialect.DUCKDB);

        // question → reading → interpretation → plan
        PlanAttempt attempt = new RuleBasedPlanner().plan(QUESTION, schema, null, LocalDate.of(2025, 6, 1));
        QueryPlan plan = attempt.plan();
        System.out.println("understood: " + attempt.understood());
        System.out.println("not understood: " + attempt.notUnderstood());
        System.out.println("confidence: " + attempt.confidence());
        System.out.println("plan: " + plan);
        assertThat(plan.measures()).singleElement().satisfies(m -> assertThat(m.function())
                .isEqualTo(Aggregate.COUNT));
        assertThat(plan.groupBy()).singleElement().satisfies(d -> assertThat(d.grain())
                .isEqualTo(TimeGrain.MONTH));
        assertThat(plan.filters()).isNotEmpty();

        // plan → SQL, and the plan in words
        String sql = new PlanSqlCompiler().compile(plan, Dialect.DUCKDB, schema);
        System.out.println("sql: " + sql);
        System.out.println("plan in words: " + new PlanDescriber().describe(plan));
        assertThat(sql).containsIgnoringCase("date_trunc('month'").contains("2024-01-01");

        // SQL → facts → English → agreement with the question (the validator's independent reading)
        BackTranslation bt = new SqlBackTranslator().describe(sql, Dialect.DUCKDB, schema);
        Agreement agreement = new AgreementScorer().score(QUESTION, bt, schema);
        System.out.println("back-translation: " + bt.text());
        System.out.println("concepts: " + bt.concepts());
        System.out.println("agreement: " + agreement);
        assertThat(agreement.agrees()).isTrue();

        // a wrong SQL for the same question is caught: the year is gone
        String wrong = sql.replaceAll("(?is)\\s+WHERE\\s.*?(?=\\s+GROUP BY)", "");
        assertThat(wrong).doesNotContainIgnoringCase("where");
        Agreement disagreement = new AgreementScorer()
                .score(QUESTION, new SqlBackTranslator().describe(wrong, Dialect.DUCKDB, schema), schema);
        System.out.println("wrong sql: " + wrong);
        System.out.println("its agreement: " + disagreement);
        assertThat(disagreement.agrees()).isFalse();
    }
}
