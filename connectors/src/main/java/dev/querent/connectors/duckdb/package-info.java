/**
 * DuckDB connector: a database file opened once, read-only and without file or network access;
 * every session is a cheap duplicate connection to that one instance.
 */
package dev.querent.connectors.duckdb;
