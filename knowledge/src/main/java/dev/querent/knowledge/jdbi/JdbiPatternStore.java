package dev.querent.knowledge.jdbi;

import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiPatternStore implements PatternStore {
    private static final String COLUMNS =
            "id, data_source_id, question, sql_text, status, created_by, created_at, version, provenance";

    private final Jdbi jdbi;
    private final Clock clock;

    public JdbiPatternStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public QueryPattern add(
            DataSourceId dataSourceId,
            String question,
            String sql,
            PatternStatus status,
            String createdBy,
            String provenance) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO kb_patterns (" + COLUMNS
                        + ", updated_at) VALUES (:id, :ds, :q, :sql, :status, :by, :now, 1, :prov, :now)")
                .bind("id", id)
                .bind("ds", dataSourceId.value())
                .bind("q", question)
                .bind("sql", sql)
                .bind("status", status.name())
                .bind("by", createdBy)
                .bind("now", now)
                .bind("prov", provenance)
                .execute());
        return require(id);
    }

    @Override
    public QueryPattern update(String id, String question, String sql) {
        int n = jdbi.withHandle(
                h -> h.createUpdate("UPDATE kb_patterns SET question = :q, sql_text = :sql, version = version + 1,"
                                + " updated_at = :now WHERE id = :id")
                        .bind("q", question)
                        .bind("sql", sql)
                        .bind("now", clock.millis())
                        .bind("id", id)
                        .execute());
        if (n == 0) {
            throw notFound(id);
        }
        return require(id);
    }

    @Override
    public QueryPattern setStatus(String id, PatternStatus status) {
        int n = jdbi.withHandle(
                h -> h.createUpdate("UPDATE kb_patterns SET status = :status, updated_at = :now WHERE id = :id")
                        .bind("status", status.name())
                        .bind("now", clock.millis())
                        .bind("id", id)
                        .execute());
        if (n == 0) {
            throw notFound(id);
        }
        return require(id);
    }

    @Override
    public Optional<QueryPattern> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM kb_patterns WHERE id = :id")
                .bind("id", id)
                .map(JdbiPatternStore::map)
                .findOne());
    }

    @Override
    public List<QueryPattern> list(DataSourceId dataSourceId, PatternStatus status, String text) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM kb_patterns WHERE 1 = 1");
        if (dataSourceId != null) {
            sql.append(" AND data_source_id = :ds");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (text != null && !text.isBlank()) {
            sql.append(" AND (LOWER(question) LIKE :text OR LOWER(sql_text) LIKE :text)");
        }
        sql.append(" ORDER BY created_at DESC, id");
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString());
            if (dataSourceId != null) {
                q.bind("ds", dataSourceId.value());
            }
            if (status != null) {
                q.bind("status", status.name());
            }
            if (text != null && !text.isBlank()) {
                q.bind("text", "%" + text.toLowerCase(Locale.ROOT) + "%");
            }
            return q.map(JdbiPatternStore::map).list();
        });
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM kb_patterns WHERE id = :id")
                        .bind("id", id)
                        .execute())
                > 0;
    }

    private QueryPattern require(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    private static QuerentException notFound(String id) {
        return new QuerentException(ErrorCode.NOT_FOUND, "No knowledge-base pattern " + id);
    }

    private static QueryPattern map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new QueryPattern(
                rs.getString("id"),
                new DataSourceId(rs.getString("data_source_id")),
                rs.getString("question"),
                rs.getString("sql_text"),
                PatternStatus.valueOf(rs.getString("status")),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getInt("version"),
                rs.getString("provenance"));
    }
}
