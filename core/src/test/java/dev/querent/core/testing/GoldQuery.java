package dev.querent.core.testing;

import dev.querent.core.Dialect;

/**
 * One gold (reference) query of a benchmark.
 *
 * @param source where it came from, e.g. {@code spider/dev_gold.sql:17}, for failure reports
 * @param dbId the benchmark database it runs against
 */
public record GoldQuery(String source, String dbId, Dialect dialect, String sql) {}
