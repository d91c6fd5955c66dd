package dev.querent.api.web;

import dev.querent.agents.Chat;
import dev.querent.agents.ChatId;
import dev.querent.agents.Chats;
import dev.querent.agents.DataSourceService;
import dev.querent.agents.Feedback;
import dev.querent.agents.LearningAgent;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.RowPage;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnId;
import dev.querent.agents.access.Role;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.api.security.ChatAccess;
import dev.querent.api.security.CurrentUser;
import dev.querent.api.security.ModelBudget;
import dev.querent.api.security.ProjectAccess;
import dev.querent.api.security.QuerentUser;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.semantics.QueryPlan;
import java.time.Instant;
import java.util.List;
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

@RestController
@RequestMapping("/api")
public class ChatController {
    private final Chats chats;
    private final DataSourceService dataSources;
    private final Orchestrator orchestrator;
    private final LearningAgent learning;
    private final Blocking blocking;
    private final ChatAccess access;
    private final SqlAudit sqlAudit;
    private final ModelBudget budget;
    private final ProjectAccess projects;
    private final int maxQuestionLength;

    public ChatController(
            Chats chats,
            DataSourceService dataSources,
            Orchestrator orchestrator,
            LearningAgent learning,
            Blocking blocking,
            ChatAccess access,
            SqlAudit sqlAudit,
            ModelBudget budget,
            ProjectAccess projects,
            QuerentProperties props) {
        this.budget = budget;
        this.projects = projects;
        this.chats = chats;
        this.dataSources = dataSources;
        this.orchestrator = orchestrator;
        this.learning = learning;
        this.blocking = blocking;
        this.access = access;
        this.sqlAudit = sqlAudit;
        this.maxQuestionLength = props.limits().maxQuestionLength();
    }

    /** Runs a query (the query pool) for the signed-in caller. */
    private <T> Mono<T> asUserQuery(java.util.function.Function<QuerentUser, T> work) {
        return CurrentUser.get().flatMap(u -> blocking.query(() -> work.apply(u)));
    }

    /** As {@link #asUserQuery}, for work that may call the language model: within the caller's token budget. */
    private <T> Mono<T> asUserModelQuery(java.util.function.Function<QuerentUser, T> work) {
        return CurrentUser.get().flatMap(u -> budget.check(u).then(blocking.query(() -> work.apply(u))));
    }

    /** Runs blocking work for the signed-in caller. */
    private <T> Mono<T> asUser(java.util.function.Function<QuerentUser, T> work) {
        return CurrentUser.get().flatMap(u -> blocking.call(() -> work.apply(u)));
    }

    public record CreateChatRequest(String title, String dataSourceId) {}

    public record ChatWithTurns(
            ChatId id,
            String title,
            DataSourceId dataSourceId,
            Instant createdAt,
            Instant updatedAt,
            String owner,
            boolean shared,
            List<Turn> turns) {}

    public record SharingRequest(Boolean shared) {}

    /** @param instructions how to answer the question ("filter names using LIKE"), optional */
    public record AskRequest(String question, String clientMessageId, String instructions) {}

    public record PlanRequest(QueryPlan plan) {}

    public record RejectRequest(String reason) {}

    /** An answer to a turn's clarifying question: one of its choices, or free text. */
    public record ClarifyRequest(String choiceId, String text) {}

    public record FeedbackRequest(Feedback.Rating rating, String reason, String correctedSql) {}

    @GetMapping("/chats")
    public Mono<List<Chat>> list() {
        return asUser(access::visible);
    }

    @PostMapping("/chats")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Chat> create(@RequestBody(required = false) CreateChatRequest body) {
        return asUser(u -> {
            DataSourceId ds = body != null
                            && body.dataSourceId() != null
                            && !body.dataSourceId().isBlank()
                    ? dataSources.get(new DataSourceId(body.dataSourceId())).id()
                    : dataSources
                            .defaultId()
                            .orElseThrow(() -> new QuerentException(
                                    ErrorCode.VALIDATION_FAILED, "No data source yet: add one first."));
            String title = body == null || body.title() == null || body.title().isBlank() ? "New chat" : body.title();
            projects.require(u, ds, Role.ANALYST);
            return chats.createChat(Requests.maxLength(title, 300, "title"), ds, u.username());
        });
    }

