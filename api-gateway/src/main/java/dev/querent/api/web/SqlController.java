package dev.querent.api.web;

import dev.querent.agents.DataSourceService;
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

    public SqlController(DataSourceService dataSources, SqlGuard guard, Blocking blocking) {
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
        return blocking.call(() -> {
            SchemaSnapshot schema = dataSources.schema(new DataSourceId(ds));
            GuardVerdict v = guard.check(sql, schema.dialect(), schema);
            return new ValidateResponse(
                    v.accepted(), v.accepted() ? v.safeSql().sql() : null, v.rejections(), v.warnings());
        });
    }
}
