/**
 * PostgreSQL connector: a small HikariCP pool whose sessions are read-only three times over
 * (startup default, driver read-only mode, {@code READ ONLY} transactions), results streamed
 * through a cursor and a server-side statement timeout per execution.
 */
package dev.querent.connectors.postgres;
