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
import dev.querent.connectors.FileColumnTypes;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.FileSources.StagedFile;
import dev.querent.connectors.FileTable;
import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.knowledge.SchemaDrift;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
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

    /**
     * The tables of a files source, and what an upload may be.
     *
     * @param typeChoices the types a column may be changed to (besides {@code DECIMAL(p,s)})
     */
    public record FilesView(
            List<FileTable> tables,
            List<String> typeChoices,
            List<String> extensions,
            long maxFileBytes,
            int maxFiles) {}

    /**
     * What an upload or a type change did: the tables it (re)made, and the re-sync's drift report
     * (columns added, removed, retyped) with the verified patterns it re-validated.
     */
    public record FilesChanged(
            List<FileTable> tables,
            SchemaDrift drift,
            int patternsChecked,
            List<String> brokenPatternIds,
            String indexWarning) {}

    public record RetypeRequest(String type) {}

    private static final List<String> EXTENSIONS =
            List.of("csv", "tsv", "tab", "parquet", "json", "ndjson", "jsonl", "xlsx");

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

    /** The tables of a files source with their files, versions and column types. */
    @GetMapping("/datasources/{id}/files")
    public Mono<FilesView> files(@PathVariable String id) {
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    DataSourceId ds = new DataSourceId(id);
                    projects.require(u, ds, Role.VIEWER);
                    FileSources.FileLimits limits = dataSources.fileLimits();
                    return new FilesView(
                            dataSources.fileTables(ds),
                            FileColumnTypes.CHOICES,
                            EXTENSIONS,
                            limits.maxFileBytes(),
                            limits.maxFilesPerSource());
                }));
    }

    /**
     * Uploads files (multipart, any number of file parts) into a files source. Each part's name
     * is checked before a byte is written; bytes go straight into the source's own folder and the
     * part is cut off at the size limit. Then the files are loaded and the source re-synced.
     */
    @PostMapping(value = "/datasources/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Mono<FilesChanged> upload(@PathVariable String id, @RequestBody Flux<PartEvent> parts) {
        DataSourceId ds = new DataSourceId(id);
        List<StagedFile> staged = new CopyOnWriteArrayList<>();
        return blocking.call(dataSources::fileLimits)
                .flatMap(limits -> parts.windowUntil(PartEvent::isLast)
                        .concatMap(part -> part.switchOnFirst((first, events) -> {
                            if (!(first.get() instanceof FilePartEvent file)) {
                                // Form fields carry nothing we read.
                                return events.doOnNext(e -> DataBufferUtils.release(e.content()))
                                        .then();
                            }
                            if (staged.size() >= limits.maxFilesPerSource()) {
                                return events.doOnNext(e -> DataBufferUtils.release(e.content()))
                                        .then(Mono.error(tooManyFiles(limits)));
                            }
                            return blocking.call(() -> dataSources.stageFile(ds, file.filename()))
                                    .flatMap(target -> {
                                        staged.add(target);
                                        return DataBufferUtils.write(
                                                        bounded(events.map(PartEvent::content), target, limits),
                                                        target.path(),
                                                        StandardOpenOption.WRITE,
                                                        StandardOpenOption.TRUNCATE_EXISTING)
                                                .then();
                                    });
                        }))
                        .then(Mono.defer(() -> {
                            if (staged.isEmpty()) {
                                return Mono.error(new QuerentException(
                                        ErrorCode.BAD_REQUEST, "Send at least one file (a multipart file part)."));
                            }
                            return blocking.query(() -> {
                                List<FileTable> loaded = dataSources.loadFiles(ds, List.copyOf(staged));
                                return changed(ds, loaded);
                            });
                        })))
                .onErrorResume(e -> blocking.run(() -> dataSources.discardFiles(List.copyOf(staged)))
                        .then(Mono.error(e)));
    }

    /** Changes a column's type (re-creating its table with a CAST); refused when a value does not convert. */
    @PutMapping("/datasources/{id}/files/{table}/columns/{column}")
    public Mono<FilesChanged> retype(
            @PathVariable String id,
            @PathVariable String table,
            @PathVariable String column,
            @RequestBody RetypeRequest body) {
        Requests.require(body.type(), "type");
        return blocking.query(() -> {
            DataSourceId ds = new DataSourceId(id);
            FileTable changed = dataSources.retypeColumn(ds, table, column, body.type());
            return changed(ds, List.of(changed));
        });
    }

    private FilesChanged changed(DataSourceId ds, List<FileTable> tables) {
        KnowledgeService.SyncReport r = knowledge.resync(ds);
        return new FilesChanged(tables, r.drift(), r.patternsChecked(), r.brokenPatternIds(), r.indexWarning());
    }

    private static Flux<DataBuffer> bounded(
            Flux<DataBuffer> content, StagedFile target, FileSources.FileLimits limits) {
        AtomicLong size = new AtomicLong();
        return content.handle((buffer, sink) -> {
            if (size.addAndGet(buffer.readableByteCount()) > limits.maxFileBytes()) {
                DataBufferUtils.release(buffer);
                sink.error(new QuerentException(
                        ErrorCode.FILE_TOO_LARGE,
                        "'" + target.fileName() + "' is larger than " + limits.maxFileBytes()
                                + " bytes (QUERENT_UPLOAD_MAX_BYTES).",
                        Map.of("file", target.fileName(), "maxBytes", limits.maxFileBytes()),
                        null));
            } else {
                sink.next(buffer);
            }
        });
    }

    private static QuerentException tooManyFiles(FileSources.FileLimits limits) {
        return new QuerentException(
                ErrorCode.TOO_MANY_FILES,
                "A data source may hold at most " + limits.maxFilesPerSource() + " files.",
                Map.of("max", limits.maxFilesPerSource()),
                null);
    }

    @PostMapping("/datasources/{id}/sync")
    public Mono<SyncResponse> sync(@PathVariable String id) {
        return blocking.query(() -> {
            dataSources.refreshFiles(new DataSourceId(id));
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
