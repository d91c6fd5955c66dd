package dev.querent.agents;

import dev.querent.core.DataSourceId;
import java.time.Instant;
import java.util.List;

/** An entry of the human validation queue. */
public record ReviewItem(
        String id,
        DataSourceId dataSourceId,
        TurnId turnId,
        String feedbackId,
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
        CORRECTED_SQL
    }

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }

    public record HistoryEntry(Instant at, String actor, String action, String note) {}
}
