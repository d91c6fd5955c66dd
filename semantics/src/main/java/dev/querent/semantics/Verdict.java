package dev.querent.semantics;

/** How the back-translation of SQL compares with the question. */
public enum Verdict {
    /** Everything the question asks is in the SQL and nothing critical is added. */
    AGREES,
    /** Some of it: worth a look. */
    PARTIAL,
    /** A different question's answer, or SQL that could not be described. */
    DISAGREES
}
