package dev.querent.semantics.lexicon;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;

/** Month names and their usual abbreviations. */
public final class Months {

    /** Full names, January first. */
    public static final List<String> NAMES = List.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december");

    /** Full names and abbreviations → month number 1–12. */
    public static final Map<String, Integer> NUMBERS = Map.ofEntries(
            entry("january", 1),
            entry("jan", 1),
            entry("february", 2),
            entry("feb", 2),
            entry("march", 3),
            entry("mar", 3),
            entry("april", 4),
            entry("apr", 4),
            entry("may", 5),
            entry("june", 6),
            entry("jun", 6),
            entry("july", 7),
            entry("jul", 7),
            entry("august", 8),
            entry("aug", 8),
            entry("september", 9),
            entry("sep", 9),
            entry("sept", 9),
            entry("october", 10),
            entry("oct", 10),
            entry("november", 11),
            entry("nov", 11),
            entry("december", 12),
            entry("dec", 12));

    private Months() {}
}
