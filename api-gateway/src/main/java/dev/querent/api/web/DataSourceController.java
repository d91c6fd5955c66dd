package dev.querent.api.web;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.DataSourceView;
import dev.querent.agents.InferredRelationship;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.access.Project;
import dev.querent.agents.access.Projects;
import dev.querent.agents.access.Role;
import dev.querent.agents.access.ScopeResolver;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.ProjectAccess;
import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectionTestResult;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.knowledge.SchemaDrift;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api")
public class DataSourceController {
    private final DataSourceService dataSources;
    private final KnowledgeService knowledge;
    private final Blocking blocking;
    private final ScopeResolver scopes;
    private final ProjectAccess projects;
    private final Projects projectStore;

    public DataSourceController(
            DataSourceService dataSources,
            KnowledgeService knowledge,
            Blocking blocking,
            ScopeResolver scopes,
            ProjectAccess projects,
            Projects projectStore) {
        this.scopes = scopes;
        this.projects = projects;
        this.projectStore = projectStore;
        this.dataSources = dataSources;
        this.knowledge = knowledge;
        this.blocking = blocking;
    }

    /**
     * The re-introspected schema (same fields as {@code GET .../schema}) with what changed since the
     * last sync, how many verified patterns were re-validated and which ones broke.
     */
    public record SyncResponse(
            Dialect dialect,
            String defaultSchema,
            List<TableInfo> tables,
            Instant takenAt,
            SchemaDrift drift,
            int patternsChecked,
            List<String> brokenPatternIds,
            String indexWarning) {}

    public record ConnectorType(String type, Dialect dialect, List<ConfigField> fields) {}

    /** {@code projectId}: the project the source belongs to (default: the default project). */
    public record CreateRequest(
            String name, String type, Map<String, String> settings, Map<String, String> secrets, String projectId) {}

    public record UpdateRequest(String name, Map<String, String> settings, Map<String, String> secrets) {}

    @GetMapping("/connectors")
    public List<ConnectorType> connectors() {
        return dataSources.registry().factories().stream()
                .map(f -> new ConnectorType(f.type(), f.dialect(), f.fields()))
                .toList();
    }

    @GetMapping("/datasources")
    public Mono<List<DataSourceView>> list() {
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    var visible = projects.allowing(u, Role.VIEWER);
                    return dataSources.list().stream()
                            .filter(d -> visible.test(d.id()))
                            .toList();
                }));
    }

    @PostMapping("/datasources")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<DataSourceView> create(@RequestBody CreateRequest body) {
        Requests.require(body.type(), "type");
        Requests.text(body.name(), "name");
        // Connects, introspects and samples the data for relationships: the query pool's work.
        return blocking.query(() -> {
            String project = body.projectId() == null || body.projectId().isBlank()
                    ? Project.DEFAULT
                    : projectStore.require(body.projectId()).id();
            DataSourceView created = dataSources.create(body.name(), body.type(), body.settings(), body.secrets());
            projectStore.assign(created.id(), project);
            return created;
        });
    }

    @GetMapping("/datasources/{id}")
    public Mono<DataSourceView> get(@PathVariable String id) {
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    DataSourceId ds = new DataSourceId(id);
                    projects.require(u, ds, Role.VIEWER);
                    return dataSources.get(ds);
                }));
    }

    @PutMapping("/datasources/{id}")
    public Mono<DataSourceView> update(@PathVariable String id, @RequestBody UpdateRequest body) {
        Requests.text(body.name(), "name");
        return blocking.call(
                () -> dataSources.update(new DataSourceId(id), body.name(), body.settings(), body.secrets()));
    }

    @DeleteMapping("/datasources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String id) {
        return blocking.run(() -> {
            DataSourceId dsId = new DataSourceId(id);
            dataSources.delete(dsId);
            knowledge.dataSourceRemoved(dsId);
        });
    }

    @PostMapping("/datasources/{id}/test")
    public Mono<ConnectionTestResult> test(@PathVariable String id) {
        return blocking.query(() -> dataSources.test(new DataSourceId(id)));
    }

    @GetMapping("/datasources/{id}/schema")
    public Mono<SchemaSnapshot> schema(@PathVariable String id) {
        // Only what the caller's data scope shows.
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    DataSourceId ds = new DataSourceId(id);
                    projects.require(u, ds, Role.VIEWER);
                    return scopes.grant(u.username(), ds).visible(dataSources.schema(ds));
                }));
    }

    /**
     * The join keys inferred for a data source that its database does not declare: inferred,
     * confirmed and removed ones (removed ones are never inferred again).
     */
    @GetMapping("/admin/datasources/{id}/relationships")
    public Mono<List<InferredRelationship>> relationships(@PathVariable String id) {
        return blocking.call(() -> dataSources.relationships(new DataSourceId(id)));
    }

    /** Keeps an inferred relationship on every re-sync. */
    @PostMapping("/admin/datasources/{id}/relationships/{relationshipId}/confirm")
    public Mono<InferredRelationship> confirmRelationship(
            @PathVariable String id, @PathVariable String relationshipId) {
        return blocking.call(() -> {
            DataSourceId ds = new DataSourceId(id);
            InferredRelationship r = dataSources.confirmRelationship(ds, relationshipId);
            knowledge.relationshipsChanged(ds);
            return r;
        });
    }

    /** Takes an inferred relationship out of the schema; a re-sync does not infer it again. */
    @DeleteMapping("/admin/datasources/{id}/relationships/{relationshipId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeRelationship(@PathVariable String id, @PathVariable String relationshipId) {
        return blocking.run(() -> {
            DataSourceId ds = new DataSourceId(id);
            dataSources.removeRelationship(ds, relationshipId);
            knowledge.relationshipsChanged(ds);
        });
    }

    @PostMapping("/datasources/{id}/sync")
    public Mono<SyncResponse> sync(@PathVariable String id) {
        return blocking.query(() -> {
            KnowledgeService.SyncReport r = knowledge.resync(new DataSourceId(id));
            SchemaSnapshot s = r.schema();
            return new SyncResponse(
                    s.dialect(),
                    s.defaultSchema(),
                    s.tables(),
                    s.takenAt(),
                    r.drift(),
                    r.patternsChecked(),
                    r.brokenPatternIds(),
                    r.indexWarning());
        });
    }
}
