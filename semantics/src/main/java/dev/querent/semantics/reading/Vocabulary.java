package dev.querent.semantics.reading;

import static java.util.Map.entry;

import dev.querent.semantics.QueryPlan.Aggregate;
import dev.querent.semantics.QueryPlan.Direction;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.PhraseTable;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.StopWords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule tables of the offline planner: which words mean what. Kept as data so that adding a
 * phrasing is a one-line change.
 */
public final class Vocabulary {

    /** What a superlative ranks by when the question does not say: a date, a price, or the next words. */
    enum RankKey {
        NEXT,
        DATE,
        PRICE
    }

    /**
     * @param extreme whether, with nothing to rank, the word asks for a MIN/MAX ("the highest price")
     */
    record RankWord(Direction direction, RankKey key, boolean extreme) {}

    enum Cue {
        /** "instead", "rather": replace what the previous plan had. */
        REPLACE,
        /** "also", "too", "as well": add to the previous plan. */
        ADD,
        /** Opens a follow-up ("now", "what about", "only"). */
        START
    }

    enum Removal {
        DATES,
        LIMIT,
        /** "remove the status filter": the filters on the columns named next. */
        NAMED
    }

    static final PhraseTable<Aggregate> AGGREGATES = Phrases.AGGREGATES;

    /** Markers that the next words are a grouping dimension. */
    static final PhraseTable<Boolean> GROUP_MARKERS = new PhraseTable<>(marked(Stream.concat(
            Phrases.GROUP_MARKERS.stream(),
            Stream.of(
                    "for each",
                    "for every",
                    "in each",
                    "grouped by",
                    "group by",
                    "broken down by",
                    "breakdown by",
                    "split by",
                    "by each"))));

    /** Phrases that are markers: each stands for itself. */
    private static Map<String, Boolean> marked(Stream<String> phrases) {
        Map<String, Boolean> m = new HashMap<>();
        phrases.forEach(p -> m.put(p, true));
        return m;
    }

    static final PhraseTable<TimeGrain> GRAINS =
            new PhraseTable<>(union(Phrases.GRAIN_NOUNS, Phrases.GRAIN_ADJECTIVES));

    /** Superlatives whose ranking key the planner knows besides the next measure: a date, a price. */
    private static final Map<String, RankKey> RANK_KEYS = Map.ofEntries(
            entry("most recent", RankKey.DATE),
            entry("most recently", RankKey.DATE),
            entry("latest", RankKey.DATE),
            entry("newest", RankKey.DATE),
            entry("last", RankKey.DATE),
            entry("oldest", RankKey.DATE),
            entry("earliest", RankKey.DATE),
            entry("first", RankKey.DATE),
            entry("cheapest", RankKey.PRICE),
            entry("least expensive", RankKey.PRICE),
            entry("most expensive", RankKey.PRICE),
            entry("priciest", RankKey.PRICE),
            entry("costliest", RankKey.PRICE));

    /** Superlative adjectives of a measure ("highest revenue"), as opposed to rank words ("top", "most"). */
    private static final Set<String> EXTREMES =
            Set.of("highest", "largest", "biggest", "greatest", "lowest", "smallest");

    /** Rank phrases only the planner reads: frequency, sales and the dates and prices it ranks by. */
    private static final Map<String, Direction> OWN_RANKS = Map.ofEntries(
            entry("most common", Direction.DESC),
            entry("most frequent", Direction.DESC),
            entry("most popular", Direction.DESC),
            entry("least common", Direction.ASC),
            entry("best selling", Direction.DESC),
            entry("top selling", Direction.DESC),
            entry("most recently", Direction.DESC),
            entry("last", Direction.DESC),
            entry("oldest", Direction.ASC),
            entry("first", Direction.ASC),
            entry("least expensive", Direction.ASC),
            entry("most expensive", Direction.DESC),
            entry("costliest", Direction.DESC));

    static final PhraseTable<RankWord> RANKS = new PhraseTable<>(rankWords());

