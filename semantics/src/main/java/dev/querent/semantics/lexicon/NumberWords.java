package dev.querent.semantics.lexicon;

import static java.util.Map.entry;

import java.util.HashMap;
import java.util.Map;

/** Numbers written as words. */
public final class NumberWords {

    /**
     * Cardinals people use for small counts ("top ten"), read as numbers wherever they appear. "One"
     * is left out: it is usually a pronoun ("the one with …").
     */
    public static final Map<String, Integer> CARDINALS = Map.ofEntries(
            entry("two", 2),
            entry("three", 3),
            entry("four", 4),
            entry("five", 5),
            entry("six", 6),
            entry("seven", 7),
            entry("eight", 8),
            entry("nine", 9),
            entry("ten", 10),
            entry("eleven", 11),
            entry("twelve", 12),
            entry("fifteen", 15),
            entry("twenty", 20),
            entry("fifty", 50),
            entry("hundred", 100));

    /**
     * Every word that can stand for a number where a number is expected ("the single most …",
     * "ordered twice", "a dozen"): the cardinals plus "one" and these.
     */
    public static final Map<String, Integer> ALL = all();

    private static Map<String, Integer> all() {
        Map<String, Integer> m = new HashMap<>(CARDINALS);
        m.put("one", 1);
        m.put("single", 1);
        m.put("once", 1);
        m.put("twice", 2);
        m.put("dozen", 12);
        return Map.copyOf(m);
    }

    private NumberWords() {}
}
