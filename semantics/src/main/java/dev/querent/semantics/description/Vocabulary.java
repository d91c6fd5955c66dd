package dev.querent.semantics.description;

import static java.util.Map.entry;

import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Months;
import dev.querent.semantics.lexicon.NumberWords;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.StopWords;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The English the validator reads and writes, kept as data so it can grow without touching the
 * algorithms. Everything here is lowercase.
 */
public final class Vocabulary {
    private Vocabulary() {}

    /**
     * Words that carry no concept: function words, question words, and the verbs and nouns questions
     * wrap around a request ("show me the records ...", "orders placed ...").
     */
    public static final Set<String> STOPWORDS = StopWords.CONCEPT;

    /**
     * The validator's own phrases: rank words and negations besides the shared ones ({@link
     * Phrases#SUPERLATIVES}, {@link Phrases#NEGATIONS}), and recent periods.
     */
    private static final Map<String, String> OWN_PHRASES = Map.ofEntries(
            // "the language predominantly spoken": the one with the largest share.
            entry("predominantly", "rank:high"),
            entry("predominant", "rank:high"),
            entry("longest", "rank:high"),
            entry("heaviest", "rank:high"),
            entry("tallest", "rank:high"),
            entry("shortest", "rank:low"),
            entry("lightest", "rank:low"),
            entry("oldest", "rank:any"),
            entry("youngest", "rank:any"),
            entry("without", "negation"),
            entry("no", "negation"),
            entry("none", "negation"),
            entry("neither", "negation"),
            entry("nobody", "negation"),
            entry("this year", "recent"),
            entry("this month", "recent"),
            entry("this week", "recent"),
            entry("this quarter", "recent"),
            entry("last year", "recent"),
            entry("last month", "recent"),
            entry("last week", "recent"),
            entry("last quarter", "recent"),
            entry("past year", "recent"),
            entry("past month", "recent"),
            entry("past week", "recent"),
            entry("year to date", "recent"),
            entry("ytd", "recent"),
            entry("today", "recent"),
            entry("yesterday", "recent"),
            entry("recent", "recent"),
            entry("recently", "recent"));

    /**
     * Question phrases and the concept each stands for. Matching is longest first, so "at most" is a
     * comparison and not a superlative, and "total number of" is a count and not a sum.
     */
    static final Map<String, String> PHRASES = phrases();

    /**
     * Aggregate, direction, comparison and distinct phrases come from the shared {@link Phrases};
     * the rest are the validator's own. "At least" and "more than" are the same concept here
     * (compare:gt): the validator asks whether a bound is there and which way it points.
     */
    private static Map<String, String> phrases() {
        Map<String, String> m = new HashMap<>();
        Phrases.AGGREGATES
                .phrases()
                .forEach((p, a) -> m.put(p, "agg:" + a.name().toLowerCase(Locale.ROOT)));
        Phrases.DIRECTIONS
                .phrases()
                .forEach((p, dir) -> m.put(p, "order:" + dir.name().toLowerCase(Locale.ROOT)));
        Phrases.COMPARISONS.phrases().forEach((p, op) -> {
            switch (op) {
                case GT, GTE -> m.put(p, "compare:gt");
                case LT, LTE -> m.put(p, "compare:lt");
                default -> {}
            }
        });
        Phrases.DISTINCT.phrases().keySet().forEach(p -> m.put(p, "distinct"));
        Phrases.SUPERLATIVES.phrases().forEach((p, dir) -> m.put(p, dir == Direction.DESC ? "rank:high" : "rank:low"));
        Phrases.NEGATIONS.forEach(n -> m.put(n, "negation"));
        m.putAll(OWN_PHRASES);
        return Map.copyOf(m);
    }

