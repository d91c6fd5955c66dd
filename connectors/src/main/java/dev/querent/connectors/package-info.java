/**
 * The connector SPI: {@link dev.querent.connectors.DataSourceInterface} (connect, introspect, execute,
 * explain, test), the factories that open them, and the {@link dev.querent.connectors.ConnectorRegistry}
 * keyed by type. Engine implementations live in subpackages ({@code sqlite}, {@code duckdb},
 * {@code postgres}); every one passes the same contract test suite.
 */
package dev.querent.connectors;