    @GetMapping("/chats/{id}")
    public Mono<ChatWithTurns> get(@PathVariable String id) {
        return asUser(u -> {
            Chat c = access.readable(u, new ChatId(id));
            return new ChatWithTurns(
                    c.id(),
                    c.title(),
                    c.dataSourceId(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.owner(),
                    c.shared(),
                    chats.turns(c.id()));
        });
    }

    /** Shares a chat with everyone signed in (read-only), or makes it private again. Owner only. */
    @PutMapping("/chats/{id}/sharing")
    public Mono<Chat> share(@PathVariable String id, @RequestBody SharingRequest body) {
        if (body.shared() == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'shared' is required (true or false).");
        }
        return asUser(u -> {
            Chat c = access.writable(u, new ChatId(id));
            chats.setShared(c.id(), body.shared());
            return chats.findChat(c.id()).orElseThrow();
        });
    }

    @DeleteMapping("/chats/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String id) {
        return asUser(u -> chats.deleteChat(access.writable(u, new ChatId(id)).id()))
                .then();
    }

    @PostMapping("/chats/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Turn> ask(@PathVariable String id, @RequestBody AskRequest body) {
        String question =
                Requests.maxLength(Requests.require(body.question(), "question"), maxQuestionLength, "question");
        Requests.maxLength(body.clientMessageId(), 100, "clientMessageId");
        String instructions = Requests.maxLength(body.instructions(), maxQuestionLength, "instructions");
        return CurrentUser.get().flatMap(user -> budget.check(user).then(blocking.call(() -> {
            ChatId chat = access.writable(user, new ChatId(id)).id();
            return orchestrator.ask(chat, question, body.clientMessageId(), instructions);
        })));
    }

    @GetMapping("/turns/{id}")
    public Mono<Turn> turn(@PathVariable String id) {
        return asUser(u -> access.readableTurn(u, new TurnId(id)));
    }

    @PutMapping("/turns/{id}/plan")
    public Mono<Turn> editPlan(@PathVariable String id, @RequestBody PlanRequest body) {
        return asUser(u ->
                orchestrator.editPlan(access.writableTurn(u, new TurnId(id)).id(), body.plan()));
    }

    @PostMapping("/turns/{id}/confirm")
    public Mono<Turn> confirm(@PathVariable String id, @RequestBody(required = false) PlanRequest body) {
        return asUserModelQuery(u -> sqlAudit.ran(
                u.username(),
                orchestrator.confirm(
                        access.writableTurn(u, new TurnId(id)).id(), body == null ? null : body.plan(), u.id())));
    }

    /**
     * Answers the clarifying question of a turn awaiting clarification, with the id of one of its
     * choices or with free text (a refinement of the question); the turn is planned again.
     */
    @PostMapping("/turns/{id}/clarify")
    public Mono<Turn> clarify(@PathVariable String id, @RequestBody ClarifyRequest body) {
        if (body == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "Send {choiceId} or {text}.");
        }
        Requests.maxLength(body.choiceId(), 100, "choiceId");
        Requests.maxLength(body.text(), maxQuestionLength, "text");
        return CurrentUser.get().flatMap(user -> budget.check(user)
                .then(blocking.call(() -> orchestrator.clarify(
                        access.writableTurn(user, new TurnId(id)).id(), body.choiceId(), body.text()))));
    }

    @PostMapping("/turns/{id}/reject")
    public Mono<Turn> reject(@PathVariable String id, @RequestBody(required = false) RejectRequest body) {
        Requests.maxLength(body == null ? null : body.reason(), 4000, "reason");
        return asUser(u ->
                orchestrator.reject(access.writableTurn(u, new TurnId(id)).id(), body == null ? null : body.reason()));
    }

    @PostMapping("/turns/{id}/retry")
    public Mono<Turn> retry(@PathVariable String id) {
        return asUserQuery(u -> sqlAudit.ran(
                u.username(),
                orchestrator.retry(access.writableTurn(u, new TurnId(id)).id(), u.id())));
    }

    /**
     * A page of an answered turn's rows (the stored answer keeps a preview): its SQL runs again,
     * through the guard, read-only and within the caps.
     */
    @GetMapping("/turns/{id}/rows")
    public Mono<RowPage> rows(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "200") int limit) {
        return asUserQuery(
                u -> orchestrator.rows(access.readableTurn(u, new TurnId(id)).id(), offset, limit, u.id()));
    }

    @PostMapping("/turns/{id}/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Feedback> feedback(@PathVariable String id, @RequestBody FeedbackRequest body) {
        if (body.rating() == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'rating' is required (UP or DOWN).");
        }
        Requests.maxLength(body.reason(), 4000, "reason");
        Requests.maxLength(body.correctedSql(), 100_000, "correctedSql");
        // Corrected SQL is executed for a preview: a query.
        return asUserQuery(u -> learning.submit(
                access.writableTurn(u, new TurnId(id)).id(), body.rating(), body.reason(), body.correctedSql()));
    }
}
