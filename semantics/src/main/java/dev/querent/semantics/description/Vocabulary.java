package dev.querent.semantics.description;

import static java.util.Map.entry;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
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

    private static final Concept RANK_HIGH = ConceptKind.RANK.of("high");
    private static final Concept RANK_LOW = ConceptKind.RANK.of("low");
    private static final Concept RANK_ANY = ConceptKind.RANK.of("any");
    private static final Concept NEGATION = ConceptKind.NEGATION.flag();
    private static final Concept RECENT = ConceptKind.RECENT.flag();
    private static final Concept ORDER_DESC = ConceptKind.ORDER.of("desc");
    private static final Concept ORDER_ASC = ConceptKind.ORDER.of("asc");
    private static final Concept AGG_MAX = ConceptKind.AGG.of("max");
    private static final Concept AGG_MIN = ConceptKind.AGG.of("min");
    private static final Concept AGG_COUNT_DISTINCT = ConceptKind.AGG.of("count_distinct");

    /**
     * The validator's own phrases: rank words and negations besides the shared ones ({@link
     * Phrases#SUPERLATIVES}, {@link Phrases#NEGATIONS}), and "recent" without a period named; named
     * periods ("last month", "the past 30 days") are read by {@code DatePhrases}.
     */
    private static final Map<String, Concept> OWN_PHRASES = Map.ofEntries(
            // "the language predominantly spoken": the one with the largest share.
            entry("predominantly", RANK_HIGH),
            entry("predominant", RANK_HIGH),
            entry("oldest", RANK_ANY),
            entry("youngest", RANK_ANY),
            entry("without", NEGATION),
            entry("no", NEGATION),
            entry("none", NEGATION),
            entry("neither", NEGATION),
            entry("nobody", NEGATION),
            entry("recent", RECENT),
            entry("recently", RECENT));

    /**
     * Question phrases and the concept each stands for. Matching is longest first, so "at most" is a
     * comparison and not a superlative, and "total number of" is a count and not a sum.
     */
    static final Map<String, Concept> PHRASES = phrases();

    /**
     * Aggregate, direction, comparison and distinct phrases come from the shared {@link Phrases};
     * the rest are the validator's own. "At least" and "more than" are the same concept here
     * (compare:gt): the validator asks whether a bound is there and which way it points.
     */
    private static Map<String, Concept> phrases() {
        Map<String, Concept> m = new HashMap<>();
        Phrases.AGGREGATES
                .phrases()
                .forEach((p, a) -> m.put(p, ConceptKind.AGG.of(a.name().toLowerCase(Locale.ROOT))));
        Phrases.DIRECTIONS
                .phrases()
                .forEach((p, dir) -> m.put(p, ConceptKind.ORDER.of(dir.name().toLowerCase(Locale.ROOT))));
        Phrases.COMPARISONS.phrases().forEach((p, op) -> {
            switch (op) {
                case GT, GTE -> m.put(p, ConceptKind.COMPARE.of("gt"));
                case LT, LTE -> m.put(p, ConceptKind.COMPARE.of("lt"));
                default -> {}
            }
        });
        Phrases.DISTINCT.phrases().keySet().forEach(p -> m.put(p, ConceptKind.DISTINCT.flag()));
        Phrases.SUPERLATIVES.phrases().forEach((p, dir) -> m.put(p, dir == Direction.DESC ? RANK_HIGH : RANK_LOW));
        Phrases.NEGATIONS.forEach(n -> m.put(n, NEGATION));
        m.putAll(OWN_PHRASES);
        return Map.copyOf(m);
    }

    /** Whether {@code phrase} is a question phrase for a concept of {@code kind}. */
    static boolean isPhraseOf(String phrase, ConceptKind kind) {
        Concept c = PHRASES.get(phrase);
        return c != null && c.kind() == kind;
    }

    static final int MAX_PHRASE_WORDS =
            PHRASES.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);

    /** Question concepts and the SQL concepts that satisfy them besides themselves. */
    public static final Map<Concept, List<Concept>> SATISFIED_BY = Map.ofEntries(
            entry(ConceptKind.AGG.of("count"), List.of(AGG_COUNT_DISTINCT)),
            entry(ConceptKind.AGG.of("sum"), List.of(ConceptKind.WORD.of("total"))),
            entry(AGG_MAX, List.of(ORDER_DESC)),
            entry(AGG_MIN, List.of(ORDER_ASC)),
            entry(RANK_HIGH, List.of(ORDER_DESC, AGG_MAX)),
            entry(RANK_LOW, List.of(ORDER_ASC, AGG_MIN)),
            entry(RANK_ANY, List.of(ORDER_DESC, ORDER_ASC, AGG_MAX, AGG_MIN)),
            entry(ConceptKind.DISTINCT.flag(), List.of(AGG_COUNT_DISTINCT)));

    static final Map<String, Integer> NUMBER_WORDS = NumberWords.ALL;

    /** Words before a number that make it a row limit ("top 5", "first ten"). */
    static final Set<String> LIMIT_MARKERS = Set.of("top", "first", "bottom", "last");

    /** Words that, before a grain, make it a grouping ("per month", "by year"). */
    static final Set<String> GROUP_MARKERS = Phrases.GROUP_MARKERS;

    /** Units of measure: "per square kilometer" is a rate, not a grouping. */
    static final Set<String> UNITS = Phrases.UNITS_OF_MEASURE;

    /** Words before "by" that make it a sort key rather than a grouping ("ordered by revenue"). */
    static final Set<String> SORT_WORDS = Set.of("order", "ordered", "sort", "sorted", "rank", "ranked", "arranged");

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
