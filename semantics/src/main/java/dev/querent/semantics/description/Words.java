package dev.querent.semantics.description;

import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turning identifiers and text into words, and words into the forms concepts compare on. */
public final class Words {
    private Words() {}

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** Strips the quoting engines put around identifiers ({@code "x"}, {@code `x`}, {@code [x]}). */
    static String unquote(String identifier) {
        if (identifier == null) {
            return "";
        }
        String s = identifier.strip();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /**
     * The lowercase words of an identifier: {@code order_date}, {@code orderDate} → [order, date] —
     * the lexicon's one identifier splitter, the planner's too.
     */
    static List<String> split(String identifier) {
        return Text.identifierWords(unquote(identifier));
    }

    public static String humanise(String identifier) {
        return Text.humanize(unquote(identifier));
    }

    /** The lowercase alphanumeric words of free text, in order. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Pluralises the last word of a phrase unless it already looks plural. */
    static String plural(String phrase) {
        String last = phrase.substring(phrase.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
        if (phrase.isEmpty()
                || phrase.endsWith("s")
                || Character.isDigit(phrase.charAt(phrase.length() - 1))
                || Vocabulary.UNCOUNTABLE_OR_PLURAL.contains(last)) {
            return phrase;
        }
        if (phrase.endsWith("y") && phrase.length() > 1 && "aeiou".indexOf(phrase.charAt(phrase.length() - 2)) < 0) {
            return phrase.substring(0, phrase.length() - 1) + "ies";
        }
        if (phrase.endsWith("x") || phrase.endsWith("ch") || phrase.endsWith("sh")) {
            return phrase + "es";
        }
        return phrase + "s";
    }

    /** Content words of a phrase, stemmed, without stopwords. */
    public static List<String> contentStems(String text) {
        List<String> out = new ArrayList<>();
        for (String t : tokens(text)) {
            if (!Vocabulary.STOPWORDS.contains(t)) {
                out.add(Stemmer.stem(t));
            }
        }
        return out;
    }

    /** A number written the way concepts compare numbers ("100.0" and "100" are the same). */
    public static String normaliseNumber(String text) {
        String t = text.strip().replace(",", "");
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        BigDecimal d = new BigDecimal(t).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    public static boolean isYear(String normalisedNumber) {
        if (normalisedNumber == null || normalisedNumber.length() != 4 || normalisedNumber.contains(".")) {
            return false;
        }
        int y = Integer.parseInt(normalisedNumber);
        return y >= 1900 && y <= 2100;
    }

    static String joinAnd(List<String> items) {
        return join(items, "and");
    }

    static String joinOr(List<String> items) {
        return join(items, "or");
    }

    private static String join(List<String> items, String conjunction) {
        return switch (items.size()) {
            case 0 -> "";
            case 1 -> items.getFirst();
            default ->
                String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " " + items.getLast();
        };
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Lowercases the first letter unless the first word is an acronym. */
    static String decapitalise(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
