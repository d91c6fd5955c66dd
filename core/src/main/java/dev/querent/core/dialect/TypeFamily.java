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
    UNKNOWN
}
