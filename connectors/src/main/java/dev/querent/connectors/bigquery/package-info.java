/**
 * BigQuery connector on the official client: every execution is preceded by a dry run whose
 * estimated bytes are checked against the source's {@code max_bytes_billed} cap, and only a
 * {@code SELECT} statement is ever run, as a query job without a destination table.
 */
package dev.querent.connectors.bigquery;
