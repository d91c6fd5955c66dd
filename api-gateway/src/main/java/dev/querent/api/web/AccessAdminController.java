package dev.querent.api.web;

import dev.querent.agents.DataSourceService;
import dev.querent.agents.access.Accounts;
import dev.querent.agents.access.ApiKey;
import dev.querent.agents.access.AuditEntry;
import dev.querent.agents.access.AuditLog;
import dev.querent.agents.access.DataScopes;
import dev.querent.agents.access.Project;
import dev.querent.agents.access.Projects;
import dev.querent.agents.access.Role;
import dev.querent.agents.access.UserAccount;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.ProjectAccess;
import dev.querent.api.security.SessionContextRepository;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Users, API keys and the audit log. Paths under /api/admin are for administrators only. */
@RestController
public class AccessAdminController {
    private static final int MAX_AUDIT_PAGE = 1_000;

    private final Accounts accounts;
    private final AuditLog audit;
    private final SessionContextRepository sessions;
    private final Blocking blocking;
    private final JsonMapper json;
    private final DataScopes scopes;
    private final DataSourceService dataSources;
    private final Projects projects;
    private final ProjectAccess projectAccess;

    public AccessAdminController(
            Accounts accounts,
            AuditLog audit,
            SessionContextRepository sessions,
            Blocking blocking,
            JsonMapper json,
            DataScopes scopes,
            DataSourceService dataSources,
            Projects projects,
            ProjectAccess projectAccess) {
        this.projects = projects;
        this.projectAccess = projectAccess;
        this.scopes = scopes;
        this.dataSources = dataSources;
        this.accounts = accounts;
        this.audit = audit;
        this.sessions = sessions;
        this.blocking = blocking;
        this.json = json;
    }

    public record CreateUserRequest(
            String username, String password, String displayName, String role, Map<String, String> attributes) {}

    public record UpdateUserRequest(
            String displayName, String role, Boolean disabled, String password, Map<String, String> attributes) {}

    public record CreateKeyRequest(String name, String role, Integer expiresInDays) {}

    /** A key as listed, plus its secret once when just made. */
    public record IssuedKey(
            String id,
            String name,
            String prefix,
            Role role,
            String owner,
            Instant createdAt,
            Instant lastUsedAt,
            Instant expiresAt,
            Instant revokedAt,
            String key) {
        static IssuedKey of(ApiKey.Issued i) {
            ApiKey k = i.apiKey();
            return new IssuedKey(
                    k.id(),
                    k.name(),
                    k.prefix(),
                    k.role(),
                    k.owner(),
                    k.createdAt(),
                    k.lastUsedAt(),
                    k.expiresAt(),
                    k.revokedAt(),
                    i.key());
        }
    }

    @GetMapping("/api/admin/users")
    public Mono<List<UserAccount>> users() {
        return blocking.call(accounts::list);
    }

    @PostMapping("/api/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<UserAccount> createUser(@RequestBody CreateUserRequest body) {
        return blocking.call(() -> {
            UserAccount u = accounts.create(
                    body.username(), body.password(), body.displayName(), Role.parse(body.role()), body.attributes());
            projects.joinDefault(u);
            return u;
        });
    }

    @PutMapping("/api/admin/users/{id}")
    public Mono<UserAccount> updateUser(@PathVariable String id, @RequestBody UpdateUserRequest body) {
        return CurrentUser.get()
                .flatMap(me -> blocking.call(() -> {
                    Role role = body.role() == null ? null : Role.parse(body.role());
                    if (me.id().equals(id)
                            && ((role != null && role != Role.ADMIN) || Boolean.TRUE.equals(body.disabled()))) {
                        throw new QuerentException(
                                ErrorCode.INVALID_STATE,
                                "You cannot demote or disable yourself; ask another administrator.");
                    }
                    UserAccount u = accounts.update(
                            id,
                            new Accounts.UserChange(
                                    body.displayName(), role, body.disabled(), body.password(), body.attributes()));
                    sessions.forget(id);
                    return u;
                }));
    }

    @GetMapping("/api/api-keys")
    public Mono<List<ApiKey>> myKeys() {
        return CurrentUser.get().flatMap(me -> blocking.call(() -> accounts.keys(accounts.require(me.id()))));
    }

    @PostMapping("/api/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<IssuedKey> createKey(@RequestBody CreateKeyRequest body) {
        return CurrentUser.get()
                .flatMap(me -> blocking.call(() -> {
                    Role role = body.role() == null ? me.role() : Role.parse(body.role());
                    if (!me.role().atLeast(role)) {
                        throw new QuerentException(ErrorCode.FORBIDDEN, "A key cannot have a higher role than yours.");
                    }
                    return IssuedKey.of(
                            accounts.issueKey(accounts.require(me.id()), body.name(), role, body.expiresInDays()));
                }));
    }

    @DeleteMapping("/api/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> revokeMyKey(@PathVariable String id) {
        return CurrentUser.get().flatMap(me -> blocking.run(() -> accounts.revokeKey(id, accounts.require(me.id()))));
    }

    @GetMapping("/api/admin/api-keys")
    public Mono<List<ApiKey>> allKeys() {
        return blocking.call(() -> accounts.keys(null));
    }

