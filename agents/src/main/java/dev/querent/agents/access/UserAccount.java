package dev.querent.agents.access;

import java.time.Instant;
import java.util.Map;

/**
 * A person who can sign in. {@code attributes} feed data-scope row filters ({@code :user.region});
 * {@code origin} says whether Querent keeps the password (LOCAL) or an identity provider vouches
 * for the user (EXTERNAL).
 */
public record UserAccount(
        String id,
        String username,
        String displayName,
        Role role,
        boolean disabled,
        Map<String, String> attributes,
        Origin origin,
        Instant createdAt,
        Instant lastLoginAt) {
    public enum Origin {
        LOCAL,
        EXTERNAL
    }

    public UserAccount {
        attributes = Map.copyOf(attributes);
    }
}
