package dev.querent.semantics.lexicon;

import static java.util.Map.entry;

import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrases both halves of the engine read the same way: the planner turns them into plan parts,
 * the validator into the concepts it compares (agg:…, order:…, compare:…, distinct).
 */
public final class Phrases {

    public static final PhraseTable<Aggregate> AGGREGATES = new PhraseTable<>(Map.ofEntries(
            entry("how many", Aggregate.COUNT),
            entry("number of", Aggregate.COUNT),
            entry("total number of", Aggregate.COUNT),
            entry("count of", Aggregate.COUNT),
            entry("total count of", Aggregate.COUNT),
            entry("total count", Aggregate.COUNT),
            entry("count", Aggregate.COUNT),
            entry("counts", Aggregate.COUNT),
            entry("total", Aggregate.SUM),
            entry("totals", Aggregate.SUM),
            entry("sum of", Aggregate.SUM),
            entry("sum", Aggregate.SUM),
            entry("combined", Aggregate.SUM),
            entry("how much", Aggregate.SUM),
            entry("average", Aggregate.AVG),
            entry("avg", Aggregate.AVG),
            entry("mean", Aggregate.AVG),
            entry("typical", Aggregate.AVG),
            entry("minimum", Aggregate.MIN),
            entry("min", Aggregate.MIN),
            entry("maximum", Aggregate.MAX),
            entry("max", Aggregate.MAX),
            entry("how often", Aggregate.COUNT),
            entry("averages", Aggregate.AVG)));

    public static final PhraseTable<FilterOp> COMPARISONS = new PhraseTable<>(Map.ofEntries(
            entry("over", FilterOp.GT),
            entry("above", FilterOp.GT),
            entry("more than", FilterOp.GT),
            entry("greater than", FilterOp.GT),
            entry("higher than", FilterOp.GT),
            entry("larger than", FilterOp.GT),
            entry("bigger than", FilterOp.GT),
            entry("longer than", FilterOp.GT),
            entry("exceeding", FilterOp.GT),
            entry("exceeds", FilterOp.GT),
            entry("more expensive than", FilterOp.GT),
            entry("pricier than", FilterOp.GT),
            entry(">", FilterOp.GT),
            entry("at least", FilterOp.GTE),
            entry("no less than", FilterOp.GTE),
            entry("not less than", FilterOp.GTE),
            entry("or more", FilterOp.GTE),
            entry("or higher", FilterOp.GTE),
            entry("or greater", FilterOp.GTE),
            entry("or above", FilterOp.GTE),
            entry(">=", FilterOp.GTE),
            entry("under", FilterOp.LT),
            entry("below", FilterOp.LT),
            entry("less than", FilterOp.LT),
            entry("fewer than", FilterOp.LT),
            entry("lower than", FilterOp.LT),
            entry("smaller than", FilterOp.LT),
            entry("cheaper than", FilterOp.LT),
            entry("shorter than", FilterOp.LT),
            entry("less expensive than", FilterOp.LT),
            entry("<", FilterOp.LT),
            entry("at most", FilterOp.LTE),
            entry("no more than", FilterOp.LTE),
            entry("not more than", FilterOp.LTE),
            entry("up to", FilterOp.LTE),
            entry("or less", FilterOp.LTE),
            entry("or fewer", FilterOp.LTE),
            entry("or lower", FilterOp.LTE),
            entry("or below", FilterOp.LTE),
            entry("<=", FilterOp.LTE),
            entry("exactly", FilterOp.EQ),
            entry("equal to", FilterOp.EQ),
            entry("equals", FilterOp.EQ),
            entry("=", FilterOp.EQ),
            entry("between", FilterOp.BETWEEN),
            // A negated comparison is the other one, bound included: "not higher than 4" is <= 4.
            entry("not higher than", FilterOp.LTE),
            entry("not greater than", FilterOp.LTE),
            entry("not larger than", FilterOp.LTE),
            entry("not bigger than", FilterOp.LTE),
            entry("not above", FilterOp.LTE),
            entry("not over", FilterOp.LTE),
            entry("not exceeding", FilterOp.LTE),
            entry("not lower than", FilterOp.GTE),
            entry("not smaller than", FilterOp.GTE),
            entry("not fewer than", FilterOp.GTE),
            entry("not below", FilterOp.GTE),
            entry("not under", FilterOp.GTE),
            entry("older than", FilterOp.GT),
            entry("younger than", FilterOp.LT),
            entry("no fewer than", FilterOp.GTE)));

