package dev.querent.agents.access.store;

import dev.querent.agents.access.AuditEntry;
import dev.querent.agents.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import tools.jackson.core.type.TypeReference;

/** The audit log table: inserts and reads only. */
public final class AuditStore {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** A stored row with its chain hashes. */
    public record Row(AuditEntry entry, String detailJson, String prevHash, String hash) {}

    private final Jdbi jdbi;

    public AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Row> last() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    public void insert(AuditEntry e, String detailJson, String prevHash, String hash) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (seq, at, actor, action, target, outcome,"
                        + " detail_json, prev_hash, hash) VALUES (:seq, :at, :actor, :action, :target, :outcome,"
                        + " :detail, :prev, :hash)")
                .bind("seq", e.seq())
                .bind("at", e.at().toEpochMilli())
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("target", e.target())
                .bind("outcome", e.outcome().name())
                .bind("detail", detailJson)
                .bind("prev", prevHash)
                .bind("hash", hash)
                .execute());
    }

    /**
     * Rows matching every given filter, newest first. {@code action} matches a whole action or, ending
     * in a dot, a family ({@code "sql."}).
     */
    public List<Row> find(String actor, String action, Instant since, Instant until, long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE seq < :before");
        if (actor != null) {
            sql.append(" AND actor = :actor");
        }
        if (action != null) {
            sql.append(action.endsWith(".") ? " AND action LIKE :action" : " AND action = :action");
        }
        if (since != null) {
            sql.append(" AND at >= :since");
        }
        if (until != null) {
            sql.append(" AND at < :until");
        }
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("before", beforeSeq).bind("limit", limit);
            if (actor != null) {
                q.bind("actor", actor);
            }
            if (action != null) {
                q.bind("action", action.endsWith(".") ? action + "%" : action);
            }
            if (since != null) {
                q.bind("since", since.toEpochMilli());
            }
            if (until != null) {
                q.bind("until", until.toEpochMilli());
            }
            return q.map((rs, ctx) -> map(rs)).list();
        });
    }

    /** All rows in order, for verifying the chain. */
    public List<Row> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log ORDER BY seq")
                .map((rs, ctx) -> map(rs))
                .list());
    }

    private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String detail = rs.getString("detail_json");
        return new Row(
                new AuditEntry(
                        rs.getLong("seq"),
                        Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        AuditEntry.Outcome.valueOf(rs.getString("outcome")),
                        Json.read(detail, MAP)),
                detail,
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
