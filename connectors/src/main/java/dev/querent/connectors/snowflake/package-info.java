/**
 * Snowflake connector: the official JDBC driver, one logged-in session per use, JSON result
 * format, a query tag and a server-side statement timeout, introspection through the schema's
 * {@code INFORMATION_SCHEMA} and {@code SHOW ... KEYS}.
 */
package dev.querent.connectors.snowflake;
