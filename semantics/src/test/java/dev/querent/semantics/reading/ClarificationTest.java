package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.demo.DemoQuestion;
import dev.querent.connectors.demo.DemoWarehouse;
import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.Ambiguity;
import dev.querent.semantics.Binding;
import dev.querent.semantics.Clarification;
import dev.querent.semantics.PlanAttempt;
import dev.querent.semantics.PlanSqlCompiler;
import dev.querent.semantics.RuleBasedPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner asks instead of guessing exactly where the demo warehouse makes a question ambiguous
 * in a way it can tell, and plans the rest as before: a set of questions written for this test
 * (test resource {@code clarify/demo-warehouse.txt}), each marked with the kind of question the
 * planner must ask, or NONE. Every choice offered must give a plan of its own that uses what it binds.
 */
class ClarificationTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 7, 1);

    private record Case(String kind, String question) {}

    @TempDir
    static Path dir;

    private static SchemaSnapshot schema;

    @BeforeAll
    static void warehouse() throws Exception {
        Path file = dir.resolve("demo.duckdb");
        DemoWarehouse.generate(file);
        try (DuckDbConnector connector = new DuckDbConnector(file)) {
            schema = connector.getSchema();
        }
    }

    @Test
    void asksWhereTheQuestionIsAmbiguousAndNowhereElse() throws IOException {
        RuleBasedPlanner planner = new RuleBasedPlanner();
        PlanSqlCompiler compiler = new PlanSqlCompiler();
        List<Case> cases = cases();
        List<String> problems = new ArrayList<>();
        int asked = 0;
        int ambiguous = 0;
        int planned = 0;
        int clear = 0;
        for (Case c : cases) {
            PlanAttempt a = planner.plan(c.question(), schema, null, TODAY);
            Clarification cl = a.clarification();
            if (c.kind().equals("NONE")) {
                clear++;
                if (cl != null) {
                    problems.add("asked about a clear question: " + c.question() + " → " + cl);
                } else if (a.plan() == null) {
                    problems.add("no plan for a clear question: " + c.question());
                } else {
                    planned++;
                }
                continue;
            }
            ambiguous++;
            if (cl == null) {
                problems.add("did not ask: " + c.question());
                continue;
            }
            if (cl.kind() != Ambiguity.valueOf(c.kind())) {
                problems.add("asked " + cl.kind() + " instead of " + c.kind() + ": " + c.question());
                continue;
            }
            asked++;
            if (a.plan() == null) {
                problems.add("asked without a guess of its own: " + c.question());
                continue;
            }
            String guess = compiler.compile(a.plan(), schema.dialect(), schema);
            Set<String> sqls = new HashSet<>();
            for (Clarification.Choice choice : cl.choices()) {
                PlanAttempt bound =
                        planner.plan(c.question(), null, schema, null, TODAY, List.of(choice.binding()), true);
                if (bound.plan() == null) {
                    problems.add("choice " + choice.label() + " gives no plan: " + c.question());
                    continue;
                }
                if (bound.clarification() != null && bound.clarification().kind() == cl.kind()) {
                    problems.add("asked the same again after " + choice.label() + ": " + c.question());
                }
                String sql = compiler.compile(bound.plan(), schema.dialect(), schema);
                // a ranking of rows with no amount of their own was guessed as an unordered list: not offered
                boolean listed = cl.kind() == Ambiguity.RANK_MEASURE
                        && a.plan().orderBy().isEmpty();
                if (choice.id().equals("c1") && !listed && !sql.equals(guess)) {
                    problems.add("the first choice is not the planner's guess: " + c.question());
                }
                sqls.add(sql);
                if (!uses(bound, choice.binding())) {
                    problems.add("the plan for " + choice.label() + " does not use it: " + c.question() + " → "
                            + bound.plan());
                }
            }
            if (sqls.size() != cl.choices().size()) {
                problems.add("two choices give the same SQL: " + c.question());
            }
            assertThat(cl.choices()).extracting(Clarification.Choice::id).doesNotHaveDuplicates();
        }
        int sampleAsked = 0;
        for (DemoQuestion q : DemoWarehouse.sampleQuestions()) {
            if (planner.plan(q.question(), schema, null, TODAY).clarification() != null) {
                sampleAsked++;
            }
        }
        System.out.printf(
                "[clarify] demo warehouse: asked %d/%d ambiguous questions, planned %d/%d clear ones without"
                        + " asking; the warehouse's own %d sample questions: %d asked%n",
                asked,
                ambiguous,
                planned,
                clear,
                DemoWarehouse.sampleQuestions().size(),
                sampleAsked);
        assertThat(problems).isEmpty();
        assertThat(ambiguous).isGreaterThanOrEqualTo(30);
        assertThat(clear).isGreaterThanOrEqualTo(30);
    }

    @Test
    void theFirstChoiceIsThePlannersOwnGuess() {
        RuleBasedPlanner planner = new RuleBasedPlanner();
        PlanSqlCompiler compiler = new PlanSqlCompiler();
        PlanAttempt a = planner.plan("How many users per month?", schema, null, TODAY);
        assertThat(a.clarification().question()).isEqualTo("Which date should \"month\" use?");
        assertThat(a.clarification().choices())
                .extracting(Clarification.Choice::label)
                .containsExactly("users.created_at", "users.last_login_at");
        PlanAttempt first = planner.plan(
                "How many users per month?",
                null,
                schema,
                null,
                TODAY,
                List.of(a.clarification().choices().getFirst().binding()),
                true);
        assertThat(compiler.compile(first.plan(), schema.dialect(), schema))
                .isEqualTo(compiler.compile(a.plan(), schema.dialect(), schema));
        PlanAttempt second = planner.plan(
                "How many users per month?",
                null,
                schema,
                null,
                TODAY,
                List.of(a.clarification().choice("c2").orElseThrow().binding()),
                true);
        assertThat(compiler.compile(second.plan(), schema.dialect(), schema)).contains("last_login_at");
        assertThat(second.clarification()).isNull();
    }

    @Test
    void withoutAskingThePlannerGuessesAsBefore() {
        RuleBasedPlanner planner = new RuleBasedPlanner();
        PlanAttempt a = planner.plan("Top 10 doctors", null, schema, null, TODAY, List.of(), false);
        assertThat(a.clarification()).isNull();
        assertThat(a.plan()).isNotNull();
    }

    @Test
    void aBindingIsAnInstructionForAModel() {
        Binding time = new Binding(Ambiguity.TIME_COLUMN, null, "saas.users", "last_login_at", null, null);
        assertThat(time.instruction())
                .isEqualTo("Use the date column saas.users.last_login_at for the question's time words.");
        Binding rank = new Binding(
                Ambiguity.RANK_MEASURE,
                null,
                "healthcare.appointments",
                null,
                null,
                dev.querent.semantics.QueryPlan.Aggregate.COUNT);
        assertThat(rank.instruction()).isEqualTo("Rank by the number of rows of healthcare.appointments.");
    }

    /** Whether the plan reads what the binding names. */
    private static boolean uses(PlanAttempt bound, Binding b) {
        String plan = bound.plan().toString();
        return plan.contains(b.table()) && (b.column() == null || plan.contains(b.column()));
    }

    private static List<Case> cases() throws IOException {
        try (InputStream in = ClarificationTest.class.getResourceAsStream("/clarify/demo-warehouse.txt")) {
            List<Case> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                out.add(new Case(
                        line.substring(0, bar).strip(), line.substring(bar + 1).strip()));
            }
            return out;
        }
    }
}
