package dev.querent.semantics.lexicon;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokenizing and light (plural-only) stemming, shared by the planner and the pattern matcher. */
public final class Text {

    public enum Kind {
        WORD,
        NUMBER,
        /** An ISO date, {@code yyyy-mm-dd}. */
        DATE,
        /** Text in quotes; {@code raw} holds it without the quotes. */
        QUOTED,
        SYMBOL
    }

    /**
     * One token. For words {@code stem} is the lower-cased singular; for numbers {@code lower} and
     * {@code stem} are the plain decimal form ({@code $1,200} → {@code 1200}). {@code start} and {@code end}
     * are where the token is written in the text, characters {@code [start, end)}.
     */
    public record Token(int index, String raw, String lower, String stem, Kind kind, int start, int end) {
        public boolean isWord() {
            return kind == Kind.WORD;
        }

        public boolean isInteger() {
            return kind == Kind.NUMBER && lower.indexOf('.') < 0;
        }

        /** A plausible calendar year, the way questions write them. */
        public boolean isYear() {
            if (!isInteger() || lower.length() != 4) {
                return false;
            }
            int y = Integer.parseInt(lower);
            return y >= 1900 && y <= 2100;
        }

        /** Capitalised in the middle of a sentence, which hints at a proper noun (a value). */
        public boolean capitalised() {
            return kind == Kind.WORD && index > 0 && Character.isUpperCase(raw.charAt(0));
        }
    }

    private static final Pattern TOKEN = Pattern.compile("(?<![\\p{L}\\p{N}])'([^']+)'(?![\\p{L}\\p{N}])"
            + "|\"([^\"]+)\"|[“”]([^“”]+)[“”]"
            + "|(\\d{4}-\\d{2}-\\d{2})"
            + "|\\$?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(k\\b)?"
            + "|([\\p{L}][\\p{L}\\p{N}_]*)(?:['’](?:s|t|re|ll|ve|d)\\b)?"
            + "|(<=|>=|<>|!=|[<>=?.,()])");

    private Text() {}

    public static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            int i = out.size();
            String quoted = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (quoted != null) {
                String lower = quoted.toLowerCase(Locale.ROOT);
                out.add(new Token(i, quoted, lower, lower, Kind.QUOTED, m.start(), m.end()));
            } else if (m.group(4) != null) {
                out.add(new Token(i, m.group(4), m.group(4), m.group(4), Kind.DATE, m.start(), m.end()));
            } else if (m.group(5) != null) {
                BigDecimal n = new BigDecimal(m.group(5).replace(",", ""));
                if (m.group(6) != null) {
                    n = n.multiply(BigDecimal.valueOf(1000));
                }
                String plain = n.stripTrailingZeros().toPlainString();
                out.add(new Token(i, m.group(), plain, plain, Kind.NUMBER, m.start(), m.end()));
            } else if (m.group(7) != null) {
                String word = m.group(7);
                String lower = word.toLowerCase(Locale.ROOT);
                Integer cardinal = NumberWords.CARDINALS.get(lower);
                String number = cardinal == null ? null : cardinal.toString();
                out.add(
                        number != null
                                ? new Token(i, word, number, number, Kind.NUMBER, m.start(), m.end())
                                : new Token(i, word, lower, Stemmer.singular(lower), Kind.WORD, m.start(), m.end()));
            } else {
                out.add(new Token(i, m.group(8), m.group(8), m.group(8), Kind.SYMBOL, m.start(), m.end()));
            }
        }
        return out;
    }

    /** Singular of an English noun, good enough to match "categories" with {@code category}. */
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private static final Pattern LETTER_DIGIT = Pattern.compile("([A-Za-z])([0-9])");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Words of an identifier: {@code order_items} → [order, items], {@code orderDate} → [order, date]. */
    public static List<String> identifierWords(String identifier) {
        String spaced = LETTER_DIGIT
                .matcher(CAMEL.matcher(identifier).replaceAll("$1 $2"))
                .replaceAll("$1 $2")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : NOT_WORD.split(spaced)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    public static List<String> stems(List<String> words) {
        return words.stream().map(Stemmer::singular).toList();
    }

    /** Singular stems of the words of free text (a comment, a sample value). */
    public static List<String> textStems(String text) {
        return tokenize(text).stream()
                .filter(t -> t.kind() == Kind.WORD || t.kind() == Kind.NUMBER)
                .map(Token::stem)
                .toList();
    }

    /** The span's original words, for messages. */
    public static String span(List<Token> tokens, int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < end && i < tokens.size(); i++) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(tokens.get(i).raw());
        }
        return sb.toString();
    }

    /** {@code order_items} → "order items", for sentences. */
    public static String humanize(String identifier) {
        return String.join(" ", identifierWords(identifier));
    }
}
