package dev.querent.agents;

import dev.querent.agents.access.ScopeResolver;
import dev.querent.agents.store.ChatStore;
import dev.querent.agents.store.FeedbackStore;
import dev.querent.connectors.ExplainResult;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.QueryResult;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardVerdict;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.semantics.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds feedback into the knowledge base. Feedback is persisted before it is processed and marked
 * processed only afterwards, so a crash mid-way is recovered by {@link #recover()} at start-up.
 *
 * <ul>
 *   <li>thumbs up on an answer the Validator agreed with → verified pattern when the project's policy
 *       auto-verifies, otherwise a candidate pattern queued for review;
 *   <li>thumbs down → queued with the reason;
 *   <li>corrected SQL → checked by the guard, executed for a preview, queued;
 *   <li>reviewer approval → verified pattern;
 *   <li>schema drift → every verified pattern re-validated; broken ones back to the queue.
 * </ul>
 */
public final class LearningAgent {
    private static final Logger log = LoggerFactory.getLogger(LearningAgent.class);
    private static final int PREVIEW_ROWS = 20;

    private final FeedbackStore feedback;
    private final ChatStore chats;
    private final DataSourceService dataSources;
    private final PatternStore patterns;
    private final SqlGuard guard;
    private final boolean autoVerifyThumbsUp;
    private final QuerySlots slots;
    private final ScopeResolver scopes;

    public LearningAgent(
            FeedbackStore feedback,
            ChatStore chats,
            DataSourceService dataSources,
            PatternStore patterns,
            SqlGuard guard,
            boolean autoVerifyThumbsUp) {
        this(feedback, chats, dataSources, patterns, guard, autoVerifyThumbsUp, QuerySlots.unbounded());
    }

    /** As above; the corrected-SQL preview runs inside one of {@code slots}' query slots. */
    public LearningAgent(
            FeedbackStore feedback,
            ChatStore chats,
            DataSourceService dataSources,
            PatternStore patterns,
            SqlGuard guard,
            boolean autoVerifyThumbsUp,
            QuerySlots slots) {
        this(feedback, chats, dataSources, patterns, guard, autoVerifyThumbsUp, slots, ScopeResolver.UNRESTRICTED);
    }

    /**
     * As above; a corrected SQL's preview runs under the data scope of the chat's owner, so a
     * correction cannot read (nor put in front of reviewers) rows its author may not see.
     */
    public LearningAgent(
            FeedbackStore feedback,
            ChatStore chats,
            DataSourceService dataSources,
            PatternStore patterns,
            SqlGuard guard,
            boolean autoVerifyThumbsUp,
            QuerySlots slots,
            ScopeResolver scopes) {
        this.scopes = scopes;
        this.slots = slots;
        this.feedback = feedback;
        this.chats = chats;
        this.dataSources = dataSources;
        this.patterns = patterns;
        this.guard = guard;
        this.autoVerifyThumbsUp = autoVerifyThumbsUp;
    }

    /** Records feedback on an answered turn, then processes it. */
    public Feedback submit(TurnId turnId, Feedback.Rating rating, String reason, String correctedSql) {
        Turn turn = chats.findTurn(turnId)
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No turn " + turnId));
        String corrected = correctedSql == null || correctedSql.isBlank() ? null : correctedSql.strip();
        if (turn.state() != TurnState.ANSWERED && corrected == null) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE, "Only answered turns can be rated; correct the SQL instead.");
        }
        if (rating == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "rating must be UP or DOWN");
        }
        if (corrected != null) {
            DataSourceId ds = chat(turn).dataSourceId();
            guard.require(corrected, dataSources.schema(ds).dialect(), dataSources.schema(ds));
        }
        Feedback saved = feedback.addFeedback(turnId, rating, reason, corrected);
        process(saved);
        return feedback.findFeedback(saved.id()).orElseThrow();
    }

    /**
     * Re-processes feedback a previous run persisted but did not finish.
     *
     * @return how many were processed now (failures stay pending for the next run)
     */
    public int recover() {
        int processed = 0;
        for (Feedback f : feedback.unprocessed()) {
            try {
                process(f);
                processed++;
            } catch (RuntimeException e) {
                log.warn("feedback {} could not be processed yet: {}", f.id(), e.getMessage());
            }
        }
        return processed;
    }

    /** The Orchestrator's route for answers the Validator doubted. */
    public void routeForReview(Turn turn) {
        DataSourceId ds = chat(turn).dataSourceId();
        boolean lowAgreement = turn.validation() != null && turn.validation().verdict() != Verdict.AGREES;
        feedback.addReviewItem(
                ds,
                turn.id(),
                null,
                turn.question(),
                turn.sql(),
                lowAgreement ? ReviewItem.Reason.LOW_AGREEMENT : ReviewItem.Reason.LOW_CONFIDENCE,
                lowAgreement
                        ? "The SQL reads as \"" + turn.validation().backTranslation() + "\" (agreement "
                                + Math.round(turn.validation().agreement() * 100) + "%)"
                        : "Confidence " + Math.round(turn.confidence() * 100) + "%",
                preview(turn.result()));
    }

    /**
     * Approves an item: its SQL (or the reviewer's edit) becomes a verified pattern. An item about an
     * existing pattern (a thumbs-up candidate, a pattern broken by schema drift) verifies that pattern
     * with the approved SQL, as a new version; other items add a pattern.
     */
    public ReviewItem approve(String itemId, String reviewer, String editedSql, String note) {
        ReviewItem item = pending(itemId);
        String sql = editedSql == null || editedSql.isBlank() ? item.sql() : editedSql.strip();
        SchemaSnapshot schema = dataSources.schema(item.dataSourceId());
        guard.require(sql, schema.dialect(), schema);
        ReviewItem decided = feedback.decide(itemId, ReviewItem.Status.APPROVED, reviewer(reviewer), note, sql);
        Optional<QueryPattern> existing = item.patternId() == null ? Optional.empty() : patterns.find(item.patternId());
        if (existing.isPresent()) {
            QueryPattern p = existing.get();
            if (!p.sql().equals(sql)) {
                patterns.update(p.id(), p.question(), sql);
            }
            patterns.setStatus(p.id(), PatternStatus.VERIFIED);
        } else {
            patterns.add(
                    item.dataSourceId(),
                    item.question(),
                    sql,
                    PatternStatus.VERIFIED,
                    reviewer(reviewer),
                    "review:" + itemId);
        }
        return decided;
    }

    public ReviewItem reject(String itemId, String reviewer, String note) {
        ReviewItem item = pending(itemId);
        ReviewItem decided = feedback.decide(itemId, ReviewItem.Status.REJECTED, reviewer(reviewer), note, null);
        if (item.patternId() != null) {
            patterns.find(item.patternId())
                    .filter(p -> p.status() != PatternStatus.VERIFIED)
                    .ifPresent(p -> patterns.setStatus(p.id(), PatternStatus.REJECTED));
        }
        return decided;
    }

    /** What re-validating a data source's verified patterns against a new schema found. */
    public record Revalidation(int checked, List<String> brokenPatternIds) {
        public Revalidation {
            brokenPatternIds = List.copyOf(brokenPatternIds);
        }
    }

    /**
     * Re-validates every verified pattern of a data source against its (new) schema: the guard with
     * the schema check, then a dry run on the engine. A pattern that fails is marked {@link
     * PatternStatus#BROKEN} (so it no longer answers questions) and goes back to the queue.
     */
    public Revalidation revalidate(DataSourceId ds, SchemaSnapshot schema) {
        List<QueryPattern> verified = patterns.list(ds, PatternStatus.VERIFIED, null);
        List<String> broken = new ArrayList<>();
        for (QueryPattern p : verified) {
            String problem = problem(ds, p.sql(), schema);
            if (problem == null) {
                continue;
            }
            patterns.setStatus(p.id(), PatternStatus.BROKEN);
            feedback.addReviewItem(
                    ds,
                    null,
                    null,
                    p.id(),
                    p.question(),
                    p.sql(),
                    ReviewItem.Reason.SCHEMA_DRIFT,
                    "The schema changed and this verified query no longer validates: " + problem,
                    null);
            broken.add(p.id());
        }
        if (!broken.isEmpty()) {
            log.info("schema drift on {}: {} of {} verified patterns broken", ds, broken.size(), verified.size());
        }
        return new Revalidation(verified.size(), broken);
    }

    /** Why the SQL does not validate against the schema, or null when it does. */
    private String problem(DataSourceId ds, String sql, SchemaSnapshot schema) {
        GuardVerdict verdict = guard.check(sql, schema.dialect(), schema);
        if (!verdict.accepted()) {
            return verdict.rejections().stream()
                    .map(r -> r.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("rejected");
        }
        ExplainResult explain = dataSources
                .connector(ds)
                .explain(verdict.safeSql(), new QueryLimits(Duration.ofSeconds(30), 1, 1024 * 1024));
        return explain.ok() ? null : explain.error();
    }

    private void process(Feedback f) {
        Turn turn = chats.findTurn(f.turnId()).orElse(null);
        if (turn == null) {
            feedback.markProcessed(f.id()); // the chat was deleted: nothing left to learn from
            return;
        }
        DataSourceId ds = chat(turn).dataSourceId();
        if (f.correctedSql() != null) {
            feedback.addReviewItem(
                    ds,
                    turn.id(),
                    f.id(),
                    turn.question(),
                    f.correctedSql(),
                    ReviewItem.Reason.CORRECTED_SQL,
                    f.reason() == null ? "The user corrected the SQL." : f.reason(),
                    execute(ds, f.correctedSql(), chat(turn).owner()));
        } else if (f.rating() == Feedback.Rating.DOWN) {
            feedback.addReviewItem(
                    ds,
                    turn.id(),
                    f.id(),
                    turn.question(),
                    turn.sql(),
                    ReviewItem.Reason.THUMBS_DOWN,
                    f.reason() == null ? "The user said the answer is wrong." : f.reason(),
                    preview(turn.result()));
        } else if (turn.source() == AnswerSource.PATTERN) {
            // Already answered by a verified pattern: nothing new to learn.
        } else if (autoVerifyThumbsUp && agreed(turn)) {
            patterns.add(ds, turn.question(), turn.sql(), PatternStatus.VERIFIED, "user", "feedback:" + f.id());
        } else {
            QueryPattern candidate = patterns.add(
                    ds, turn.question(), turn.sql(), PatternStatus.CANDIDATE, "user", "feedback:" + f.id());
            feedback.addReviewItem(
                    ds,
                    turn.id(),
                    f.id(),
                    candidate.id(),
                    turn.question(),
                    turn.sql(),
                    ReviewItem.Reason.THUMBS_UP,
                    autoVerifyThumbsUp
                            ? "The user liked an answer the validator was not sure of."
                            : "The user liked this answer; the project verifies every pattern by review.",
                    preview(turn.result()));
        }
        feedback.markProcessed(f.id());
    }

    private TurnResult execute(DataSourceId ds, String sql, String owner) {
        SchemaSnapshot schema = dataSources.schema(ds);
        ScopeResolver.Grant grant = scopes.grant(owner, ds);
        SafeSql safe = grant.apply(guard.require(sql, schema.dialect(), schema, grant.scope(), grant.attributes()));
        QueryResult r;
        try (QuerySlots.Slot slot = slots.acquire(ds, null)) {
            r = dataSources
                    .connector(ds)
                    .executeQuery(
                            safe,
                            new QueryLimits(Duration.ofSeconds(30), PREVIEW_ROWS, 4L * 1024 * 1024),
                            QueryCancellation.none());
        }
        return new TurnResult(r.columns(), r.rows(), r.rows().size(), r.truncated(), r.elapsedMillis());
    }

    private static boolean agreed(Turn turn) {
        return turn.validation() != null
                && turn.validation().verdict() == Verdict.AGREES
                && !turn.validation().needsReview();
    }

    private static TurnResult preview(TurnResult r) {
        if (r == null) {
            return null;
        }
        List<List<Object>> rows =
                r.rows().size() <= PREVIEW_ROWS ? r.rows() : r.rows().subList(0, PREVIEW_ROWS);
        return new TurnResult(
                r.columns(),
                rows,
                r.rowCount(),
                r.truncated() || rows.size() < r.rows().size(),
                r.elapsedMillis());
    }

    private ReviewItem pending(String id) {
        ReviewItem item = feedback.findReviewItem(id)
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No review item " + id));
        if (item.status() != ReviewItem.Status.PENDING) {
            throw new QuerentException(ErrorCode.INVALID_STATE, "Review item " + id + " was already " + item.status());
        }
        return item;
    }

    private Chat chat(Turn turn) {
        return chats.findChat(turn.chatId())
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No chat " + turn.chatId()));
    }

    private static String reviewer(String r) {
        return r == null || r.isBlank() ? "anonymous" : r.strip();
    }
}
