package dev.querent.agents;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One event of a chat's stream, persisted before it is pushed so a client that reconnects can
 * resume from the last {@code seq} it saw.
 *
 * @param payload the payload as stored and sent (a turn, a report, rows, an error: see {@link ChatEventType})
 */
public record ChatEvent(ChatId chatId, long seq, TurnId turnId, ChatEventType type, JsonNode payload, Instant at) {}