    /** Comparisons written after their number ("3 or more"); the others come before it ("at least 3"). */
    public static final Set<String> TRAILING_COMPARISONS =
            Set.of("or more", "or higher", "or greater", "or above", "or less", "or fewer", "or lower", "or below");

    /**
     * Superlatives both halves read the same way: the planner ranks by them ("top 5 products"), the
     * validator expects an order or MIN/MAX in the SQL. Each half adds the words only it reads (the
     * planner's rankings by date, price or frequency; the validator's "tallest", "youngest", which
     * name a measure the planner does not guess).
     */
    public static final PhraseTable<Direction> SUPERLATIVES = new PhraseTable<>(Map.ofEntries(
            entry("top", Direction.DESC),
            entry("most", Direction.DESC),
            entry("best", Direction.DESC),
            entry("highest", Direction.DESC),
            entry("largest", Direction.DESC),
            entry("biggest", Direction.DESC),
            entry("greatest", Direction.DESC),
            entry("latest", Direction.DESC),
            entry("newest", Direction.DESC),
            entry("most recent", Direction.DESC),
            entry("priciest", Direction.DESC),
            entry("longest", Direction.DESC),
            entry("heaviest", Direction.DESC),
            entry("tallest", Direction.DESC),
            entry("bottom", Direction.ASC),
            entry("least", Direction.ASC),
            entry("fewest", Direction.ASC),
            entry("worst", Direction.ASC),
            entry("lowest", Direction.ASC),
            entry("smallest", Direction.ASC),
            entry("earliest", Direction.ASC),
            entry("cheapest", Direction.ASC),
            entry("shortest", Direction.ASC),
            entry("lightest", Direction.ASC)));

    /** Negations both halves read; each adds its own (the planner contractions, the validator "no", "without"). */
    public static final Set<String> NEGATIONS =
            Set.of("not", "never", "except", "excluding", "exclude", "other than", "non", "no longer");

    /**
     * Text-match operators followed by the text ("names containing 'son'", "starting with 'J'"), each
     * with the LIKE pattern it makes of the text ({@code %s} is the text).
     */
    public static final PhraseTable<String> TEXT_MATCHES = new PhraseTable<>(Map.ofEntries(
            entry("containing", "%%%s%%"),
            entry("contains", "%%%s%%"),
            entry("contain", "%%%s%%"),
            entry("starting with", "%s%%"),
            entry("starts with", "%s%%"),
            entry("start with", "%s%%"),
            entry("beginning with", "%s%%"),
            entry("begins with", "%s%%"),
            entry("begin with", "%s%%"),
            entry("ending with", "%%%s"),
            entry("ends with", "%%%s"),
            entry("end with", "%%%s"),
            entry("named", "%s"),
            entry("called", "%s")));

    /**
     * "Not" that widens rather than excludes: "the change over the whole range, not just the intraday
     * change", "not only A but also B" ask for more, never for rows without something.
     */
    public static final Set<String> NOT_NEGATIONS = Set.of("not just", "not only", "not merely", "not simply");

    /**
     * The one-word markers that the next words are a grouping ("per month", "by region", "each
     * store"); the planner adds the phrases it reads whole ("broken down by", "for each").
     */
    public static final Set<String> GROUP_MARKERS = Set.of("per", "by", "each", "every");

