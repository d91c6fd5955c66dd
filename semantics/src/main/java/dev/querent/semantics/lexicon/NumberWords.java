package dev.querent.semantics.lexicon;

import static java.util.Map.entry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Words that multiply the number before them ("a hundred thousand", "two million"). */
    public static final Map<String, Long> MULTIPLIERS =
            Map.of("hundred", 100L, "thousand", 1_000L, "million", 1_000_000L, "billion", 1_000_000_000L);

    private static final Pattern SCALED = Pattern.compile("(?i)\\b(\\d+(?:\\.\\d+)?|a|an|"
            + String.join(
                    "|",
                    ALL.keySet().stream()
                            .filter(w -> !MULTIPLIERS.containsKey(w))
                            .sorted()
                            .toList())
            + ")((?:\\s+(?:hundred|thousand|million|billion))+)\\b");

    /**
     * The text with numbers spelled with multipliers written in digits: "more than 2 million" is
     * "more than 2000000", "a hundred thousand people" "100000 people", "1.5 billion" "1500000000".
     */
    public static String withScaledNumbers(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SCALED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(scaled(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The numbers spelled with multipliers in the text, in digits ("two million": 2000000). */
    public static List<String> scaledNumbers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SCALED.matcher(text);
        while (m.find()) {
            out.add(scaled(m));
        }
        return out;
    }

    private static String scaled(Matcher m) {
        String base = m.group(1).toLowerCase(Locale.ROOT);
        BigDecimal value = base.equals("a") || base.equals("an")
                ? BigDecimal.ONE
                : Character.isDigit(base.charAt(0)) ? new BigDecimal(base) : BigDecimal.valueOf(ALL.get(base));
        for (String w : m.group(2).strip().split("\\s+")) {
            value = value.multiply(BigDecimal.valueOf(MULTIPLIERS.get(w.toLowerCase(Locale.ROOT))));
        }
        return value.stripTrailingZeros().toPlainString();
    }

    private NumberWords() {}
}