    private static Map<String, RankWord> rankWords() {
        Map<String, RankWord> m = new HashMap<>();
        union(Phrases.SUPERLATIVES.phrases(), OWN_RANKS)
                .forEach((p, dir) ->
                        m.put(p, new RankWord(dir, RANK_KEYS.getOrDefault(p, RankKey.NEXT), EXTREMES.contains(p))));
        return m;
    }

    private static <T> Map<String, T> union(Map<String, T> a, Map<String, T> b) {
        Map<String, T> m = new HashMap<>(a);
        m.putAll(b);
        return m;
    }

    static final PhraseTable<FilterOp> COMPARISONS = Phrases.COMPARISONS;

    /** Comparison words that are ordinary prepositions when no number follows ("over time"). */
    static final Set<String> LOOSE_COMPARISONS =
            Set.of("over", "under", "up to", "equals", "equal to", "=", "<", ">", "<=", ">=", "exactly");

    /** Comparisons written after their number ("3 or more"). */
    static final Set<String> TRAILING_COMPARISONS = Phrases.TRAILING_COMPARISONS;

    static final PhraseTable<Direction> DIRECTIONS = Phrases.DIRECTIONS;

    static final PhraseTable<Boolean> SORT_MARKERS = new PhraseTable<>(Map.ofEntries(
            entry("sorted by", true),
            entry("sort by", true),
            entry("ordered by", true),
            entry("order by", true),
            entry("ranked by", true),
            entry("rank by", true),
            entry("sorted", true),
            entry("sort", true),
            entry("sort it", true),
            entry("order them", true),
            entry("sort them", true)));

    /** "Not just", "not only": a "not" that asks for more, read before the negations so it is none. */
    static final PhraseTable<Boolean> NOT_NEGATIONS = new PhraseTable<>(marked(Phrases.NOT_NEGATIONS.stream()));

    /** The shared negations and the contractions the tokenizer splits off ("isn't" → "isn"). */
    static final PhraseTable<Boolean> NEGATIONS = new PhraseTable<>(negations());

    private static Map<String, Boolean> negations() {
        return marked(Stream.concat(
                Phrases.NEGATIONS.stream(),
                Stream.of("except for", "isn", "aren", "wasn", "weren", "don", "doesn", "didn")));
    }

    /** Words asking to see rows rather than a number. */
    static final PhraseTable<Boolean> LIST_VERBS = new PhraseTable<>(Map.ofEntries(
            entry("list", true),
            entry("show", true),
            entry("show me", true),
            entry("display", true),
            entry("give me", true),
            entry("get", true),
            entry("find", true),
            entry("return", true),
            entry("fetch", true),
            entry("which", true),
            entry("what are", true),
            entry("who are", true),
            entry("who", true)));

    static final PhraseTable<Boolean> DISTINCT = Phrases.DISTINCT;

    /** Text-match operators followed by the text ("names containing 'son'"). */
    static final PhraseTable<String> TEXT_MATCH = Phrases.TEXT_MATCHES;

    /** What may stand between a text-match operator and its text: "starting with the letter 'J'". */
    static final Set<String> TEXT_MATCH_FILLERS =
            Set.of("letter", "letters", "word", "words", "prefix", "suffix", "string", "text", "characters");

    static final PhraseTable<Cue> CUES = new PhraseTable<>(Map.ofEntries(
            entry("instead", Cue.REPLACE),
            entry("rather", Cue.REPLACE),
            entry("switch to", Cue.REPLACE),
            entry("change to", Cue.REPLACE),
            entry("also", Cue.ADD),
            entry("too", Cue.ADD),
            entry("as well", Cue.ADD),
            entry("plus", Cue.ADD),
            entry("additionally", Cue.ADD),
            entry("now", Cue.START),
            entry("only", Cue.START),
            entry("just", Cue.START),
            entry("what about", Cue.START),
            entry("how about", Cue.START),
            entry("what if", Cue.START),
            entry("same", Cue.START),
            entry("same but", Cue.START),
            entry("but", Cue.START),
            entry("then", Cue.START),
            entry("ok", Cue.START),
            entry("okay", Cue.START),
            entry("and", Cue.START),
            entry("ones", Cue.START),
            entry("those", Cue.START),
            entry("them", Cue.START),
            entry("again", Cue.START)));

