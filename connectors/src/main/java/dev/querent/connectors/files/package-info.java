/**
 * Files as data sources (type {@code files}): uploaded or folder files (CSV/TSV, Parquet,
 * JSON/NDJSON, Excel) loaded as tables into a DuckDB database the source owns, under
 * {@code <data>/sources/files/<source-id>/}. Loading runs on its own connection that may read only
 * the files being loaded; queries go through a read-only {@link
 * dev.querent.connectors.duckdb.DuckDbConnector} on that database.
 */
package dev.querent.connectors.files;
