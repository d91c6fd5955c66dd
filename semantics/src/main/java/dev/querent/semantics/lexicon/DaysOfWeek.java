package dev.querent.semantics.lexicon;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Days of the week in words, the same in a plan's summary and in the description of its SQL. */
public final class DaysOfWeek {
    private DaysOfWeek() {}

    /** Whether a stored value is a day's name, whole or in three letters ("Monday", "tue"). */
    public static boolean isName(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (v.equals(full) || v.equals(full.substring(0, 3))) {
                return true;
            }
        }
        return false;
    }

    /** "Saturday or Sunday", "a weekday (Monday to Friday)". */
    public static String describe(List<DayOfWeek> days) {
        if (days.size() == 5 && !days.contains(DayOfWeek.SATURDAY) && !days.contains(DayOfWeek.SUNDAY)) {
            return "a weekday (Monday to Friday)";
        }
        return days.stream()
                .sorted()
                .distinct()
                .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .collect(Collectors.joining(" or "));
    }
}
