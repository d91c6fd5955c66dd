package dev.querent.agents.access;

import dev.querent.agents.access.store.ProjectStore;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Projects and their members. A member's role in a project is at most their account's role; an
 * account with the ADMIN role administers every project. Everything a data source owns (chats,
 * patterns, notes, review items) belongs to the data source's project.
 */
public final class Projects {
    private final ProjectStore store;

    public Projects(ProjectStore store) {
        this.store = store;
    }

    public List<Project> list() {
        return store.list();
    }

    public Project create(String name) {
        if (name == null
                || name.isBlank()
                || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'name' is required (at most 200 characters).");
        }
        synchronized (this) {
            if (store.findByName(name.strip()).isPresent()) {
                throw new QuerentException(ErrorCode.CONFLICT, "A project named " + name.strip() + " exists already.");
            }
            String id = UUID.randomUUID().toString();
            store.insert(id, name.strip());
            return store.find(id).orElseThrow();
        }
    }

    public Project require(String id) {
        return store.find(id).orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No project " + id));
    }

    /** user id → role. */
    public Map<String, Role> members(String projectId) {
        return store.members(require(projectId).id());
    }

    /** Adds or changes a member; the role may not exceed the account's. */
    public void setMember(String projectId, UserAccount user, Role role) {
        require(projectId);
        if (role == null || !user.role().atLeast(role)) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "A member's role must be at most their account's role (" + user.role() + ").");
        }
        store.setMember(projectId, user.id(), role);
    }

    public void removeMember(String projectId, String userId) {
        if (!store.removeMember(require(projectId).id(), userId)) {
            throw new QuerentException(ErrorCode.NOT_FOUND, "No such member of project " + projectId);
        }
    }

    /** project id → role, for an account (ADMIN accounts: every project as ADMIN). */
    public Map<String, Role> roles(String userId, Role accountRole) {
        if (accountRole == Role.ADMIN) {
            Map<String, Role> all = new java.util.LinkedHashMap<>();
            store.list().forEach(p -> all.put(p.id(), Role.ADMIN));
            return all;
        }
        Map<String, Role> out = new java.util.LinkedHashMap<>();
        store.memberships(userId).forEach((p, r) -> out.put(p, Role.min(r, accountRole)));
        return out;
    }

    /** The role of an account in the project of {@code ds}; empty when it is not a member (or no such source). */
    public Optional<Role> roleFor(String userId, Role accountRole, DataSourceId ds) {
        return store.projectOf(ds)
                .flatMap(p -> Optional.ofNullable(roles(userId, accountRole).get(p)));
    }

    public Optional<String> projectOf(DataSourceId ds) {
        return store.projectOf(ds);
    }

    public void assign(DataSourceId ds, String projectId) {
        store.assign(ds, require(projectId).id());
    }

    /** New accounts join the default project with their own role, as before projects existed. */
    public void joinDefault(UserAccount user) {
        if (store.memberships(user.id()).isEmpty()) {
            store.setMember(Project.DEFAULT, user.id(), user.role());
        }
    }
}