    static final PhraseTable<Removal> REMOVALS = new PhraseTable<>(Map.ofEntries(
            entry("all time", Removal.DATES),
            entry("all years", Removal.DATES),
            entry("any time", Removal.DATES),
            entry("every year", Removal.DATES),
            entry("no date filter", Removal.DATES),
            entry("without the date filter", Removal.DATES),
            entry("remove the date filter", Removal.DATES),
            entry("no limit", Removal.LIMIT),
            entry("without limit", Removal.LIMIT),
            entry("remove the limit", Removal.LIMIT),
            entry("all of them", Removal.LIMIT),
            entry("all rows", Removal.LIMIT),
            entry("remove", Removal.NAMED),
            entry("drop", Removal.NAMED),
            entry("clear", Removal.NAMED),
            entry("without the", Removal.NAMED)));

    /**
     * Computations a plan cannot express (ratios, differences, nested aggregates, anti-joins):
     * questions asking for them are better refused than answered wrongly.
     */
    static final PhraseTable<String> UNSUPPORTED = new PhraseTable<>(Map.ofEntries(
            entry("percentage", "percentages"),
            entry("percent", "percentages"),
            entry("%", "percentages"),
            entry("share", "shares of a total"),
            entry("ratio", "ratios"),
            entry("rate", "rates"),
            entry("proportion", "proportions"),
            entry("fraction", "fractions"),
            entry("median", "medians"),
            entry("percentile", "percentiles"),
            entry("growth", "growth between periods"),
            entry("grew", "growth between periods"),
            entry("change", "changes between periods"),
            entry("increase", "changes between periods"),
            entry("increases", "changes between periods"),
            entry("increased", "changes between periods"),
            entry("decrease", "changes between periods"),
            entry("decreases", "changes between periods"),
            entry("decreased", "changes between periods"),
            entry("same day", "comparisons of two dates of a row"),
            entry("same week", "comparisons of two dates of a row"),
            entry("same month", "comparisons of two dates of a row"),
            entry("same quarter", "comparisons of two dates of a row"),
            entry("same year", "comparisons of two dates of a row"),
            entry("same date", "comparisons of two dates of a row"),
            entry("weekend", "days of the week"),
            entry("weekends", "days of the week"),
            entry("weekday", "days of the week"),
            entry("weekdays", "days of the week"),
            entry("rank", "rankings"),
            entry("ranks", "rankings"),
            entry("ranking", "rankings"),
            entry("difference", "differences"),
            entry("compared", "comparisons"),
            entry("compare", "comparisons"),
            entry("versus", "comparisons"),
            entry("vs", "comparisons"),
            entry("divided", "divisions"),
            entry("utilization", "ratios"),
            entry("margin", "margins"),
            entry("profit", "profits"),
            entry("cumulative", "running totals"),
            entry("running total", "running totals"),
            entry("moving average", "moving averages"),
            entry("year over year", "growth between periods"),
            entry("either", "alternatives across tables"),
            entry("never", "rows that have no match"),
            entry("out of stock", "stock checks"),
            entry("how many of these", "a second count within the rows counted first"),
            entry("how many of those", "a second count within the rows counted first"),
            entry("out of these", "a second count within the rows counted first"),
            entry("out of those", "a second count within the rows counted first"),
            entry("per capita", "ratios")));

    /** "limit 10", "limited to 10": the number follows. */
    static final PhraseTable<Boolean> LIMITS = new PhraseTable<>(Map.ofEntries(
            entry("limit", true), entry("limit to", true), entry("limited to", true), entry("limit it to", true)));

    /** Nouns after a number that make it a row limit ("5 rows"). */
    static final Set<String> ROW_NOUNS = set("row", "result", "record", "entry", "line");

    /** Words that open a follow-up when they start the question. */
    public static final Set<String> FOLLOW_UP_OPENERS = set(
            "now",
            "only",
            "just",
            "and",
            "also",
            "instead",
            "same",
            "but",
            "then",
            "ok",
            "okay",
            "plus",
            "remove",
            "drop",
            "exclude",
            "without",
            "sort",
            "order",
            "limit",
            "top",
            "bottom",
            "make",
            "change",
            "switch",
            "break",
            "group",
            "by",
            "per",
            "for",
            "in",
            "from",
            "excluding",
            "include",
            "ascending",
            "descending",
            "reverse",
            "except");

