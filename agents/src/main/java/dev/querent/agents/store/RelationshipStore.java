package dev.querent.agents.store;

import dev.querent.agents.InferredRelationship;
import dev.querent.agents.RelationshipStatus;
import dev.querent.core.DataSourceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Inferred relationships per data source (table {@code inferred_relationships}). */
public final class RelationshipStore {
    private final Jdbi jdbi;

    public RelationshipStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<InferredRelationship> list(DataSourceId ds) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM inferred_relationships WHERE data_source_id = :ds"
                        + " ORDER BY from_table, from_column, to_table, to_column, id")
                .bind("ds", ds.value())
                .map(RelationshipStore::map)
                .list());
    }

    public Optional<InferredRelationship> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM inferred_relationships WHERE id = :id")
                .bind("id", id)
                .map(RelationshipStore::map)
                .findOne());
    }

    /**
     * Replaces what the last inference found: deletes the {@code INFERRED} rows whose ids are in
     * {@code stale}, updates {@code refreshed} and inserts {@code added}, in one transaction.
     */
    public void replaceInferred(
            List<String> stale, List<InferredRelationship> refreshed, List<InferredRelationship> added) {
        jdbi.useTransaction(h -> {
            for (String id : stale) {
                h.createUpdate("DELETE FROM inferred_relationships WHERE id = :id AND status = 'INFERRED'")
                        .bind("id", id)
                        .execute();
            }
            for (InferredRelationship r : refreshed) {
                h.createUpdate("UPDATE inferred_relationships SET containment = :c, sampled = :n, updated_at = :at"
                                + " WHERE id = :id")
                        .bind("c", r.containment())
                        .bind("n", r.sampled())
                        .bind("at", r.updatedAt().toEpochMilli())
                        .bind("id", r.id())
                        .execute();
            }
            for (InferredRelationship r : added) {
                insert(h, r);
            }
        });
    }

    public boolean setStatus(String id, RelationshipStatus status, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "UPDATE inferred_relationships SET status = :s, updated_at = :at WHERE id = :id")
                        .bind("s", status.name())
                        .bind("at", at.toEpochMilli())
                        .bind("id", id)
                        .execute())
                > 0;
    }

    public void deleteAll(DataSourceId ds) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM inferred_relationships WHERE data_source_id = :ds")
                .bind("ds", ds.value())
                .execute());
    }

    private static void insert(Handle h, InferredRelationship r) {
        h.createUpdate(
                        "INSERT INTO inferred_relationships (id, data_source_id, from_schema, from_table, from_column,"
                                + " to_schema, to_table, to_column, status, containment, sampled, rule, created_at, updated_at)"
                                + " VALUES (:id, :ds, :fs, :ft, :fc, :ts, :tt, :tc, :status, :c, :n, :rule, :created, :updated)")
                .bind("id", r.id())
                .bind("ds", r.dataSourceId().value())
                .bind("fs", r.fromSchema())
                .bind("ft", r.fromTable())
                .bind("fc", r.fromColumn())
                .bind("ts", r.toSchema())
                .bind("tt", r.toTable())
                .bind("tc", r.toColumn())
                .bind("status", r.status().name())
                .bind("c", r.containment())
                .bind("n", r.sampled())
                .bind("rule", r.rule())
                .bind("created", r.createdAt().toEpochMilli())
                .bind("updated", r.updatedAt().toEpochMilli())
                .execute();
    }

    private static InferredRelationship map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new InferredRelationship(
                rs.getString("id"),
                new DataSourceId(rs.getString("data_source_id")),
                rs.getString("from_schema"),
                rs.getString("from_table"),
                rs.getString("from_column"),
                rs.getString("to_schema"),
                rs.getString("to_table"),
                rs.getString("to_column"),
                RelationshipStatus.valueOf(rs.getString("status")),
                rs.getDouble("containment"),
                rs.getInt("sampled"),
                rs.getString("rule"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
