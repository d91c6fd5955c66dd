package dev.querent.api.ws;

import dev.querent.agents.ChatEvent;
import dev.querent.agents.ChatEvents;
import dev.querent.agents.ChatId;
import dev.querent.agents.Orchestrator;
import dev.querent.agents.PlainText;
import dev.querent.agents.TurnId;
import dev.querent.api.problems.ProblemWebExceptionHandler;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.api.security.ChatAccess;
import dev.querent.api.security.ModelBudget;
import dev.querent.api.security.QuerentAuthentication;
import dev.querent.api.security.QuerentUser;
import dev.querent.api.security.RateLimits;
import dev.querent.api.web.Blocking;
import dev.querent.api.web.SqlAudit;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.semantics.QueryPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat connection. Client frames: {@code ask}, {@code clarify}, {@code confirm}, {@code edit},
 * {@code reject}, {@code resume}. Server frames: the chat's persisted events ({@code type, chatId, turnId, seq,
 * payload}), each sent at most once per connection and in sequence order; errors about a client
 * frame come back as {@code error} frames with {@code seq: 0} ({@code code} and {@code message} both
 * at the top level and in {@code payload}) and the socket stays open: bad JSON, an unknown type,
 * missing fields, control characters or a frame too large all get one. A client that goes away is
 * logged in one line at DEBUG.
 */
