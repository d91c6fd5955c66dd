package dev.querent.agents.access.store;

import dev.querent.agents.access.Project;
import dev.querent.agents.access.Role;
import dev.querent.core.DataSourceId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Projects, their members and which project each data source belongs to. */
public final class ProjectStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public ProjectStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void insert(String id, String name) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO projects (id, name, created_at) VALUES (:id, :n, :now)")
                .bind("id", id)
                .bind("n", name)
                .bind("now", clock.millis())
                .execute());
    }

    public Optional<Project> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Project(
                        rs.getString("id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne());
    }

    public Optional<Project> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects WHERE name = :n")
                .bind("n", name)
                .map((rs, ctx) -> new Project(
                        rs.getString("id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne());
    }

    public List<Project> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM projects ORDER BY name")
                .map((rs, ctx) -> new Project(
                        rs.getString("id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    /** user id → role in the project. */
    public Map<String, Role> members(String projectId) {
        return jdbi.withHandle(h -> h
                .createQuery("SELECT user_id, role FROM project_members WHERE project_id = :p")
                .bind("p", projectId)
                .map((rs, ctx) -> Map.entry(rs.getString("user_id"), Role.valueOf(rs.getString("role"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** project id → the user's role there. */
    public Map<String, Role> memberships(String userId) {
        return jdbi.withHandle(h -> h
                .createQuery("SELECT project_id, role FROM project_members WHERE user_id = :u")
                .bind("u", userId)
                .map((rs, ctx) -> Map.entry(rs.getString("project_id"), Role.valueOf(rs.getString("role"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public void setMember(String projectId, String userId, Role role) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM project_members WHERE project_id = :p AND user_id = :u")
                    .bind("p", projectId)
                    .bind("u", userId)
                    .execute();
            h.createUpdate("INSERT INTO project_members (project_id, user_id, role) VALUES (:p, :u, :r)")
                    .bind("p", projectId)
                    .bind("u", userId)
                    .bind("r", role.name())
                    .execute();
        });
    }

    public boolean removeMember(String projectId, String userId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM project_members WHERE project_id = :p AND user_id = :u")
                        .bind("p", projectId)
                        .bind("u", userId)
                        .execute())
                > 0;
    }

    public Optional<String> projectOf(DataSourceId ds) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project_id FROM data_sources WHERE id = :id")
                .bind("id", ds.value())
                .mapTo(String.class)
                .findOne());
    }

    public void assign(DataSourceId ds, String projectId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE data_sources SET project_id = :p WHERE id = :id")
                .bind("p", projectId)
                .bind("id", ds.value())
                .execute());
    }
}
