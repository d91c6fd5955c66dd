package dev.querent.api.eval;

import dev.querent.agents.Chat;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnState;
import dev.querent.agents.store.ChatStore;
import dev.querent.api.eval.QuestionSet.Question;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.SqlGuard;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Asks each question in a new chat through the {@link Orchestrator}, confirms the proposed plan as
 * it stands, and judges the answer's rows against every gold query's rows.
 */
public final class EvalRunner {
    /**
     * One question's outcome. {@code match}: EXACT, SUBSET, WRONG (answered with other rows),
     * UNANSWERED (refused or failed), GOLD_FAILED (no gold query ran; left out of the figures).
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
            String match,
            long millis) {}

    private final Orchestrator orchestrator;
    private final ChatStore chats;
    private final DataSourceService dataSources;
    private final SqlGuard guard;

    public EvalRunner(Orchestrator orchestrator, ChatStore chats, DataSourceService dataSources, SqlGuard guard) {
        this.orchestrator = orchestrator;
        this.chats = chats;
        this.dataSources = dataSources;
        this.guard = guard;
    }

    public void run(List<Question> questions, Map<String, DataSourceId> sources, Consumer<Result> out) {
        for (Question q : questions) {
            out.accept(one(q, sources.get(q.db())));
        }
    }

    Result one(Question q, DataSourceId ds) {
        long t0 = System.nanoTime();
        Chat chat = chats.createChat("eval " + q.index(), ds, null);
        Turn turn =
                orchestrator.ask(chat.id(), q.question(), null, q.instructions().isEmpty() ? null : q.instructions());
        if (turn.state() == TurnState.AWAITING_CONFIRMATION) {
            turn = orchestrator.confirm(turn.id(), null);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String match;
        if (turn.state() != TurnState.ANSWERED || turn.result() == null) {
            match = "UNANSWERED";
        } else {
            match = judge(turn.result().rows(), q.gold(), ds);
        }
        return new Result(
                q.index(),
                q.db(),
                q.category(),
                q.question(),
                turn.state().name(),
                turn.source() == null ? null : turn.source().name(),
                turn.confidence(),
                turn.validation() == null ? null : turn.validation().verdict(),
                turn.validation() != null && turn.validation().needsReview(),
                turn.sql(),
                turn.error() == null ? null : turn.error().code().name(),
                match,
                millis);
    }

    /** The best outcome over the gold alternatives; GOLD_FAILED when none of them ran. */
    private String judge(List<List<Object>> predicted, List<String> gold, DataSourceId ds) {
        SchemaSnapshot schema = dataSources.schema(ds);
        RowMatch.Outcome best = null;
        for (String g : gold) {
            List<List<Object>> goldRows;
            try {
                goldRows = dataSources
                        .connector(ds)
                        .executeQuery(
                                guard.require(g, schema.dialect(), schema),
                                QueryLimits.defaults(),
                                QueryCancellation.none())
                        .rows();
            } catch (QuerentException e) {
                continue;
            }
            RowMatch.Outcome o = RowMatch.compare(predicted, goldRows);
            if (best == null || o.ordinal() < best.ordinal()) {
                best = o;
            }
        }
        return best == null ? "GOLD_FAILED" : best.name();
    }
}