public class ChatWebSocketHandler implements WebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    /** Larger frames are refused: a question, a plan and a few ids fit well within this. */
    static final int MAX_FRAME_CHARS = 256 * 1024;
    /** Choice ids are short ({@code c1}); anything longer is not one. */
    static final int MAX_CHOICE_ID_CHARS = 100;

    private final Orchestrator orchestrator;
    private final ChatEvents events;
    private final Blocking blocking;
    private final JsonMapper json;
    private final ChatAccess access;
    private final RateLimits limits;
    private final SqlAudit sqlAudit;
    private final ModelBudget budget;
    private final int maxQuestionLength;

    public ChatWebSocketHandler(
            Orchestrator orchestrator,
            ChatEvents events,
            Blocking blocking,
            JsonMapper json,
            QuerentProperties props,
            ChatAccess access,
            RateLimits limits,
            SqlAudit sqlAudit,
            ModelBudget budget) {
        this.budget = budget;
        this.orchestrator = orchestrator;
        this.events = events;
        this.blocking = blocking;
        this.json = json;
        this.maxQuestionLength = props.limits().maxQuestionLength();
        this.access = access;
        this.limits = limits;
        this.sqlAudit = sqlAudit;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        // The handshake passed Spring Security (signed in, same origin); every frame acts as that user.
        return session.getHandshakeInfo()
                .getPrincipal()
                .filter(p -> p instanceof QuerentAuthentication)
                .map(p -> ((QuerentAuthentication) p).getPrincipal())
                .flatMap(user -> handle(session, user))
                .switchIfEmpty(Mono.defer(() -> session.close(CloseStatus.POLICY_VIOLATION)));
    }

    private Mono<Void> handle(WebSocketSession session, QuerentUser user) {
        Connection conn = new Connection();
        Mono<Void> inbound = session.receive()
                .map(WebSocketMessage::getPayloadAsText)
                .concatMap(text -> Mono.defer(() -> onFrame(conn, user, text)).onErrorResume(e -> {
                    conn.sendError(null, null, e);
                    return Mono.empty();
                }))
                .then();
        Mono<Void> outbound = session.send(conn.out.asFlux().map(session::textMessage));
        return Mono.zip(inbound, outbound)
                .then()
                .onErrorResume(DisconnectedClientHelper::isClientDisconnectedException, e -> {
                    log.debug("WebSocket client {} went away: {}", session.getId(), e.toString());
                    return Mono.empty();
                })
                .doFinally(s -> conn.close());
    }

    private Mono<Void> onFrame(Connection conn, QuerentUser user, String text) {
        if (text.length() > MAX_FRAME_CHARS) {
            throw new QuerentException(
                    ErrorCode.INPUT_TOO_LARGE,
                    "Frames are at most " + MAX_FRAME_CHARS + " characters.",
                    Map.of("max", MAX_FRAME_CHARS),
                    null);
        }
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (RuntimeException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            throw new QuerentException(ErrorCode.MALFORMED_JSON, "Frames must be JSON objects.");
        }
        JsonNode f = frame;
        String type = field(frame, "type");
        return switch (type == null ? "" : type) {
            case "ask" -> {
                ChatId chat = new ChatId(required(frame, "chatId"));
                String question = PlainText.check(required(frame, "question"), "question");
                String clientMessageId = PlainText.check(field(frame, "clientMessageId"), "clientMessageId");
                String instructions = PlainText.check(field(frame, "instructions"), "instructions");
                if (question.length() > maxQuestionLength) {
                    throw new QuerentException(
                            ErrorCode.INPUT_TOO_LARGE,
                            "The question is longer than " + maxQuestionLength + " characters.");
                }
                if (instructions != null && instructions.length() > maxQuestionLength) {
                    throw new QuerentException(
                            ErrorCode.INPUT_TOO_LARGE,
                            "The instructions are longer than " + maxQuestionLength + " characters.");
                }
                yield limits.take(RateLimits.Kind.REQUEST, user.bucketKey())
                        .then(limits.take(RateLimits.Kind.ASK, user.bucketKey()))
                        .then(budget.check(user))
                        .then(blocking.run(() -> {
                            access.writable(user, chat);
                            conn.follow(chat, null);
                            orchestrator.ask(chat, question, clientMessageId, instructions);
                        }));
            }
            case "clarify" -> {
                TurnId turn = new TurnId(required(frame, "turnId"));
                String choiceId = PlainText.check(field(frame, "choiceId"), "choiceId");
                String answer = PlainText.check(field(frame, "text"), "text");
                if (choiceId != null && choiceId.length() > MAX_CHOICE_ID_CHARS) {
                    throw new QuerentException(ErrorCode.INPUT_TOO_LARGE, "The choice id is too long.");
                }
                if (answer != null && answer.length() > maxQuestionLength) {
                    throw new QuerentException(
                            ErrorCode.INPUT_TOO_LARGE,
                            "The answer is longer than " + maxQuestionLength + " characters.");
                }
                // answering plans the question again, which may ask the model: counted as a question
                yield limits.take(RateLimits.Kind.REQUEST, user.bucketKey())
                        .then(limits.take(RateLimits.Kind.ASK, user.bucketKey()))
                        .then(budget.check(user))
                        .then(blocking.run(() -> {
                            conn.follow(access.writableTurn(user, turn).chatId(), null);
                            orchestrator.clarify(turn, choiceId, answer);
                        }));
            }
            case "confirm", "edit", "reject" -> {
                TurnId turn = new TurnId(required(frame, "turnId"));
                String reason = PlainText.check(field(frame, "reason"), "reason");
                QueryPlan plan = plan(f);
                Runnable work = () -> {
                    conn.follow(access.writableTurn(user, turn).chatId(), null);
                    switch (type) {
                        case "confirm" -> sqlAudit.ran(user.username(), orchestrator.confirm(turn, plan, user.id()));
                        case "edit" -> orchestrator.editPlan(turn, plan);
                        default -> orchestrator.reject(turn, reason);
                    }
                };
                // Confirming runs a query: on the query scheduler, apart from cheap work.
                yield limits.take(RateLimits.Kind.REQUEST, user.bucketKey())
                        .then(
                                type.equals("confirm")
                                        ? budget.check(user).then(blocking.queryRun(work))
                                        : blocking.run(work));
            }
            case "resume" -> {
                ChatId chat = new ChatId(required(frame, "chatId"));
                JsonNode afterSeq = frame.get("afterSeq");
                if (afterSeq != null && !afterSeq.isNull() && !afterSeq.isIntegralNumber()) {
                    throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'afterSeq' must be a whole number.");
                }
                long after = afterSeq == null || afterSeq.isNull() ? 0L : afterSeq.asLong();
                yield blocking.run(() -> {
                    access.readable(user, chat);
                    conn.follow(chat, after);
                });
            }
            default ->
                throw new QuerentException(
                        ErrorCode.BAD_REQUEST,
                        "Unknown frame type '" + type + "': use ask, clarify, confirm, edit, reject or resume.");
        };
    }

    private QueryPlan plan(JsonNode frame) {
        if (!frame.hasNonNull("plan")) {
            return null;
        }
        try {
            return json.treeToValue(frame.get("plan"), QueryPlan.class);
        } catch (RuntimeException e) {
            throw new QuerentException(ErrorCode.MALFORMED_JSON, "'plan' is not a valid plan.");
        }
    }

    private static String field(JsonNode frame, String name) {
        JsonNode v = frame.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'" + name + "' must be a string.");
        }
        return v.asString();
    }

    private static String required(JsonNode frame, String name) {
        String v = field(frame, name);
        if (v == null || v.isBlank()) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'" + name + "' is required.");
        }
        return v;
    }

    /** Per-connection state: which chats it follows and the last sequence sent for each. */
    private final class Connection {
        final Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();
        final Map<ChatId, AutoCloseable> subscriptions = new ConcurrentHashMap<>();
        final Map<ChatId, Long> lastSent = new ConcurrentHashMap<>();

        /** Follows a chat's live events; with {@code afterSeq}, first replays what was missed. */
        void follow(ChatId chat, Long afterSeq) {
            if (afterSeq != null) {
                lastSent.merge(chat, afterSeq, Math::min);
            }
            subscriptions.computeIfAbsent(chat, c -> events.subscribe(c, this::send));
            if (afterSeq != null) {
                events.replay(chat, afterSeq).forEach(this::send);
            }
        }

        synchronized void send(ChatEvent e) {
            long last = lastSent.getOrDefault(e.chatId(), -1L);
            if (last >= 0 && e.seq() <= last) {
                return;
            }
            lastSent.put(e.chatId(), e.seq());
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", e.type().wireName());
            frame.put("chatId", e.chatId().value());
            frame.put("turnId", e.turnId() == null ? null : e.turnId().value());
            frame.put("seq", e.seq());
            frame.put("payload", e.payload());
            out.tryEmitNext(json.writeValueAsString(frame));
        }

        synchronized void sendError(ChatId chat, TurnId turn, Throwable error) {
            ProblemDetail p = ProblemWebExceptionHandler.toProblem(error);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put(
                    "code",
                    p.getProperties() == null ? "INTERNAL" : p.getProperties().get("code"));
            payload.put("message", p.getDetail());
            payload.put(
                    "retryable",
                    p.getProperties() != null
                            && Boolean.TRUE.equals(p.getProperties().get("retryable")));
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "error");
            frame.put("code", payload.get("code"));
            frame.put("message", payload.get("message"));
            frame.put("chatId", chat == null ? null : chat.value());
            frame.put("turnId", turn == null ? null : turn.value());
            frame.put("seq", 0);
            frame.put("payload", payload);
            out.tryEmitNext(json.writeValueAsString(frame));
        }

        void close() {
            subscriptions.values().forEach(s -> {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // unsubscribing is a map removal; nothing to recover
                }
            });
            out.tryEmitComplete();
        }
    }
}
