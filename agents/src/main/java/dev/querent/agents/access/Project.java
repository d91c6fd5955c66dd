package dev.querent.agents.access;

import java.time.Instant;

/** A team's space: its data sources, and through them its chats, patterns, notes and review items. */
public record Project(String id, String name, Instant createdAt) {
    public static final String DEFAULT = "default";
}
