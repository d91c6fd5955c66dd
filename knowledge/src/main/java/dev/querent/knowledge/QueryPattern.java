package dev.querent.knowledge;

import dev.querent.core.DataSourceId;
import java.time.Instant;

/**
 * A question→SQL pair in the knowledge base. Only {@link PatternStatus#VERIFIED} patterns are used to
 * answer questions directly or as few-shot examples.
 *
 * @param provenance where it came from (e.g. {@code feedback:<id>}, {@code admin}, {@code seed})
 */
public record QueryPattern(
        String id,
        DataSourceId dataSourceId,
        String question,
        String sql,
        PatternStatus status,
        String createdBy,
        Instant createdAt,
        int version,
        String provenance) {}
