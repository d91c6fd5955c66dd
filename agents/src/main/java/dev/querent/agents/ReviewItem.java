package dev.querent.agents;

import dev.querent.core.DataSourceId;
import java.time.Instant;
import java.util.List;

/**
 * An entry of the human validation queue.
 *
 * @param patternId the knowledge-base pattern the item is about (schema drift), or {@code null}
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
        Instant updatedAt) {

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
