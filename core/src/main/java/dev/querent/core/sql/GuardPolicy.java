package dev.querent.core.sql;

/**
 * Limits the guard applies.
 *
 * @param defaultLimit the LIMIT added to a query that has none
 * @param maxLimit a LIMIT above this is lowered to it
 * @param maxSqlLength longer input is refused before parsing
 */
public record GuardPolicy(int defaultLimit, int maxLimit, int maxSqlLength) {
    public static GuardPolicy defaults() {
        return new GuardPolicy(1000, 10_000, 100_000);
    }
}
