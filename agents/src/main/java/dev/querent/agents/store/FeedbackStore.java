package dev.querent.agents.store;

import dev.querent.agents.Feedback;
import dev.querent.agents.ReviewItem;
import dev.querent.agents.ReviewQueue;
import dev.querent.agents.TurnId;
import dev.querent.agents.TurnResult;
import dev.querent.agents.internal.Json;
import dev.querent.core.DataSourceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import tools.jackson.core.type.TypeReference;

/** Feedback and the human validation queue. */
public final class FeedbackStore implements ReviewQueue {
    private static final TypeReference<List<ReviewItem.HistoryEntry>> HISTORY = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final Clock clock;

    public FeedbackStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Feedback addFeedback(TurnId turnId, Feedback.Rating rating, String reason, String correctedSql) {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(
                h -> h.createUpdate("INSERT INTO feedback (id, turn_id, rating, reason, corrected_sql, created_at)"
                                + " VALUES (:id, :t, :r, :reason, :sql, :now)")
                        .bind("id", id)
                        .bind("t", turnId.value())
                        .bind("r", rating.name())
                        .bind("reason", reason)
                        .bind("sql", correctedSql)
                        .bind("now", clock.millis())
                        .execute());
        return findFeedback(id).orElseThrow();
    }

    public Optional<Feedback> findFeedback(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM feedback WHERE id = :id")
                .bind("id", id)
                .map(FeedbackStore::mapFeedback)
                .findOne());
    }

    /** Feedback not yet folded into the knowledge base (e.g. after a crash mid-way). */
    public List<Feedback> unprocessed() {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT * FROM feedback WHERE processed_at IS NULL ORDER BY created_at")
                        .map(FeedbackStore::mapFeedback)
                        .list());
    }

    public void markProcessed(String feedbackId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE feedback SET processed_at = :now WHERE id = :id")
                .bind("now", clock.millis())
                .bind("id", feedbackId)
                .execute());
    }

    public ReviewItem addReviewItem(
            DataSourceId dataSourceId,
            TurnId turnId,
            String feedbackId,
            String question,
            String sql,
            ReviewItem.Reason reason,
            String detail,
            TurnResult preview) {
        return addReviewItem(dataSourceId, turnId, feedbackId, null, question, sql, reason, detail, preview);
    }

    /** Queues an item; {@code patternId} names the knowledge-base pattern it is about, if any. */
    public ReviewItem addReviewItem(
            DataSourceId dataSourceId,
            TurnId turnId,
            String feedbackId,
            String patternId,
            String question,
            String sql,
            ReviewItem.Reason reason,
            String detail,
            TurnResult preview) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        List<ReviewItem.HistoryEntry> history =
                List.of(new ReviewItem.HistoryEntry(Instant.ofEpochMilli(now), "system", "QUEUED", detail));
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO review_items (id, data_source_id, turn_id, feedback_id, pattern_id, question,"
                                + " sql_text, reason, detail, preview_json, status, history_json, created_at, updated_at)"
                                + " VALUES (:id, :ds, :t, :f, :p, :q, :sql, :reason, :detail, :preview, 'PENDING',"
                                + " :history, :now, :now)")
                .bind("id", id)
                .bind("ds", dataSourceId.value())
                .bind("t", turnId == null ? null : turnId.value())
                .bind("f", feedbackId)
                .bind("p", patternId)
                .bind("q", question)
                .bind("sql", sql)
                .bind("reason", reason.name())
                .bind("detail", detail)
                .bind("preview", Json.write(preview))
                .bind("history", Json.write(history))
                .bind("now", now)
                .execute());
        return findReviewItem(id).orElseThrow();
    }

    /** Records a reviewer's decision; {@code sql} replaces the item's SQL when not null (edit-and-approve). */
    public ReviewItem decide(String id, ReviewItem.Status status, String reviewer, String note, String sql) {
        return jdbi.inTransaction(h -> {
            ReviewItem item = h.createQuery("SELECT * FROM review_items WHERE id = :id")
                    .bind("id", id)
                    .map(FeedbackStore::mapReview)
                    .one();
            long now = clock.millis();
            List<ReviewItem.HistoryEntry> history = new ArrayList<>(item.history());
            history.add(new ReviewItem.HistoryEntry(Instant.ofEpochMilli(now), reviewer, status.name(), note));
            h.createUpdate("UPDATE review_items SET status = :s, reviewer = :r, note = :n, sql_text = :sql,"
                            + " history_json = :h, updated_at = :now WHERE id = :id")
                    .bind("s", status.name())
                    .bind("r", reviewer)
                    .bind("n", note)
                    .bind("sql", sql == null ? item.sql() : sql)
                    .bind("h", Json.write(history))
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            return h.createQuery("SELECT * FROM review_items WHERE id = :id")
                    .bind("id", id)
                    .map(FeedbackStore::mapReview)
                    .one();
        });
    }

    @Override
    public Optional<ReviewItem> findReviewItem(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM review_items WHERE id = :id")
                .bind("id", id)
                .map(FeedbackStore::mapReview)
                .findOne());
    }

    @Override
    public List<ReviewItem> listReviewItems(
            ReviewItem.Status status, DataSourceId dataSourceId, ReviewItem.Reason reason) {
        StringBuilder sql = new StringBuilder("SELECT * FROM review_items WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = :s");
        }
        if (dataSourceId != null) {
            sql.append(" AND data_source_id = :ds");
        }
        if (reason != null) {
            sql.append(" AND reason = :reason");
        }
        sql.append(" ORDER BY created_at DESC, id");
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString());
            if (status != null) {
                q.bind("s", status.name());
            }
            if (dataSourceId != null) {
                q.bind("ds", dataSourceId.value());
            }
            if (reason != null) {
                q.bind("reason", reason.name());
            }
            return q.map(FeedbackStore::mapReview).list();
        });
    }

    private static Feedback mapFeedback(ResultSet rs, StatementContext ctx) throws SQLException {
        long processed = rs.getLong("processed_at");
        boolean wasProcessed = !rs.wasNull();
        return new Feedback(
                rs.getString("id"),
                new TurnId(rs.getString("turn_id")),
                Feedback.Rating.valueOf(rs.getString("rating")),
                rs.getString("reason"),
                rs.getString("corrected_sql"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                wasProcessed ? Instant.ofEpochMilli(processed) : null);
    }

    private static ReviewItem mapReview(ResultSet rs, StatementContext ctx) throws SQLException {
        String turn = rs.getString("turn_id");
        return new ReviewItem(
                rs.getString("id"),
                new DataSourceId(rs.getString("data_source_id")),
                turn == null ? null : new TurnId(turn),
                rs.getString("feedback_id"),
                rs.getString("pattern_id"),
                rs.getString("question"),
                rs.getString("sql_text"),
                ReviewItem.Reason.valueOf(rs.getString("reason")),
                rs.getString("detail"),
                Json.read(rs.getString("preview_json"), TurnResult.class),
                ReviewItem.Status.valueOf(rs.getString("status")),
                rs.getString("reviewer"),
                rs.getString("note"),
                Json.read(rs.getString("history_json"), HISTORY),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                null);
    }
}
