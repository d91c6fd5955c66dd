package dev.querent.agents.access;

import java.time.Instant;

/** An API key as listed: never its secret. The effective role is the lower of its role and its owner's. */
public record ApiKey(
        String id,
        String name,
        String prefix,
        Role role,
        String owner,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt) {

    /** A key just made, with the secret the caller sees exactly once. */
    public record Issued(ApiKey apiKey, String key) {}
}
