package dev.querent.agents;

import dev.querent.core.DataSourceId;
import dev.querent.core.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A data source as shown to users: secret values never leave the server, only which are set. */
public record DataSourceView(
        DataSourceId id,
        String name,
        String type,
        Dialect dialect,
        Map<String, String> settings,
        List<String> secretKeys,
        boolean isDefault,
        Instant createdAt) {}
