package dev.querent.connectors;

/** What an execution did: rows delivered, whether a cap cut it short, and how long it took. */
public record ExecutionSummary(long rowCount, boolean truncated, long elapsedMillis) {}
