package dev.querent.core.sql;

/** What a masked column's values are replaced by, for every row, before the query sees them. */
public enum ColumnMask {
    /** {@code NULL}. */
    NULL("NULL"),
    /** The string {@code '***'}. */
    REDACTED("'***'");

    private final String literal;

    ColumnMask(String literal) {
        this.literal = literal;
    }

    /** The SQL literal that stands in for the column. */
    public String literal() {
        return literal;
    }
}