    @DeleteMapping("/api/admin/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> revokeKey(@PathVariable String id) {
        return blocking.run(() -> accounts.revokeKey(id, null));
    }

    @GetMapping("/api/admin/audit")
    public Mono<List<AuditEntry>> audit(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer limit) {
        int n = limit == null ? 200 : limit;
        if (n < 1 || n > MAX_AUDIT_PAGE) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "'limit' must be between 1 and " + MAX_AUDIT_PAGE + ".");
        }
        Instant from = instant(since, "since");
        Instant to = instant(until, "until");
        return blocking.call(
                () -> audit.find(blank(actor), blank(action), from, to, before == null ? Long.MAX_VALUE : before, n));
    }

    /** The whole matching log as newline-delimited JSON, newest first, read page by page. */
    @GetMapping(value = "/api/admin/audit/export", produces = "application/x-ndjson")
    public Flux<String> export(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until) {
        Instant from = instant(since, "since");
        Instant to = instant(until, "until");
        return blocking.call(() -> audit.find(blank(actor), blank(action), from, to, Long.MAX_VALUE, MAX_AUDIT_PAGE))
                .expand(page -> page.size() < MAX_AUDIT_PAGE
                        ? Mono.empty()
                        : blocking.call(() -> audit.find(
                                blank(actor),
                                blank(action),
                                from,
                                to,
                                page.getLast().seq(),
                                MAX_AUDIT_PAGE)))
                .flatMapIterable(page -> page)
                .map(e -> json.writeValueAsString(e) + "\n");
    }

    /** The data-scope rules of a data source: per role or user, tables, columns, masks, row filters. */
    @GetMapping("/api/admin/datasources/{id}/scopes")
    public Mono<List<DataScopes.Rule>> scopes(@PathVariable String id) {
        return blocking.call(
                () -> scopes.rules(dataSources.get(new DataSourceId(id)).id()));
    }

    @PutMapping("/api/admin/datasources/{id}/scopes")
    public Mono<List<DataScopes.Rule>> setScopes(@PathVariable String id, @RequestBody List<DataScopes.Rule> rules) {
        return blocking.call(
                () -> scopes.setRules(dataSources.get(new DataSourceId(id)).id(), rules));
    }

    /** A project as its member sees it: with their role there. */
    public record MyProject(String id, String name, Role role) {}

    public record ProjectRequest(String name) {}

    public record MemberRequest(String role) {}

    public record Member(String userId, String username, Role role) {}

    public record AssignRequest(String projectId) {}

    @GetMapping("/api/projects")
    public Mono<List<MyProject>> myProjects() {
        return CurrentUser.get()
                .flatMap(me -> blocking.call(() -> {
                    Map<String, Role> roles = projectAccess.roles(me);
                    return projects.list().stream()
                            .filter(p -> roles.containsKey(p.id()))
                            .map(p -> new MyProject(p.id(), p.name(), roles.get(p.id())))
                            .toList();
                }));
    }

    @GetMapping("/api/admin/projects")
    public Mono<List<Project>> projects() {
        return blocking.call(projects::list);
    }

    @PostMapping("/api/admin/projects")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Project> createProject(@RequestBody ProjectRequest body) {
        return blocking.call(() -> projects.create(body.name()));
    }

    @GetMapping("/api/admin/projects/{id}/members")
    public Mono<List<Member>> members(@PathVariable String id) {
        return blocking.call(() -> projects.members(id).entrySet().stream()
                .map(e -> new Member(e.getKey(), accounts.require(e.getKey()).username(), e.getValue()))
                .sorted(java.util.Comparator.comparing(Member::username))
                .toList());
    }

    @PutMapping("/api/admin/projects/{id}/members/{userId}")
    public Mono<List<Member>> setMember(
            @PathVariable String id, @PathVariable String userId, @RequestBody MemberRequest body) {
        return blocking.call(() -> {
                    projects.setMember(id, accounts.require(userId), Role.parse(body.role()));
                    return id;
                })
                .flatMap(this::members);
    }

    @DeleteMapping("/api/admin/projects/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> removeMember(@PathVariable String id, @PathVariable String userId) {
        return blocking.run(() -> projects.removeMember(id, userId));
    }

    /** Moves a data source (with its chats, patterns, notes and review items) to another project. */
    @PutMapping("/api/admin/datasources/{id}/project")
    public Mono<Project> assign(@PathVariable String id, @RequestBody AssignRequest body) {
        return blocking.call(() -> {
            DataSourceId ds = dataSources.get(new DataSourceId(id)).id();
            projects.assign(ds, Requests.require(body.projectId(), "projectId"));
            return projects.require(body.projectId());
        });
    }

    public record Verification(long entries, boolean intact, long firstBrokenSeq) {}

    @GetMapping("/api/admin/audit/verify")
    public Mono<Verification> verify() {
        return blocking.call(() -> {
            AuditLog.Verification v = audit.verify();
            return new Verification(v.entries(), v.intact(), v.firstBrokenSeq());
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Instant instant(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "'" + field + "' must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z.");
        }
    }
}
