package dev.querent.core.dialect;

/** What kind of values a column's declared type holds, as far as planning and prompting care. */
public enum TypeFamily {
    /** Integers, decimals, floating point, money. */
    NUMERIC,
    /** Dates, times, timestamps (not intervals). */
    TEMPORAL,
    BOOLEAN,
    /** Character strings, including enumerations of strings. */
    TEXT,
    /** Declared, but none of the above: binary, JSON, geometry, intervals, arrays, … */
    OTHER,
    /** No declared type (SQLite allows none). */
    UNKNOWN;

    /**
     * The family of a declared type, read the same way for every engine; code that holds a dialect
     * asks {@link SqlDialect#typeFamily(String)}.
     */
    public static TypeFamily of(String declaredType) {
        return DeclaredTypes.family(declaredType);
    }
}
