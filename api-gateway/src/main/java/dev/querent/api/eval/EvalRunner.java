package dev.querent.api.eval;

import dev.querent.agents.Chat;
import dev.querent.agents.ChatEventType;
import dev.querent.agents.ChatEvents;
import dev.querent.agents.Chats;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnState;
import dev.querent.agents.trust.Shapes;
import dev.querent.api.eval.QuestionSet.Question;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlGuard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Asks each question in a new chat through the {@link Orchestrator}, confirms the proposed plan as
 * it stands, and judges the answer's rows against every gold query's rows. A clarifying question is
 * answered with its first choice, the planner's own guess — as the plan is confirmed as proposed —
 * and recorded with the result ({@link Result#clarification}), so a run says how often the product
 * asked and how those answers fared.
 */
public final class EvalRunner {
    /**
     * One question's outcome. {@code match}: EXACT, SUBSET, WRONG (answered with other rows),
     * UNANSWERED (refused or failed), GOLD_FAILED (no gold query ran; left out of the figures).
     * {@code error} is the stable code of a refusal or failure, {@code message} what the user was told.
     */
    public record Result(
            int index,
            String db,
            String category,
            String question,
            String state,
            String source,
            double confidence,
            String verdict,
            boolean flagged,
            String sql,
            String error,
            String message,
            String match,
            long millis,
            String split,
            String shape,
            String trust,
            Map<String, Double> signals,
            List<String> warnings,
            Long rows,
            long tokens,
            String dialect,
            String clarification) {}

    /** Clarifying questions answered in one turn at most: one per kind of ambiguity. */
    private static final int MAX_CLARIFICATIONS = 5;

    private final Orchestrator orchestrator;
    private final Chats chats;
    private final DataSourceService dataSources;
    private final SqlGuard guard;
    private final ChatEvents events;
    private final RowMatch.Rule rule;
    private final String engine;

    public EvalRunner(
            Orchestrator orchestrator, Chats chats, DataSourceService dataSources, SqlGuard guard, ChatEvents events) {
        this(orchestrator, chats, dataSources, guard, events, RowMatch.Rule.DEFOG);
    }

    /** @param rule whose rules judge the answers (the set's own evaluator's) */
    public EvalRunner(
            Orchestrator orchestrator,
            Chats chats,
            DataSourceService dataSources,
            SqlGuard guard,
            ChatEvents events,
            RowMatch.Rule rule) {
        this(orchestrator, chats, dataSources, guard, events, rule, null);
    }

    /**
     * @param engine what the results' dialect column shows (the engine the set ran on, e.g.
     *     MARIADB, whose dialect is MySQL's); null for the data source's dialect
     */
    public EvalRunner(
            Orchestrator orchestrator,
            Chats chats,
            DataSourceService dataSources,
            SqlGuard guard,
            ChatEvents events,
            RowMatch.Rule rule,
            String engine) {
        this.rule = rule;
        this.engine = engine;
        this.events = events;
        this.orchestrator = orchestrator;
        this.chats = chats;
        this.dataSources = dataSources;
        this.guard = guard;
    }

    public void run(List<Question> questions, Map<String, DataSourceId> sources, Consumer<Result> out) {
        run(questions, sources, 1, out);
    }

    /**
     * Answers the questions {@code concurrency} at a time (each in its own chat); {@code out} gets
     * each result as it completes, one at a time.
     */
    public void run(
            List<Question> questions, Map<String, DataSourceId> sources, int concurrency, Consumer<Result> out) {
        if (concurrency <= 1) {
            for (Question q : questions) {
                out.accept(one(q, sources.get(q.db())));
            }
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            CompletionService<Result> done = new ExecutorCompletionService<>(pool);
            questions.forEach(q -> done.submit(() -> one(q, sources.get(q.db()))));
            for (int i = 0; i < questions.size(); i++) {
                out.accept(done.take().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    Result one(Question q, DataSourceId ds) {
        long t0 = System.nanoTime();
        Chat chat = chats.createChat("eval " + q.index(), ds, null);
        long[] tokens = {0};
        Turn turn;
        String asked = null;
        try (AutoCloseable sub = events.subscribe(chat.id(), e -> {
            boolean drafted = e.type() == ChatEventType.SQL_DRAFTING
                    && e.payload() instanceof JsonNode d
                    && d.path("done").asBoolean(false);
            if ((drafted || e.type() == ChatEventType.SQL_GENERATED) && e.payload() instanceof JsonNode m) {
                tokens[0] += m.path("promptTokens").asLong(0)
                        + m.path("completionTokens").asLong(0);
            }
        })) {
            turn = orchestrator.ask(
                    chat.id(), q.question(), null, q.instructions().isEmpty() ? null : q.instructions());
            for (int n = 0; turn.state() == TurnState.AWAITING_CLARIFICATION && n < MAX_CLARIFICATIONS; n++) {
                if (asked == null) {
                    asked = turn.clarification().question();
                }
                turn = orchestrator.clarify(
                        turn.id(), turn.clarification().choices().getFirst().id(), null);
            }
            if (turn.state() == TurnState.AWAITING_CONFIRMATION) {
                turn = orchestrator.confirm(turn.id(), null);
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        SchemaSnapshot schema = dataSources.schema(ds);
        String match;
        if (turn.state() != TurnState.ANSWERED || turn.result() == null) {
            // A question whose every gold query fails on this engine (defog's MySQL set has a few that
            // only MySQL 8 runs, not MariaDB) is left out of the figures, answered or not.
            match = q.gold().stream().anyMatch(g -> goldRows(g, ds, schema) != null) ? "UNANSWERED" : "GOLD_FAILED";
        } else {
            match = judge(turn.result().rows(), q.gold(), ds, schema);
        }
        return new Result(
                q.index(),
                q.db(),
                q.category(),
                q.question(),
                turn.state().name(),
                turn.source() == null ? null : turn.source().name(),
                turn.confidence(),
                turn.validation() == null ? null : turn.validation().verdict().name(),
                turn.validation() != null && turn.validation().needsReview(),
                turn.sql(),
                turn.error() == null ? null : turn.error().code().name(),
                turn.error() == null ? null : turn.error().message(),
                match,
                millis,
                QuestionSet.split(q),
                Shapes.of(turn.plan()),
                turn.validation() == null ? null : turn.validation().trust(),
                turn.validation() == null ? Map.of() : turn.validation().signals(),
                turn.validation() == null ? List.of() : turn.validation().warnings(),
                turn.result() == null ? null : turn.result().rowCount(),
                tokens[0],
                engine == null ? schema.dialect().name() : engine,
                asked);
    }

    /** The best outcome over the gold alternatives; GOLD_FAILED when none of them ran. */
    private String judge(List<List<Object>> predicted, List<String> gold, DataSourceId ds, SchemaSnapshot schema) {
        RowMatch.Outcome best = null;
        for (String g : gold) {
            List<List<Object>> goldRows = goldRows(g, ds, schema);
            if (goldRows == null) {
                continue;
            }
            boolean ordered = g.toUpperCase(java.util.Locale.ROOT).contains("ORDER BY");
            RowMatch.Outcome o = RowMatch.compare(rule, predicted, goldRows, ordered);
            if (best == null || o.ordinal() < best.ordinal()) {
                best = o;
            }
        }
        return best == null ? "GOLD_FAILED" : best.name();
    }

    /** A gold query's rows, through the guard and the data source like any answer; null when it fails. */
    private List<List<Object>> goldRows(String gold, DataSourceId ds, SchemaSnapshot schema) {
        try {
            return dataSources
                    .connector(ds)
                    .executeQuery(
                            guard.require(gold, schema.dialect(), schema),
                            QueryLimits.defaults(),
                            QueryCancellation.none())
                    .rows();
        } catch (QuerentException e) {
            return null;
        }
    }
}
