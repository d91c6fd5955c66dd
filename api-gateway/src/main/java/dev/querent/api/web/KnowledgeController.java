package dev.querent.api.web;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.KnowledgeService;
import dev.querent.agents.access.Role;
import dev.querent.agents.access.ScopeResolver;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.ProjectAccess;
import dev.querent.api.security.QuerentUser;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SqlGuard;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Knowledge-base administration: verified question→SQL patterns, descriptions, instructions,
 * glossary, and a preview of what the knowledge index retrieves for a question.
 */
@RestController
@RequestMapping("/api/knowledge")
public class KnowledgeController {
    private final PatternStore patterns;
    private final KnowledgeNotes notes;
    private final DataSourceService dataSources;
    private final SqlGuard guard;
    private final KnowledgeService knowledge;
    private final QuerentProperties props;
    private final Blocking blocking;
    private final ProjectAccess projects;
    private final ScopeResolver scopes;

    /** Blocking work on a data source for the signed-in caller, who needs {@code role} in its project. */
    private <T> Mono<T> in(String dataSourceId, Role role, BiFunction<QuerentUser, DataSourceId, T> work) {
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    DataSourceId ds = new DataSourceId(Requests.require(dataSourceId, "dataSourceId"));
                    projects.require(u, ds, role);
                    return work.apply(u, ds);
                }));
    }

    public KnowledgeController(
            PatternStore patterns,
            KnowledgeNotes notes,
            DataSourceService dataSources,
            SqlGuard guard,
            KnowledgeService knowledge,
            QuerentProperties props,
            Blocking blocking,
            ProjectAccess projects,
            ScopeResolver scopes) {
        this.projects = projects;
        this.scopes = scopes;
        this.patterns = patterns;
        this.notes = notes;
        this.dataSources = dataSources;
        this.guard = guard;
        this.knowledge = knowledge;
        this.props = props;
        this.blocking = blocking;
    }

    public record PatternRequest(String dataSourceId, String question, String sql) {}

    /** A verified pattern near the question, with the cosine similarity of the questions. */
    public record NearPattern(String id, String question, double score) {}

    /** What a model prompt would get for the question: tables, nearest patterns, notes. */
    public record Context(
            List<String> tables,
            int estimatedTokens,
            List<NearPattern> patterns,
            List<String> instructions,
            List<KnowledgeNotes.GlossaryEntry> glossary) {}

    @GetMapping("/context")
    public Mono<Context> context(
            @RequestParam String dataSourceId,
            @RequestParam String question,
            @RequestParam(required = false) Integer maxTables) {
        String q = Requests.maxLength(Requests.require(question, "question"), 4000, "question");
        // The same limits a model prompt gets, unless the caller asks for more or fewer tables.
        int k = Math.clamp(maxTables == null ? props.knowledge().maxTables() : maxTables, 1, 50);
        return in(dataSourceId, Role.VIEWER, (u, ds) -> {
            var visible = scopes.grant(u.username(), ds).visible(dataSources.schema(ds));
            var schema = knowledge.retrieveSchema(q, ds, k, props.knowledge().maxSchemaTokens());
            var relevant =
                    knowledge.relevantNotes(q, ds, KnowledgeService.MAX_INSTRUCTIONS, KnowledgeService.MAX_TERMS);
            return new Context(
                    // Only what the caller's data scope shows.
                    schema.tables().stream()
                            .filter(t -> visible.table(t.schema(), t.name()).isPresent())
                            .map(TableInfo::qualifiedName)
                            .toList(),
                    schema.estimatedTokens(),
                    knowledge.similarPatterns(q, ds, KnowledgeService.FEW_SHOT).stream()
                            .map(p -> new NearPattern(
                                    p.pattern().id(), p.pattern().question(), p.score()))
                            .toList(),
                    relevant.instructions(),
                    relevant.glossary());
        });
    }

    public record DescriptionRequest(String dataSourceId, String table, String column, String description) {}

    public record Instructions(String text) {}

    public record GlossaryRequest(String dataSourceId, String term, String definition) {}

    @GetMapping("/descriptions")
    public Mono<List<KnowledgeNotes.Description>> descriptions(@RequestParam String dataSourceId) {
        return in(dataSourceId, Role.VIEWER, (u, ds) -> notes.descriptions(ds));
    }

    @PutMapping("/descriptions")
    public Mono<KnowledgeNotes.Description> saveDescription(@RequestBody DescriptionRequest body) {
        String table = Requests.maxLength(Requests.require(body.table(), "table"), 300, "table");
        Requests.maxLength(body.column(), 300, "column");
        Requests.maxLength(body.description(), 4000, "description");
        return in(body.dataSourceId(), Role.REVIEWER, (u, ds) -> {
            KnowledgeNotes.Description saved = notes.saveDescription(ds, table, body.column(), body.description());
            knowledge.descriptionsChanged(ds);
            return saved;
        });
    }

    @GetMapping("/instructions")
    public Mono<Instructions> instructions(@RequestParam String dataSourceId) {
        return in(
                dataSourceId,
                Role.VIEWER,
                (u, ds) -> new Instructions(notes.instructions(ds).orElse("")));
    }

    @PutMapping("/instructions")
    public Mono<Instructions> saveInstructions(@RequestParam String dataSourceId, @RequestBody Instructions body) {
        String text = Requests.maxLength(body.text() == null ? "" : body.text(), 20_000, "text");
        return in(dataSourceId, Role.REVIEWER, (u, ds) -> {
            notes.saveInstructions(ds, text);
            knowledge.notesChanged(ds);
            return new Instructions(text);
        });
    }

    @GetMapping("/glossary")
    public Mono<List<KnowledgeNotes.GlossaryEntry>> glossary(@RequestParam String dataSourceId) {
        return in(dataSourceId, Role.VIEWER, (u, ds) -> notes.glossary(ds));
    }

    @PostMapping("/glossary")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<KnowledgeNotes.GlossaryEntry> addGlossary(@RequestBody GlossaryRequest body) {
        String term = Requests.maxLength(Requests.require(body.term(), "term"), 300, "term");
        String def = Requests.maxLength(Requests.require(body.definition(), "definition"), 4000, "definition");
        return in(body.dataSourceId(), Role.REVIEWER, (u, ds) -> {
            KnowledgeNotes.GlossaryEntry entry = notes.addGlossaryEntry(ds, term, def);
            knowledge.notesChanged(ds);
            return entry;
        });
    }

    @DeleteMapping("/glossary/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> deleteGlossary(@PathVariable String id) {
        return CurrentUser.get()
                .flatMap(u -> blocking.run(() -> {
                    KnowledgeNotes.GlossaryEntry entry = notes.glossaryEntry(id)
                            .filter(e -> projects.allows(u, e.dataSourceId(), Role.VIEWER))
                            .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No glossary entry " + id));
                    projects.require(u, entry.dataSourceId(), Role.REVIEWER);
                    notes.deleteGlossaryEntry(id);
                    knowledge.glossaryEntryDeleted(id);
                }));
    }

    @GetMapping("/patterns")
    public Mono<List<QueryPattern>> list(
            @RequestParam(required = false) String dataSourceId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) PatternStatus status) {
        DataSourceId ds = dataSourceId == null || dataSourceId.isBlank() ? null : new DataSourceId(dataSourceId);
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    if (ds != null) {
                        projects.require(u, ds, Role.VIEWER);
                    }
                    var visible = projects.allowing(u, Role.VIEWER);
                    return patterns.list(ds, status, q).stream()
                            .filter(p -> visible.test(p.dataSourceId()))
                            .toList();
                }));
    }

    @PostMapping("/patterns")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<QueryPattern> add(@RequestBody PatternRequest body) {
        String ds = Requests.require(body.dataSourceId(), "dataSourceId");
        String question = Requests.maxLength(Requests.require(body.question(), "question"), 4000, "question");
        String sql = Requests.maxLength(Requests.require(body.sql(), "sql"), 100_000, "sql");
        return in(ds, Role.REVIEWER, (u, id) -> {
            checkSql(id, sql);
            return patterns.add(id, question.strip(), sql.strip(), PatternStatus.VERIFIED, u.username(), "manual");
        });
    }

    @PutMapping("/patterns/{id}")
    public Mono<QueryPattern> update(@PathVariable String id, @RequestBody PatternRequest body) {
        String question = Requests.maxLength(Requests.require(body.question(), "question"), 4000, "question");
        String sql = Requests.maxLength(Requests.require(body.sql(), "sql"), 100_000, "sql");
        return CurrentUser.get()
                .flatMap(u -> blocking.call(() -> {
                    QueryPattern existing = pattern(u, id);
                    checkSql(existing.dataSourceId(), sql);
                    return patterns.update(id, question.strip(), sql.strip());
                }));
    }

    @DeleteMapping("/patterns/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String id) {
        return CurrentUser.get()
                .flatMap(u -> blocking.run(() -> patterns.delete(pattern(u, id).id())));
    }

    /** A pattern in a project where the caller reviews; in another project it does not exist for them. */
    private QueryPattern pattern(QuerentUser u, String id) {
        QueryPattern p = patterns.find(id)
                .filter(x -> projects.allows(u, x.dataSourceId(), Role.VIEWER))
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No knowledge-base pattern " + id));
        projects.require(u, p.dataSourceId(), Role.REVIEWER);
        return p;
    }

    private void checkSql(DataSourceId ds, String sql) {
        SchemaSnapshot schema = dataSources.schema(ds);
        guard.require(sql, schema.dialect(), schema);
    }
}
