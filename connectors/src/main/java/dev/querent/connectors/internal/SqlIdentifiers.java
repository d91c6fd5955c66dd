package dev.querent.connectors.internal;

/** Identifier quoting for the catalog queries connectors build themselves. */
public final class SqlIdentifiers {
    private SqlIdentifiers() {}

    /** Double-quoted, embedded quotes doubled: the SQL standard form SQLite, DuckDB and PostgreSQL share. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
