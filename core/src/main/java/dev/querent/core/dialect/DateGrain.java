package dev.querent.core.dialect;

/** A calendar unit a date is truncated to. Weeks start on Monday. */
public enum DateGrain {
    YEAR,
    QUARTER,
    MONTH,
    WEEK,
    DAY
}
