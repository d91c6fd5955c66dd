package dev.querent.api.security;

import dev.querent.agents.ChatEvent;
import dev.querent.agents.ChatEventType;
import dev.querent.agents.ChatId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A separate budget of language-model tokens per user, apart from request and question limits:
 * every {@code sql.generated} event charges the chat owner what the model used; a user whose
 * budget is spent gets RATE_LIMITED (with the wait) before the next question or confirmation.
 */
public final class ModelBudget {
    private static final Logger log = LoggerFactory.getLogger(ModelBudget.class);

    private final RateLimits limits;
    private final Function<ChatId, Optional<String>> ownerOf;

    public ModelBudget(RateLimits limits, Function<ChatId, Optional<String>> ownerOf) {
        this.limits = limits;
        this.ownerOf = ownerOf;
    }

    /** Fails with RATE_LIMITED while {@code user}'s budget is spent. */
    public Mono<Void> check(QuerentUser user) {
        return limits.requireAvailable(RateLimits.Kind.MODEL_TOKENS, key(user.username()));
    }

    /** Charges the owner of the event's chat for the tokens a generation used. Blocking. */
    public void onEvent(ChatEvent e) {
        if (e.type() != ChatEventType.SQL_GENERATED) {
            return;
        }
        long tokens = number(e.payload(), "promptTokens") + number(e.payload(), "completionTokens");
        if (tokens <= 0) {
            return;
        }
        try {
            ownerOf.apply(e.chatId())
                    .ifPresent(owner -> limits.charge(RateLimits.Kind.MODEL_TOKENS, key(owner), tokens));
        } catch (RuntimeException ex) {
            log.warn(
                    "model tokens of chat {} could not be charged: {}",
                    e.chatId().value(),
                    ex.toString());
        }
    }

    private static String key(String username) {
        return "user:" + username;
    }

    private static long number(Object payload, String field) {
        Object v = payload instanceof Map<?, ?> m
                ? m.get(field)
                : payload instanceof JsonNode j && j.hasNonNull(field)
                        ? j.get(field).asLong()
                        : null;
        return v instanceof Number n ? n.longValue() : 0;
    }
}
