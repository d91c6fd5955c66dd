package dev.querent.api.web;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.access.Role;
import dev.querent.agents.access.ScopeResolver;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.ProjectAccess;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.GuardVerdict;
import dev.querent.core.sql.Rejection;
import dev.querent.core.sql.SqlGuard;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Checks SQL with the AST guard against a data source's schema, without running it. */
@RestController
@RequestMapping("/api/sql")
public class SqlController {
    private final DataSourceService dataSources;
    private final SqlGuard guard;
    private final Blocking blocking;
    private final ProjectAccess projects;
    private final ScopeResolver scopes;

    public SqlController(
            DataSourceService dataSources,
            SqlGuard guard,
            Blocking blocking,
            ProjectAccess projects,
            ScopeResolver scopes) {
        this.projects = projects;
        this.scopes = scopes;
        this.dataSources = dataSources;
        this.guard = guard;
        this.blocking = blocking;
    }

    public record ValidateRequest(String dataSourceId, String sql) {}

    public record ValidateResponse(boolean accepted, String sql, List<Rejection> rejections, List<String> warnings) {}

    @PostMapping("/validate")
    public Mono<ValidateResponse> validate(@RequestBody ValidateRequest body) {
        String ds = Requests.require(body.dataSourceId(), "dataSourceId");
        String sql = Requests.maxLength(
                Requests.require(body.sql(), "sql"), guard.policy().maxSqlLength(), "sql");
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    DataSourceId id = new DataSourceId(ds);
                    projects.require(u, id, Role.ANALYST);
                    SchemaSnapshot schema = dataSources.schema(id);
                    ScopeResolver.Grant grant = scopes.grant(u.username(), id);
                    GuardVerdict v = guard.check(sql, schema.dialect(), schema, grant.scope(), grant.attributes());
                    return new ValidateResponse(
                            v.accepted(), v.accepted() ? v.safeSql().sql() : null, v.rejections(), v.warnings());
                }));
    }
}
