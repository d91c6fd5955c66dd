package dev.querent.api.security;

import dev.querent.agents.access.Projects;
import dev.querent.agents.access.Role;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Map;

/**
 * What a caller may do in the project of a data source. Not a member: NOT_FOUND, exactly as for a
 * data source that does not exist; a member below the needed role: FORBIDDEN. The caller's role in
 * a project is the lower of their effective role (an API key may carry less) and their membership.
 * Blocking (reads the store).
 */
public final class ProjectAccess {
    private final Projects projects;

    public ProjectAccess(Projects projects) {
        this.projects = projects;
    }

    public Role require(QuerentUser user, DataSourceId ds, Role needed) {
        Role role = projects.roleFor(user.id(), user.role(), ds)
                .map(r -> Role.min(r, user.role()))
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No data source " + ds.value()));
        if (!role.atLeast(needed)) {
            throw new QuerentException(
                    ErrorCode.FORBIDDEN, "Your role in this data source's project (" + role + ") does not allow this.");
        }
        return role;
    }

    /** Whether {@code user} may see {@code ds} with at least {@code needed}. */
    public boolean allows(QuerentUser user, DataSourceId ds, Role needed) {
        return projects.roleFor(user.id(), user.role(), ds)
                .map(r -> Role.min(r, user.role()).atLeast(needed))
                .orElse(false);
    }

    /**
     * The same test for filtering a list: the caller's project roles are read once and each data
     * source's project once, instead of two reads per listed item.
     */
    public java.util.function.Predicate<DataSourceId> allowing(QuerentUser user, Role needed) {
        Map<String, Role> roles = roles(user);
        Map<DataSourceId, Boolean> seen = new java.util.HashMap<>();
        return ds -> seen.computeIfAbsent(ds, d -> projects.projectOf(d)
                .map(roles::get)
                .map(r -> r.atLeast(needed))
                .orElse(false));
    }

    /** project id → the caller's role there. */
    public Map<String, Role> roles(QuerentUser user) {
        Map<String, Role> out = new java.util.LinkedHashMap<>();
        // The effective role: an ADMIN account administers every project only when acting as ADMIN
        // (an administrator's viewer key stays a viewer).
        projects.roles(user.id(), user.role()).forEach((p, r) -> out.put(p, Role.min(r, user.role())));
        return out;
    }
}
