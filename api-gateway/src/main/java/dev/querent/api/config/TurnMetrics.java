package dev.querent.api.config;

import dev.querent.agents.ChatEvent;
import dev.querent.agents.Turn;
import dev.querent.agents.TurnId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns the chat event log into metrics: {@code querent.turns} (finished turns by state, source and
 * error code), {@code querent.turn.planning} (question → plan), {@code querent.turn.answering}
 * (confirm → rows) and {@code querent.llm.tokens} (prompt and completion tokens). Observes events only, so no agent carries metrics code.
 */
final class TurnMetrics {
    private final MeterRegistry registry;
    private final Map<TurnId, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<TurnId, Instant> confirmedAt = new ConcurrentHashMap<>();

    TurnMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void on(ChatEvent e) {
        if (e.turnId() == null) {
            return;
        }
        switch (e.type()) {
            case TURN_STARTED -> startedAt.put(e.turnId(), e.at());
            case PLAN_PROPOSED -> {
                Instant start = startedAt.remove(e.turnId());
                if (start != null) {
                    timer("querent.turn.planning", "Question to proposed plan").record(Duration.between(start, e.at()));
                }
            }
            case SQL_GENERATED -> {
                confirmedAt.putIfAbsent(e.turnId(), e.at());
                tokens(e.payload(), "promptTokens", "prompt");
                tokens(e.payload(), "completionTokens", "completion");
            }
            case DONE -> done(e);
            default -> {}
        }
    }

    private void done(ChatEvent e) {
        startedAt.remove(e.turnId());
        Instant confirmed = confirmedAt.remove(e.turnId());
        String state = text(e.payload(), "state");
        if (confirmed != null && "ANSWERED".equals(state)) {
            timer("querent.turn.answering", "SQL generation, validation and execution")
                    .record(Duration.between(confirmed, e.at()));
        }
        JsonNode error = e.payload() instanceof JsonNode n ? n.get("error") : null;
        Counter.builder("querent.turns")
                .description("Finished chat turns")
                .tag("state", state == null ? "unknown" : state)
                .tag("source", orNone(text(e.payload(), "source")))
                .tag("error", error == null || error.isNull() ? "none" : orNone(text(error, "code")))
                .register(registry)
                .increment();
    }

    private void tokens(Object payload, String field, String kind) {
        if (payload instanceof JsonNode n && n.hasNonNull(field) && n.get(field).asLong() > 0) {
            Counter.builder("querent.llm.tokens")
                    .description("Tokens sent to and produced by the language model")
                    .tag("kind", kind)
                    .register(registry)
                    .increment(n.get(field).asLong());
        }
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    private static String text(Object node, String field) {
        if (node instanceof JsonNode n && n.hasNonNull(field)) {
            return n.get(field).asString();
        }
        if (node instanceof Turn t) {
            return switch (field) {
                case "state" -> t.state().name();
                case "source" -> t.source() == null ? null : t.source().name();
                default -> null;
            };
        }
        return null;
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }
}