    static final int MAX_PHRASE_WORDS =
            PHRASES.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);

    /** Question concepts and the SQL concepts that satisfy them besides themselves. */
    public static final Map<String, List<String>> SATISFIED_BY = Map.of(
            "agg:count", List.of("agg:count_distinct"),
            "agg:sum", List.of("word:total"),
            "agg:max", List.of("order:desc"),
            "agg:min", List.of("order:asc"),
            "rank:high", List.of("order:desc", "agg:max"),
            "rank:low", List.of("order:asc", "agg:min"),
            "rank:any", List.of("order:desc", "order:asc", "agg:max", "agg:min"),
            "distinct", List.of("agg:count_distinct"));

    static final Map<String, Integer> NUMBER_WORDS = NumberWords.ALL;

    /** Words before a number that make it a row limit ("top 5", "first ten"). */
    static final Set<String> LIMIT_MARKERS = Set.of("top", "first", "bottom", "last");

    /** Words that, before a grain, make it a grouping ("per month", "by year"). */
    static final Set<String> GROUP_MARKERS = Phrases.GROUP_MARKERS;

    /**
     * Irregular past participles: "written by", "taught by" name who did something, not a grouping.
     * Regular ones end in -ed.
     */
    static final Set<String> IRREGULAR_PARTICIPLES = Set.of(
            "written", "taken", "given", "made", "done", "held", "won", "sold", "bought", "taught", "led", "run",
            "built", "paid", "sent", "spent", "seen", "known", "shown", "grown", "drawn", "driven", "chosen", "brought",
            "caught", "found", "kept", "left", "lost", "met", "read", "told", "thought", "hit", "set", "put", "owned",
            "eaten", "flown", "ridden", "sung", "begun", "broken", "spoken", "stolen", "worn");

    /** Units of measure: "per square kilometer" is a rate, not a grouping. */
    static final Set<String> UNITS = Set.of(
            "square",
            "kilometer",
            "kilometre",
            "km",
            "meter",
            "metre",
            "mile",
            "foot",
            "feet",
            "inch",
            "kg",
            "kilogram",
            "gram",
            "pound",
            "lb",
            "liter",
            "litre",
            "gallon",
            "capita",
            "person",
            "head",
            "unit",
            "percent",
            "cent",
            "dollar",
            "euro",
            "second",
            "minute",
            "hour");

    /** Words before "by" that make it a sort key rather than a grouping ("ordered by revenue"). */
    static final Set<String> SORT_WORDS = Set.of("order", "ordered", "sort", "sorted", "rank", "ranked", "arranged");

    /** Words before a grain that make a relative period ("last 30 days"). */
    static final Set<String> RECENT_MARKERS = Set.of("last", "past", "previous", "recent");

    /** Articles and possessives skipped between a group marker and what is grouped ("for each of the customers"). */
    static final Set<String> DETERMINERS = Set.of("the", "a", "an", "their", "its", "of", "single", "individual");

    /** Grain nouns ("per month") as concept payloads; "date" is a day here (GROUP BY a date). */
    static final Map<String, String> GRAIN_NOUNS = grainWords(Phrases.GRAIN_NOUNS, Map.of("date", TimeGrain.DAY));

    static final Map<String, String> GRAIN_ADJECTIVES = grainWords(Phrases.GRAIN_ADJECTIVES, Map.of());

    private static Map<String, String> grainWords(Map<String, TimeGrain> shared, Map<String, TimeGrain> own) {
        Map<String, String> m = new HashMap<>();
        shared.forEach((w, g) -> m.put(w, g.name().toLowerCase(Locale.ROOT)));
        own.forEach((w, g) -> m.put(w, g.name().toLowerCase(Locale.ROOT)));
        return Map.copyOf(m);
    }

    static final List<String> MONTHS = Months.NAMES;

    static final List<String> QUARTER_ORDINALS = List.of("first", "second", "third", "fourth");

    /** Aggregate functions by lowercase name, mapped to the concept they compute. */
    static final Map<String, String> AGGREGATES = Map.ofEntries(
            entry("count", "count"),
            entry("count_big", "count"),
            entry("count_if", "count"),
            entry("countif", "count"),
            entry("sum", "sum"),
            entry("total", "sum"),
            entry("avg", "avg"),
            entry("mean", "avg"),
            entry("min", "min"),
            entry("max", "max"),
            entry("median", "median"),
            entry("stddev", "stddev"),
            entry("stddev_samp", "stddev"),
            entry("stddev_pop", "stddev"),
            entry("stdev", "stddev"),
            entry("variance", "variance"),
            entry("var_samp", "variance"),
            entry("var_pop", "variance"),
            entry("group_concat", "list"),
            entry("string_agg", "list"),
            entry("listagg", "list"),
            entry("array_agg", "list"));

    /** How an aggregate of a phrase reads; {@code %s} is the phrase. */
    static final Map<String, String> AGGREGATE_PHRASES = Map.of(
            "count", "the count of %s",
            "sum", "the total %s",
            "avg", "the average %s",
            "min", "the minimum %s",
            "max", "the maximum %s",
            "median", "the median %s",
            "stddev", "the standard deviation of %s",
            "variance", "the variance of %s",
            "list", "the list of %s");

    /** Functions that do not change what a value is about, described as their first argument. */
    static final Set<String> TRANSPARENT_FUNCTIONS = Set.of(
            "lower",
            "upper",
            "trim",
            "ltrim",
            "rtrim",
            "btrim",
            "coalesce",
            "ifnull",
            "nvl",
            "isnull",
            "nullif",
            "round",
            "floor",
            "ceil",
            "ceiling",
            "abs",
            "to_number",
            "try_cast",
            "safe_cast",
            "initcap");

    static final Map<String, String> BINARY_OPERATOR_PHRASES = Map.of(
            "*", "%s times %s",
            "/", "%s divided by %s",
            "+", "%s plus %s",
            "-", "%s minus %s",
            "%", "%s modulo %s",
            "||", "%s joined with %s");

    static final Map<String, String> COMPARISON_PHRASES = Map.of(
            "=", "is",
            "==", "is",
            "<>", "is not",
            "!=", "is not",
            ">", "is greater than",
            ">=", "is at least",
            "<", "is less than",
            "<=", "is at most");

    static final Map<String, String> DATE_COMPARISON_PHRASES = Map.of(
            "=", "is on",
            "==", "is on",
            "<>", "is not on",
            "!=", "is not on",
            ">", "is after",
            ">=", "is on or after",
            "<", "is before",
            "<=", "is on or before");

    /** The operator that keeps a comparison's meaning when its sides are swapped. */
    static final Map<String, String> MIRRORED_OPERATORS =
            Map.of(">", "<", ">=", "<=", "<", ">", "<=", ">=", "=", "=", "==", "==", "<>", "<>", "!=", "!=");

    /**
     * Column words for amounts that are themselves counts, so "how many units" is answered by
     * summing them rather than counting rows.
     */
    public static final Set<String> COUNTED_QUANTITY_WORDS =
            Set.of("quantity", "qty", "units", "count", "number", "num");

    /** Nouns that are already plural or have none, so a table named after one is not pluralised. */
    static final Set<String> UNCOUNTABLE_OR_PLURAL = Set.of(
            "people",
            "children",
            "men",
            "women",
            "data",
            "staff",
            "personnel",
            "equipment",
            "information",
            "info",
            "media",
            "series",
            "species",
            "police",
            "feedback",
            "inventory",
            "stock",
            "metadata");

    /** Column words that say nothing about what a column holds, so a table word stands in for them. */
    public static final Set<String> GENERIC_COLUMN_WORDS =
            Set.of("id", "name", "code", "key", "no", "num", "type", "value");
}
