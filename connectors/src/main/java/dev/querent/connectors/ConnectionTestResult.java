package dev.querent.connectors;

/** Outcome of {@link DataSourceInterface#testConnection()}. */
public record ConnectionTestResult(boolean ok, String serverVersion, String error, long elapsedMillis) {}
