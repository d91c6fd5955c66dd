/**
 * Shared JDBC machinery behind the engine connectors: the execution loop with its caps, timeout
 * watchdog and cancellation, value conversion, schema assembly and value sampling. Not an API:
 * other modules use the {@code dev.querent.connectors} SPI only.
 */
package dev.querent.connectors.internal;
