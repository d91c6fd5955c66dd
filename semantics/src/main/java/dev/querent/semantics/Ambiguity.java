package dev.querent.semantics;

/** What kind of choice a {@link Clarification} asks for, and so what a {@link Binding} binds. */
public enum Ambiguity {
    /** A word linked to two columns (or two measures) about equally well. */
    COLUMN,
    /** A value found in several columns ("Paris" as a city and in a store's name). */
    VALUE,
    /** A word naming tables of several domains (customers of the shop, customers of the bank). */
    TABLE,
    /** A time word ("per month", "in 2024") with no date column named and several to choose from. */
    TIME_COLUMN,
    /** A ranking ("top 5", "best") with no measure to rank by. */
    RANK_MEASURE
}
