package dev.querent.agents;

import java.time.Instant;

/**
 * One event of a chat's stream, persisted before it is pushed so a client that reconnects can
 * resume from the last {@code seq} it saw.
 *
 * @param type {@code turn.started}, {@code plan.proposed}, {@code sql.generated},
 *     {@code validation.result}, {@code rows}, {@code done} or {@code error}
 * @param payload JSON-serialisable payload
 */
public record ChatEvent(ChatId chatId, long seq, TurnId turnId, String type, Object payload, Instant at) {}
