package dev.querent.semantics.description;

import dev.querent.semantics.Concept;
import dev.querent.semantics.lexicon.Stemmer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Concepts ({@code agg:count}, {@code word:conferenc}) as the words a person reads in a warning: a
 * stem is shown as the question's own word it came from, a kind as a short phrase.
 */
public final class ConceptWords {
    private static final Map<String, String> AGGREGATES = Map.of(
            "count", "a count",
            "sum", "a total",
            "avg", "an average",
            "max", "a maximum",
            "min", "a minimum");

    private static final Map<String, String> COMPARISONS = Map.of(
            "gt", "a \"more than\" comparison",
            "gte", "an \"at least\" comparison",
            "lt", "a \"less than\" comparison",
            "lte", "an \"at most\" comparison",
            "between", "a range");

    private ConceptWords() {}

    /** Each concept in plain words, joined with commas. */
    public static String describe(List<Concept> concepts, String question) {
        List<String> tokens = question == null ? List.of() : Words.tokens(question);
        StringBuilder sb = new StringBuilder();
        for (Concept c : concepts) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(describe(c, tokens));
        }
        return sb.toString();
    }

    static String describe(Concept concept, List<String> questionTokens) {
        String payload = concept.value();
        return switch (concept.kind()) {
            case WORD, TERM, COLUMN, OUTPUT -> quote(original(payload, questionTokens));
            case VALUE, NUMBER -> quote(payload);
            case BOUND -> bound(payload);
            case AGG -> AGGREGATES.getOrDefault(payload, payload);
            case COMPARE -> COMPARISONS.getOrDefault(payload, "a comparison");
            case NEGATION -> "a negation";
            case DISTINCT -> "distinct values";
            case ORDER -> "an ordering";
            case RANK -> "a ranking (" + payload + ")";
            case LIMIT -> "a limit of " + payload;
            case YEAR -> "the year " + payload;
            case MONTH -> "the month " + payload;
            case GRAIN -> "a breakdown per " + payload;
            case GROUP -> "a grouping by " + quote(payload);
            case FLAG -> "the condition " + quote(payload);
            case RECENT -> "a recent period";
            case ODD -> payload.isEmpty() ? "an unusual construct" : payload;
        };
    }

    /** A bound as the SQL reads it ({@code gte 3}) in words: "at least 3". */
    private static String bound(String payload) {
        int space = payload.indexOf(' ');
        String op = space < 0 ? null : BOUND_WORDS.get(payload.substring(0, space));
        return op == null ? "the bound " + quote(payload) : quote(op + " " + payload.substring(space + 1));
    }

    private static final Map<String, String> BOUND_WORDS =
            Map.of("gt", "more than", "gte", "at least", "lt", "less than", "lte", "at most");

    /** The question word a stem came from, or the stem itself. */
    private static String original(String stem, List<String> tokens) {
        for (String t : tokens) {
            if (Stemmer.stem(t).equals(stem)) {
                return t;
            }
        }
        return stem;
    }

    private static String quote(String s) {
        return "\u201c" + s.toLowerCase(Locale.ROOT) + "\u201d";
    }
}
