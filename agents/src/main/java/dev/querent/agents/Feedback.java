package dev.querent.agents;

import java.time.Instant;

/** A user's judgement of an answered turn; persisted before the Learning agent processes it. */
public record Feedback(
        String id,
        TurnId turnId,
        Rating rating,
        String reason,
        String correctedSql,
        Instant createdAt,
        Instant processedAt) {

    public enum Rating {
        UP,
        DOWN
    }
}
