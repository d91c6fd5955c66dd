package dev.querent.semantics.reading;

import dev.querent.semantics.lexicon.Text;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question asking for one quantity divided by another: "the ratio of papers published in 2020 to
 * the total number of papers", "the proportion of A to B in each semester", "the ratio between A and
 * B". Read into the words of each side and what follows them, which both sides share (a grouping
 * such as "in each semester", a restriction such as "for the business named X"). Each side is then
 * planned as a question of its own ({@link #numeratorQuestion()}), so it counts the rows its own
 * words name.
 *
 * <p>A share of rows is a ratio too: "what percentage of orders were cancelled", "the proportion of
 * customers who placed more than 5 orders in each country", "the share of flights with stops out of
 * all flights" divide the rows the condition keeps by all the rows it speaks of.
 *
 * <p>Only the plain forms are read; anything else (an average of ratios, a question that asks for
 * more output than the ratio) is left to the planner's ordinary reading, which refuses ratios. A share
 * whose condition is an adjective before its rows ("the percentage of cancelled orders") is read when
 * the adjective ends as most such adjectives do ("-ed", "-ful", "-ive", "-ing").
 *
 * @param numerator the words of the quantity divided ("papers published in the year 2020")
 * @param denominator the words of the quantity divided by ("the total number of papers")
 * @param shared what follows the two sides and applies to both ("in each semester id"), or empty
 * @param percent whether the quotient is asked for as a percentage ("what percentage of …")
 */
public record RatioQuestion(String numerator, String denominator, String shared, boolean percent) {

    public RatioQuestion(String numerator, String denominator, String shared) {
        this(numerator, denominator, shared, false);
    }

    /** "ratio of A to B", "proportion of A to B", "ratio between A and B"; the opening words before it. */
    private static final Pattern RATIO = Pattern.compile(
            "^(?:what\\s+is|what's|get|show|give\\s+me|find|compute|calculate|return|how\\s+does|how\\s+do)?\\s*"
                    + "(?:me\\s+)?the\\s+(?:ratio|proportion)\\s+(?:of|between)\\s+(.+?)\\s+(?:to|and|per|versus|vs\\.?)\\s+(.+)$",
            Pattern.CASE_INSENSITIVE);

    /** "what percentage of A …", "the proportion of A …": a share of the rows A names. */
    private static final Pattern SHARE = Pattern.compile(
            "^(?:what\\s+is|what's|what|get|show|give\\s+me|find|compute|calculate|return)?\\s*"
                    + "(?:me\\s+)?(?:the\\s+)?(percentage|percent|proportion|share|fraction)\\s+of\\s+(.+)$",
            Pattern.CASE_INSENSITIVE);

    /** Where the rows of a share end and its condition begins: "customers | who …", "orders | were …". */
    private static final Pattern CONDITION = Pattern.compile(
            "\\s+(?=(?:that|which|who|whose|where|with|are|were|is|was|have|has|had)\\b)", Pattern.CASE_INSENSITIVE);

    /**
     * "successful transactions", "cancelled orders", "active users in 2024": a condition written as one
     * adjective before the rows; the rows are what follows it.
     */
    private static final Pattern ADJECTIVE = Pattern.compile("(?i)\\w+(?:ed|ful|ive|ing)\\s+(\\w.*)");

    /** "… out of all flights": the rows a share is of, named after its condition. */
    private static final Pattern OUT_OF = Pattern.compile("\\s+out\\s+of\\s+", Pattern.CASE_INSENSITIVE);

    /** Where what a share's two sides share begins: a grouping; restrictions stay with the rows. */
    private static final Pattern SHARE_SHARED = Pattern.compile(
            "\\s+(?=(?:in\\s+each|for\\s+each|for\\s+every|per|across|among)\\b)", Pattern.CASE_INSENSITIVE);

    /** Where the second side ends and what both share begins. */
    private static final Pattern SHARED = Pattern.compile(
            "\\s+(?=(?:in\\s+each|for\\s+each|for\\s+every|per|by|across|among|over\\s+the|over\\s+time"
                    + "|vary|varies|change|changes|differ|differs|for\\s+the\\s+\\w+\\s+(?:named|called)"
                    + "|in\\s+the\\s+(?:database|dataset|data)"
                    + ")\\b)",
            Pattern.CASE_INSENSITIVE);

    /** Counting words the sides may open with; the side's question asks "how many" of the rest. */
    private static final Pattern COUNT_OPENER =
            Pattern.compile("^(?:the\\s+)?(?:total\\s+)?(?:number|count)\\s+of\\s+", Pattern.CASE_INSENSITIVE);

    /** A side that names its own aggregate ("the total sales", "the average price") is asked as it is. */
    private static final Pattern AGGREGATE_OPENER = Pattern.compile(
            "^(?:the\\s+)?(?:total|sum|average|mean|highest|maximum|lowest|minimum)\\b", Pattern.CASE_INSENSITIVE);

    /** "the length of the Mississippi River": a quantity of something, asked as it is. */
    private static final Pattern OF_SOMETHING = Pattern.compile("^the\\s+[\\w-]+\\s+of\\s+", Pattern.CASE_INSENSITIVE);

    /** Words that ask for more than the ratio: a further sentence such as "Return the annual numbers too". */
    private static final Pattern MORE_OUTPUT =
            Pattern.compile("^(?:return|show|list|include|also|and|display|give|output)\\b", Pattern.CASE_INSENSITIVE);

    /** "for each fare", "across different courses": what both sides share names one row of something. */
    private static final Pattern EACH = Pattern.compile(
            "^(?:(?:vary|varies|differ|differs)\\s+)?(?:for\\s+each|for\\s+every|in\\s+each|per|across|by)"
                    + "\\s+(?:the\\s+)?(?:different\\s+)?(.+)$",
            Pattern.CASE_INSENSITIVE);

    /**
     * Whether what both sides share asks for one ratio per row of {@code table} ("for each fare" of a
     * table {@code fare}): its words after "for each" are the table's name, so each side's column is
     * divided row by row rather than totalled per group.
     */
    public boolean perRowOf(String table) {
        Matcher m = EACH.matcher(shared);
        return m.matches() && Text.textStems(m.group(1)).equals(Text.stems(Text.identifierWords(table)));
    }

    /** The two sides of a ratio the question asks for, or empty when it asks for none in a form read here. */
    public static Optional<RatioQuestion> read(String question) {
        if (question == null) {
            return Optional.empty();
        }
        String text = question.strip().replaceAll("\\s+", " ");
        String[] sentences = text.split("(?<=[.?!])\\s+");
        for (int i = 1; i < sentences.length; i++) {
            if (MORE_OUTPUT.matcher(sentences[i]).find()) {
                return Optional.empty();
            }
        }
        String first = sentences[0].replaceAll("[?.!]+$", "").strip();
        Matcher m = RATIO.matcher(first);
        if (!m.matches()) {
            return share(first);
        }
        String numerator = m.group(1).strip();
        String rest = m.group(2).strip();
        Matcher cut = SHARED.matcher(rest);
        String denominator = rest;
        String shared = "";
        if (cut.find() && cut.start() > 0) {
            denominator = rest.substring(0, cut.start()).strip();
            shared = rest.substring(cut.end()).strip();
        }
        if (shared.matches("(?i)in the (?:database|dataset|data)")) {
            shared = ""; // says nothing about the rows
        }
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RatioQuestion(numerator, denominator, shared));
    }

    /**
     * A share: the rows with their condition over the same rows without it ("orders that were
     * cancelled" over "orders"), or over the rows named after "out of"; empty when the condition
     * cannot be told from the rows.
     */
    private static Optional<RatioQuestion> share(String question) {
        Matcher m = SHARE.matcher(question);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean percent = m.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("percent");
        String rest = m.group(2).strip();
        String shared = "";
        Matcher cut = SHARE_SHARED.matcher(rest);
        if (cut.find() && cut.start() > 0) {
            shared = rest.substring(cut.end()).strip();
            rest = rest.substring(0, cut.start()).strip();
        }
        String numerator = rest;
        String denominator;
        Matcher outOf = OUT_OF.matcher(rest);
        if (outOf.find()) {
            numerator = rest.substring(0, outOf.start()).strip();
            denominator = rest.substring(outOf.end()).strip();
        } else {
            Matcher condition = CONDITION.matcher(rest);
            Matcher adjective = ADJECTIVE.matcher(rest);
            if (condition.find() && condition.start() > 0) {
                denominator = rest.substring(0, condition.start()).strip();
            } else if (adjective.matches()) {
                denominator = adjective.group(1);
            } else {
                return Optional.empty();
            }
        }
        if (numerator.isEmpty() || denominator.isEmpty() || numerator.equalsIgnoreCase(denominator)) {
            return Optional.empty();
        }
        return Optional.of(new RatioQuestion(numerator, denominator, shared, percent));
    }

    /** The numerator as a question of its own, with what both sides share. */
    public String numeratorQuestion() {
        return question(numerator);
    }

    /** The denominator as a question of its own, with what both sides share. */
    public String denominatorQuestion() {
        return question(denominator);
    }

    private String question(String side) {
        String tail = tail();
        Matcher count = COUNT_OPENER.matcher(side);
        if (count.find()) {
            return "How many " + side.substring(count.end()) + tail + "?";
        }
        if (AGGREGATE_OPENER.matcher(side).find() || OF_SOMETHING.matcher(side).find()) {
            return "What is " + side + tail + "?";
        }
        return "How many " + side + tail + "?";
    }

    /**
     * The numerator as a total ("what is the total one-way trip costs for each fare"), for a side
     * that names a column to add up rather than rows to count.
     */
    public String numeratorTotalQuestion() {
        return totalQuestion(numerator);
    }

    /** The denominator as a total, as {@link #numeratorTotalQuestion()}. */
    public String denominatorTotalQuestion() {
        return totalQuestion(denominator);
    }

    private String totalQuestion(String side) {
        return "What is the total " + side.replaceFirst("(?i)^the\\s+", "") + tail() + "?";
    }

    /** What both sides share, as the end of one side's question ("" when nothing). */
    private String tail() {
        return shared.isEmpty() ? "" : " " + sharedForOneSide();
    }

    /** "vary across different courses" → "across different courses": the verb belongs to the ratio. */
    private String sharedForOneSide() {
        return shared.replaceFirst("(?i)^(?:vary|varies|change|changes|differ|differs)\\s+", "");
    }
}
