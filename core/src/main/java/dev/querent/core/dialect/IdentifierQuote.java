package dev.querent.core.dialect;

/** A way of delimiting an identifier, with the rule for a delimiter inside the name. */
public enum IdentifierQuote {
    /** {@code "name"}, an embedded {@code "} doubled (the SQL standard). */
    DOUBLE_QUOTE('"'),
    /** {@code `name`}, an embedded {@code `} doubled (MySQL, and SQLite for compatibility). */
    BACKTICK('`');

    private final char mark;

    IdentifierQuote(char mark) {
        this.mark = mark;
    }

    /** The delimiting character. */
    public char mark() {
        return mark;
    }

    /** {@code name} between delimiters, each delimiter inside it doubled. */
    public String quote(String name) {
        String q = String.valueOf(mark);
        return q + name.replace(q, q + q) + q;
    }
}