    /**
     * Units of measure, singular: "per square kilometer" is a rate, not a grouping; "over 100
     * dollars" compares an amount, not dollars.
     */
    public static final Set<String> UNITS_OF_MEASURE = Set.of(
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

    /** Words that start a clause about the noun before them: "users who joined", "customers that bought". */
    public static final Set<String> RELATIVE_PRONOUNS = Set.of("who", "whose", "whom", "that", "which");

    /** Sentence openers that ask for a list of output columns: "Return the make, model and number of sales". */
    public static final Set<String> REQUEST_VERBS =
            Set.of("return", "show", "list", "give", "provide", "display", "include", "output", "retrieve");

    /** Words that end such a list: a clause about the rows, an order, a source ("that have", "for each", "in"). */
    public static final Set<String> LIST_ENDS = Set.of(
            "that",
            "who",
            "which",
            "whose",
            "where",
            "when",
            "for",
            "with",
            "without",
            "in",
            "by",
            "from",
            "ordered",
            "sorted",
            "order",
            "sort",
            "starting",
            "as",
            "to",
            "per",
            "on",
            "if",
            "based",
            "across",
            "along",
            "grouped",
            "having",
            "at",
            "than",
            "within",
            "after",
            "before",
            "during",
            "between");

    /**
     * "How many course offerings have a final exam and how many do not?": a count asked twice, the
     * second time negated — one count per value of what the first asks about. Both the planner and
     * the validator read it through this.
     *
     * @param words the question's words, lower-case, in order
     * @return the position of the negation in the second count, or -1 when the question is not one
     */
    public static int bothWaysNegation(List<String> words) {
        int counts = 0;
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("how") && words.get(i + 1).equals("many") && ++counts == 2) {
                for (int k = i + 2; k < Math.min(words.size(), i + 5); k++) {
                    if (words.get(k).equals("not") || words.get(k).endsWith("n't")) {
                        return k;
                    }
                }
            }
        }
        return -1;
    }

    /** Past participles that do not end in "-ed": "written by", "taken by". */
    private static final Set<String> IRREGULAR_PARTICIPLES = Set.of(
            "written", "taken", "given", "made", "done", "held", "won", "sold", "bought", "taught", "led", "run",
            "built", "paid", "sent", "spent", "seen", "known", "shown", "grown", "drawn", "driven", "chosen", "brought",
            "caught", "found", "kept", "left", "lost", "met", "read", "told", "thought", "hit", "set", "put", "owned",
            "eaten", "flown", "ridden", "sung", "begun", "broken", "spoken", "stolen", "worn");

    /** Verbs whose "by" does group: "grouped by", "broken down by". */
    private static final Set<String> GROUPING_VERBS = Set.of(
            "grouped",
            "categorized",
            "categorised",
            "segmented",
            "partitioned",
            "aggregated",
            "summarized",
            "summarised",
            "bucketed",
            "split",
            "broken",
            "divided",
            "classified",
            "organized",
            "organised");

    /**
     * "written by", "taken by", "earned by": after a past participle, "by" names who did it, not a
     * grouping. Verbs of grouping ("grouped by", "broken down by") still group. Both the planner and
     * the validator read "by" through this.
     */
    public static boolean agentBy(String before) {
        if (GROUPING_VERBS.contains(before)) {
            return false;
        }
        return isParticiple(before);
    }

    /** Verbs of method: "by doing a left join", "by using the sales table" says how, not by what to group. */
    private static final Set<String> MEANS_GERUNDS = Set.of(
            "doing",
            "using",
            "joining",
            "taking",
            "looking",
            "applying",
            "considering",
            "comparing",
            "matching",
            "calculating",
            "computing",
            "checking",
            "performing",
            "filtering");

    /** Whether a "by" followed by {@code after} says how something is done ("by doing a join"), not a grouping. */
    public static boolean meansBy(String after) {
        return MEANS_GERUNDS.contains(after);
    }

    /** A past participle: a word ending in "-ed" (longer than four letters) or an irregular one ("taken"). */
    public static boolean isParticiple(String word) {
        return IRREGULAR_PARTICIPLES.contains(word) || (word.length() > 4 && word.endsWith("ed"));
    }

    /** Time grains named as nouns ("per month", "by year"). */
    public static final Map<String, TimeGrain> GRAIN_NOUNS = Map.ofEntries(
            entry("day", TimeGrain.DAY),
            entry("days", TimeGrain.DAY),
            entry("week", TimeGrain.WEEK),
            entry("weeks", TimeGrain.WEEK),
            entry("month", TimeGrain.MONTH),
            entry("months", TimeGrain.MONTH),
            entry("quarter", TimeGrain.QUARTER),
            entry("quarters", TimeGrain.QUARTER),
            entry("year", TimeGrain.YEAR),
            entry("years", TimeGrain.YEAR));

    /** Time grains named as adjectives ("monthly revenue", "annual totals"). */
    public static final Map<String, TimeGrain> GRAIN_ADJECTIVES = Map.of(
            "daily", TimeGrain.DAY,
            "weekly", TimeGrain.WEEK,
            "monthly", TimeGrain.MONTH,
            "quarterly", TimeGrain.QUARTER,
            "yearly", TimeGrain.YEAR,
            "annual", TimeGrain.YEAR,
            "annually", TimeGrain.YEAR);

    public static final PhraseTable<Direction> DIRECTIONS = new PhraseTable<>(Map.ofEntries(
            entry("ascending", Direction.ASC),
            entry("asc", Direction.ASC),
            entry("increasing", Direction.ASC),
            entry("alphabetically", Direction.ASC),
            entry("alphabetical", Direction.ASC),
            entry("lowest first", Direction.ASC),
            entry("smallest first", Direction.ASC),
            entry("oldest first", Direction.ASC),
            entry("from lowest to highest", Direction.ASC),
            entry("lowest to highest", Direction.ASC),
            entry("from smallest to largest", Direction.ASC),
            entry("smallest to largest", Direction.ASC),
            entry("from least to most", Direction.ASC),
            entry("least to most", Direction.ASC),
            entry("from low to high", Direction.ASC),
            entry("low to high", Direction.ASC),
            entry("from shortest to longest", Direction.ASC),
            entry("shortest to longest", Direction.ASC),
            entry("from oldest to newest", Direction.ASC),
            entry("oldest to newest", Direction.ASC),
            entry("from earliest to latest", Direction.ASC),
            entry("earliest to latest", Direction.ASC),
            entry("from cheapest to most expensive", Direction.ASC),
            entry("earliest first", Direction.ASC),
            entry("fewest first", Direction.ASC),
            entry("least first", Direction.ASC),
            entry("in ascending order", Direction.ASC),
            entry("in increasing order", Direction.ASC),
            entry("in alphabetical order", Direction.ASC),
            entry("a to z", Direction.ASC),
            entry("descending", Direction.DESC),
            entry("desc", Direction.DESC),
            entry("decreasing", Direction.DESC),
            entry("reverse", Direction.DESC),
            entry("highest first", Direction.DESC),
            entry("largest first", Direction.DESC),
            entry("newest first", Direction.DESC),
            entry("most recent first", Direction.DESC),
            entry("from highest to lowest", Direction.DESC),
            entry("highest to lowest", Direction.DESC),
            entry("from largest to smallest", Direction.DESC),
            entry("largest to smallest", Direction.DESC),
            entry("from biggest to smallest", Direction.DESC),
            entry("biggest to smallest", Direction.DESC),
            entry("from most to least", Direction.DESC),
            entry("most to least", Direction.DESC),
            entry("from high to low", Direction.DESC),
            entry("high to low", Direction.DESC),
            entry("from longest to shortest", Direction.DESC),
            entry("longest to shortest", Direction.DESC),
            entry("from newest to oldest", Direction.DESC),
            entry("newest to oldest", Direction.DESC),
            entry("from latest to earliest", Direction.DESC),
            entry("latest to earliest", Direction.DESC),
            entry("from most recent to oldest", Direction.DESC),
            entry("from most expensive to cheapest", Direction.DESC),
            entry("latest first", Direction.DESC),
            entry("biggest first", Direction.DESC),
            entry("most first", Direction.DESC),
            entry("in descending order", Direction.DESC),
            entry("in decreasing order", Direction.DESC),
            entry("in reverse order", Direction.DESC),
            entry("reverse alphabetical", Direction.DESC),
            entry("reverse alphabetically", Direction.DESC),
            entry("in reverse alphabetical order", Direction.DESC),
            entry("z to a", Direction.DESC),
            entry("greatest to least", Direction.DESC),
            entry("best to worst", Direction.DESC),
            entry("most to fewest", Direction.DESC),
            entry("worst to best", Direction.ASC),
            entry("fewest to most", Direction.ASC)));

    public static final PhraseTable<Boolean> DISTINCT =
            new PhraseTable<>(Map.ofEntries(entry("distinct", true), entry("unique", true), entry("different", true)));

    private Phrases() {}
}
