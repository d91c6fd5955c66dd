package dev.querent.semantics.description;

import static java.util.Map.entry;

import java.util.List;
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
    public static final Set<String> STOPWORDS = Set.of(
            "a",
            "an",
            "the",
            "of",
            "in",
            "on",
            "at",
            "for",
            "to",
            "from",
            "with",
            "into",
            "within",
            "and",
            "or",
            "but",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "do",
            "does",
            "did",
            "done",
            "what",
            "which",
            "who",
            "whom",
            "whose",
            "when",
            "where",
            "why",
            "how",
            "many",
            "much",
            "there",
            "their",
            "them",
            "they",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "me",
            "my",
            "we",
            "our",
            "us",
            "you",
            "your",
            "i",
            "he",
            "she",
            "his",
            "her",
            "all",
            "any",
            "some",
            "show",
            "list",
            "give",
            "find",
            "get",
            "return",
            "display",
            "tell",
            "see",
            "want",
            "need",
            "know",
            "please",
            "can",
            "could",
            "would",
            "should",
            "will",
            "shall",
            "may",
            "might",
            "must",
            "have",
            "has",
            "had",
            "having",
            "placed",
            "made",
            "make",
            "exist",
            "exists",
            "also",
            "as",
            "than",
            "then",
            "so",
            "such",
            "only",
            "just",
            "whether",
            "if",
            "same",
            "other",
            "both",
            "among",
            "along",
            "including",
            "ever",
            "overall",
            "record",
            "records",
            "row",
            "rows",
            "entry",
            "entries",
            "data",
            "information",
            "info",
            "detail",
            "details",
            "value",
            "values",
            "one",
            "ones",
            "everything",
            "anything",
            "something",
            "listed",
            "shown",
            "returned",
            "given",
            "got",
            "up",
            "down",
            "out",
            "about",
            "via",
            "using",
            "used",
            "happen",
            "happened",
            "took",
            "take",
            "taken",
            "compute",
            "calculate",
            "determine",
            "report",
            "versus",
            "vs",
            "respectively",
            "corresponding");

    /**
     * Question phrases and the concept each stands for. Matching is longest first, so "at most" is a
     * comparison and not a superlative, and "total number of" is a count and not a sum.
     */
    static final Map<String, String> PHRASES = Map.ofEntries(
            entry("how many", "agg:count"),
            entry("number of", "agg:count"),
            entry("total number of", "agg:count"),
            entry("count of", "agg:count"),
            entry("count", "agg:count"),
            entry("counts", "agg:count"),
            entry("how often", "agg:count"),
            entry("how much", "agg:sum"),
            entry("total", "agg:sum"),
            entry("totals", "agg:sum"),
            entry("sum", "agg:sum"),
            entry("sum of", "agg:sum"),
            entry("combined", "agg:sum"),
            entry("average", "agg:avg"),
            entry("averages", "agg:avg"),
            entry("avg", "agg:avg"),
            entry("mean", "agg:avg"),
            entry("maximum", "agg:max"),
            entry("max", "agg:max"),
            entry("minimum", "agg:min"),
            entry("min", "agg:min"),
            entry("descending", "order:desc"),
            entry("highest to lowest", "order:desc"),
            entry("largest to smallest", "order:desc"),
            entry("biggest to smallest", "order:desc"),
            entry("most to least", "order:desc"),
            entry("greatest to least", "order:desc"),
            entry("newest to oldest", "order:desc"),
            entry("latest to earliest", "order:desc"),
            entry("longest to shortest", "order:desc"),
            entry("best to worst", "order:desc"),
            entry("most to fewest", "order:desc"),
            entry("ascending", "order:asc"),
            entry("shortest to longest", "order:asc"),
            entry("worst to best", "order:asc"),
            entry("fewest to most", "order:asc"),
            entry("lowest to highest", "order:asc"),
            entry("smallest to largest", "order:asc"),
            entry("least to most", "order:asc"),
            entry("oldest to newest", "order:asc"),
            entry("earliest to latest", "order:asc"),
            entry("alphabetical", "order:asc"),
            entry("alphabetically", "order:asc"),
            entry("highest", "rank:high"),
            entry("most", "rank:high"),
            entry("top", "rank:high"),
            entry("largest", "rank:high"),
            entry("biggest", "rank:high"),
            entry("greatest", "rank:high"),
            entry("best", "rank:high"),
            entry("latest", "rank:high"),
            entry("newest", "rank:high"),
            entry("most recent", "rank:high"),
            entry("longest", "rank:high"),
            entry("heaviest", "rank:high"),
            entry("tallest", "rank:high"),
            entry("priciest", "rank:high"),
            entry("lowest", "rank:low"),
            entry("least", "rank:low"),
            entry("fewest", "rank:low"),
            entry("bottom", "rank:low"),
            entry("smallest", "rank:low"),
            entry("cheapest", "rank:low"),
            entry("worst", "rank:low"),
            entry("shortest", "rank:low"),
            entry("earliest", "rank:low"),
            entry("lightest", "rank:low"),
            entry("oldest", "rank:any"),
            entry("youngest", "rank:any"),
            entry("more than", "compare:gt"),
            entry("greater than", "compare:gt"),
            entry("higher than", "compare:gt"),
            entry("larger than", "compare:gt"),
            entry("bigger than", "compare:gt"),
            entry("longer than", "compare:gt"),
            entry("older than", "compare:gt"),
            entry("over", "compare:gt"),
            entry("above", "compare:gt"),
            entry("exceeding", "compare:gt"),
            entry("exceeds", "compare:gt"),
            entry("exceed", "compare:gt"),
            entry("at least", "compare:gt"),
            entry("no less than", "compare:gt"),
            entry("no fewer than", "compare:gt"),
            entry("or more", "compare:gt"),
            entry("less than", "compare:lt"),
            entry("fewer than", "compare:lt"),
            entry("lower than", "compare:lt"),
            entry("smaller than", "compare:lt"),
            entry("shorter than", "compare:lt"),
            entry("younger than", "compare:lt"),
            entry("cheaper than", "compare:lt"),
            entry("under", "compare:lt"),
            entry("below", "compare:lt"),
            entry("at most", "compare:lt"),
            entry("no more than", "compare:lt"),
            entry("up to", "compare:lt"),
            entry("or less", "compare:lt"),
            entry("or fewer", "compare:lt"),
            entry("distinct", "distinct"),
            entry("unique", "distinct"),
            entry("different", "distinct"),
            entry("not", "negation"),
            entry("never", "negation"),
            entry("without", "negation"),
            entry("except", "negation"),
            entry("excluding", "negation"),
            entry("exclude", "negation"),
            entry("other than", "negation"),
            entry("no", "negation"),
            entry("none", "negation"),
            entry("neither", "negation"),
            entry("non", "negation"),
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

    static final int MAX_PHRASE_WORDS = 3;

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

    static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            entry("one", 1),
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
            entry("hundred", 100),
            entry("single", 1),
            entry("once", 1),
            entry("twice", 2),
            entry("dozen", 12));

    /** Words before a number that make it a row limit ("top 5", "first ten"). */
    static final Set<String> LIMIT_MARKERS = Set.of("top", "first", "bottom", "last");

    /** Words that, before a grain, make it a grouping ("per month", "by year"). */
    static final Set<String> GROUP_MARKERS = Set.of("per", "each", "every", "by");

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

    static final Map<String, String> GRAIN_NOUNS = Map.ofEntries(
            entry("day", "day"),
            entry("days", "day"),
            entry("date", "day"),
            entry("week", "week"),
            entry("weeks", "week"),
            entry("month", "month"),
            entry("months", "month"),
            entry("quarter", "quarter"),
            entry("quarters", "quarter"),
            entry("year", "year"),
            entry("years", "year"));

    static final Map<String, String> GRAIN_ADJECTIVES = Map.of(
            "daily", "day",
            "weekly", "week",
            "monthly", "month",
            "quarterly", "quarter",
            "yearly", "year",
            "annual", "year",
            "annually", "year");

    static final List<String> MONTHS = List.of(
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
