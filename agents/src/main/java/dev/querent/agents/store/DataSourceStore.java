package dev.querent.agents.store;

import dev.querent.agents.internal.Json;
import dev.querent.core.DataSourceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import tools.jackson.core.type.TypeReference;

public final class DataSourceStore {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final Clock clock;

    public DataSourceStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void insert(DataSourceId id, String name, String type, Map<String, String> settings, String secretsEnc) {
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO data_sources (id, name, type, settings_json, secrets_enc, is_default,"
                                + " created_at, updated_at) VALUES (:id, :name, :type, :settings, :secrets, 0, :now, :now)")
                .bind("id", id.value())
                .bind("name", name)
                .bind("type", type)
                .bind("settings", Json.write(settings))
                .bind("secrets", secretsEnc)
                .bind("now", now)
                .execute());
    }

    public boolean update(DataSourceId id, String name, Map<String, String> settings, String secretsEnc) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "UPDATE data_sources SET name = :name, settings_json = :settings, secrets_enc = :secrets,"
                                        + " schema_json = NULL, schema_at = NULL, updated_at = :now WHERE id = :id")
                        .bind("id", id.value())
                        .bind("name", name)
                        .bind("settings", Json.write(settings))
                        .bind("secrets", secretsEnc)
                        .bind("now", clock.millis())
                        .execute())
                > 0;
    }

    public void saveSchema(DataSourceId id, String schemaJson, Instant takenAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE data_sources SET schema_json = :s, schema_at = :at WHERE id = :id")
                .bind("s", schemaJson)
                .bind("at", takenAt.toEpochMilli())
                .bind("id", id.value())
                .execute());
    }

    /** Makes {@code id} the only default. */
    public void setDefault(DataSourceId id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE data_sources SET is_default = 0").execute();
            h.createUpdate("UPDATE data_sources SET is_default = 1 WHERE id = :id")
                    .bind("id", id.value())
                    .execute();
        });
    }

    public Optional<StoredDataSource> find(DataSourceId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM data_sources WHERE id = :id")
                .bind("id", id.value())
                .map(DataSourceStore::map)
                .findOne());
    }

    public List<StoredDataSource> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM data_sources ORDER BY created_at, id")
                .map(DataSourceStore::map)
                .list());
    }

    public boolean delete(DataSourceId id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM data_sources WHERE id = :id")
                        .bind("id", id.value())
                        .execute())
                > 0;
    }

    private static StoredDataSource map(ResultSet rs, StatementContext ctx) throws SQLException {
        long schemaAt = rs.getLong("schema_at");
        boolean hasSchemaAt = !rs.wasNull();
        return new StoredDataSource(
                new DataSourceId(rs.getString("id")),
                rs.getString("name"),
                rs.getString("type"),
                Json.read(rs.getString("settings_json"), MAP),
                rs.getString("secrets_enc"),
                rs.getInt("is_default") == 1,
                rs.getString("schema_json"),
                hasSchemaAt ? Instant.ofEpochMilli(schemaAt) : null,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
