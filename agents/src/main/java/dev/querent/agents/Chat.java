package dev.querent.agents;

import dev.querent.core.DataSourceId;
import java.time.Instant;

/**
 * A conversation over one data source. Private to {@code owner} unless {@code shared}, which lets
 * every signed-in user read it (only the owner may add to it).
 */
public record Chat(
        ChatId id,
        String title,
        DataSourceId dataSourceId,
        Instant createdAt,
        Instant updatedAt,
        String owner,
        boolean shared) {}
