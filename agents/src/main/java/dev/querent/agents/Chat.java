package dev.querent.agents;

import dev.querent.core.DataSourceId;
import java.time.Instant;

public record Chat(ChatId id, String title, DataSourceId dataSourceId, Instant createdAt, Instant updatedAt) {}
