package dev.querent.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.agents.ChatEvent;
import dev.querent.agents.ChatEventType;
import dev.querent.agents.ChatId;
import dev.querent.agents.TurnId;
import dev.querent.agents.access.Role;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

class ModelBudgetTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ChatId ALICES = new ChatId("c-alice");
    private static final ChatId BOBS = new ChatId("c-bob");

    private final ModelBudget budget = new ModelBudget(
            new RateLimits(new QuerentProperties.RateLimit(100, 100, 100, 1_000, ""), Schedulers.immediate()),
            id -> Optional.of(id.equals(ALICES) ? "alice" : "bob"));

    @Test
    void whatTheModelUsedIsChargedToTheChatOwnerUntilTheBudgetIsSpent() {
        budget.check(user("alice")).block();
        budget.onEvent(generated(ALICES, 700, 200));
        budget.check(user("alice")).block();
        budget.onEvent(generated(ALICES, 90, 20));
        QuerentException e = catchThrowableOfType(
                QuerentException.class, () -> budget.check(user("alice")).block());
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.getMessage()).contains("language-model tokens");
        assertThat(((Number) e.details().get("retryAfterSeconds")).longValue()).isPositive();
        // Another user's budget is their own.
        budget.check(user("bob")).block();
    }

    @Test
    void otherEventsAndGenerationsWithoutAModelCostNothing() {
        for (int i = 0; i < 50; i++) {
            budget.onEvent(generated(BOBS, 0, 0));
            budget.onEvent(new ChatEvent(
                    BOBS,
                    i,
                    new TurnId("t"),
                    ChatEventType.ROWS,
                    JSON.valueToTree(Map.of("promptTokens", 5_000)),
                    Instant.now()));
        }
        budget.check(user("bob")).block();
    }

    private static ChatEvent generated(ChatId chat, long prompt, long completion) {
        return new ChatEvent(
                chat,
                1,
                new TurnId("t"),
                ChatEventType.SQL_GENERATED,
                JSON.valueToTree(Map.of("sql", "SELECT 1", "promptTokens", prompt, "completionTokens", completion)),
                Instant.now());
    }

    private static QuerentUser user(String name) {
        return new QuerentUser("id-" + name, name, name, Role.ANALYST, Map.of(), QuerentUser.Method.SESSION, null);
    }
}
