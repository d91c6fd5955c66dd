package dev.querent.agents;

import dev.querent.core.DataSourceId;
import dev.querent.semantics.QueryPlan;
import java.time.Instant;
import java.util.List;

/**
 * An entry of the human validation queue.
 *
 * @param patternId the knowledge-base pattern the item is about (schema drift), or {@code null}
 * @param plan the plan {@code sql} runs, read from it for the reviewer ({@link ReviewPlans}); null
 *     when it was not read or cannot be
 */
public record ReviewItem(
        String id,
        DataSourceId dataSourceId,
        TurnId turnId,
        String feedbackId,
        String patternId,
        String question,
        String sql,
        Reason reason,
        String detail,
        TurnResult preview,
        Status status,
        String reviewer,
        String note,
        List<HistoryEntry> history,
        Instant createdAt,
        Instant updatedAt,
        QueryPlan plan) {

    /** The same item with the plan its SQL runs. */
    public ReviewItem withPlan(QueryPlan readPlan) {
        return new ReviewItem(
                id,
                dataSourceId,
                turnId,
                feedbackId,
                patternId,
                question,
                sql,
                reason,
                detail,
                preview,
                status,
                reviewer,
                note,
                history,
                createdAt,
                updatedAt,
                readPlan);
    }

    public enum Reason {
        LOW_AGREEMENT,
        LOW_CONFIDENCE,
        THUMBS_DOWN,
        THUMBS_UP,
        CORRECTED_SQL,
        /** A verified pattern that no longer validates after the schema changed. */
        SCHEMA_DRIFT
    }

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }

    public record HistoryEntry(Instant at, String actor, String action, String note) {}
}