    /** Words that make any short question a follow-up. */
    public static final Set<String> FOLLOW_UP_MARKERS = set("instead", "ones", "those", "them", "too", "rather");

    /**
     * Measure nouns and the column names that carry them, best first. A noun is matched against
     * numeric column names containing one of these words.
     */
    static final Map<String, List<String>> MEASURE_NOUNS = Map.ofEntries(
            entry(
                    "revenue",
                    List.of("revenue", "sales", "line_total", "total_amount", "amount", "total", "subtotal", "fee")),
            entry("sale", List.of("sales", "revenue", "line_total", "total_amount", "amount", "total")),
            entry("turnover", List.of("revenue", "sales", "amount", "total")),
            entry("income", List.of("income", "revenue", "amount", "total")),
            entry("earning", List.of("earnings", "revenue", "income", "amount")),
            entry("value", List.of("value", "total_amount", "amount", "total", "line_total")),
            entry("spend", List.of("spend", "total_amount", "amount", "total")),
            entry("spending", List.of("spend", "total_amount", "amount", "total")),
            entry("spent", List.of("spend", "total_amount", "amount", "total")),
            entry("money", List.of("amount", "total_amount", "total")),
            entry("cost", List.of("cost", "price", "amount")),
            entry("price", List.of("price", "unit_price", "list_price")),
            entry("priced", List.of("price", "unit_price", "list_price")),
            entry("amount", List.of("amount", "total_amount", "total")),
            entry("size", List.of("size", "quantity", "amount")),
            entry("quantity", List.of("quantity", "qty", "units")),
            entry("unit", List.of("quantity", "units", "qty")),
            entry("sold", List.of("quantity", "qty", "units")),
            entry("volume", List.of("quantity", "volume", "amount")),
            entry("salary", List.of("salary", "pay", "wage")),
            entry("balance", List.of("balance")),
            entry("stock", List.of("stock", "inventory", "quantity")),
            entry("length", List.of("length", "duration", "milliseconds", "seconds", "minutes")),
            entry("duration", List.of("duration", "length", "milliseconds", "seconds", "minutes", "days")));

    /** Column words of additive amounts; other numeric columns (prices, rates) average by default. */
    public static final List<String> ADDITIVE_WORDS = List.of(
            "amount",
            "total",
            "revenue",
            "sales",
            "quantity",
            "qty",
            "units",
            "cost",
            "spend",
            "income",
            "balance",
            "count",
            "stock",
            "volume",
            "line");

    /** Column words that make a good label for a table's rows, best first. */
    static final List<String> LABEL_WORDS =
            List.of("name", "full_name", "title", "label", "display_name", "company_name", "username");

    /** Column words of the location columns that a capitalised place name most likely belongs to. */
    static final List<String> PLACE_WORDS = List.of("city", "country", "region", "state", "location");

    /** Column-name words that make a date the "main" one of its table, or rule it out. */
    static final Map<String, Integer> DATE_COLUMN_HINTS = Map.ofEntries(
            entry("date", 2),
            entry("created", 1),
            entry("placed", 1),
            entry("signup", 1),
            entry("registered", 1),
            entry("opened", 1),
            entry("issue", 1),
            entry("issued", 1),
            entry("transaction", 1),
            entry("txn", 1),
            entry("start", 1),
            entry("updated", -3),
            entry("modified", -3),
            entry("deleted", -3),
            entry("birth", -3),
            entry("dob", -3),
            entry("due", -2),
            entry("end", -2),
            entry("expiry", -2),
            entry("expires", -2),
            entry("closed", -2));

    /** Words that carry no content: they neither help nor hurt understanding. */
    static final Set<String> STOPWORDS = StopWords.QUESTION;

    private Vocabulary() {}

    private static Set<String> set(String... words) {
        return Set.copyOf(List.of(words));
    }

    static boolean isStopword(String lower) {
        return STOPWORDS.contains(lower);
    }
}
