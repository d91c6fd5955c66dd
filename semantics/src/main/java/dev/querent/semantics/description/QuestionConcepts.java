package dev.querent.semantics.description;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import dev.querent.semantics.QueryPlan;
import dev.querent.semantics.SqlBackTranslator;
import dev.querent.semantics.lexicon.Months;
import dev.querent.semantics.lexicon.NumberWords;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.reading.DatePhrases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts from a question the same kinds of concept {@link SqlBackTranslator} extracts from SQL,
 * so the two can be compared.
 */
public final class QuestionConcepts {
    private QuestionConcepts() {}

    /**
     * @param concepts what the question asks for, in the order found
     * @param stems the stem of every word in the question, for checking that a SQL restriction was asked for
     * @param numbers every number in the question, normalised, including years and spelled-out numbers
     * @param optional what a definition in the question mentions, or what the question may mean without
     *     requiring it (a letter grade "A"): the SQL may show it, need not
     * @param counted the stems of the nouns the question counts ("how many stops", "the number of credits"),
     *     which a column may already hold
     * @param bounds for each bound on a whole number ("at least 3", "2 or more", "at most 5", "over
     *     19"), the ways SQL may write it right, operator and number as a {@link ConceptKind#BOUND} of the
     *     SQL reads — as the question words it ({@code gte 3}), then the other way ({@code gt 2}; for the
     *     others {@code gt 1}, {@code lt 6}, {@code gte 20}) — to the question's number
     * @param bothWays whether the question counts both ways ("how many have a final exam and how many
     *     do not")
     * @param requested the stems of the attributes the question asks to be shown ("the names and areas
     *     of the lakes", "and their population", "Return the doctor IDs, first names and last names"),
     *     columns the result should have; an attribute met by any of several words lists them with
     *     {@link #ALTERNATIVE} between them
     */
    public record Analysis(
            Set<Concept> concepts,
            Set<String> stems,
            Set<String> numbers,
            Set<Concept> optional,
            Set<String> counted,
            Map<String, String> bounds,
            boolean bothWays,
            Set<String> requested) {
        Analysis(Set<Concept> concepts, Set<String> stems, Set<String> numbers) {
            this(concepts, stems, numbers, Set.of(), Set.of(), Map.of(), false, Set.of());
        }

        Analysis(Set<Concept> concepts, Set<String> stems, Set<String> numbers, Set<Concept> optional) {
            this(concepts, stems, numbers, optional, Set.of(), Map.of(), false, Set.of());
        }

        /** What the question asks for or defines: a restriction the SQL applies is asked for if it is here. */
        public Set<Concept> mentioned() {
            if (optional.isEmpty()) {
                return concepts;
            }
            Set<Concept> all = new LinkedHashSet<>(concepts);
            all.addAll(optional);
            return all;
        }
    }

    /**
     * A clause that defines rather than asks ("female refers to gender = 'F'", "percentage =
     * DIVIDE(a, b) * 100", "Year 2012 can be represented as ..."): a hint to whoever writes the SQL.
     */
    private static final Pattern DEFINITION = Pattern.compile(
            "(?i)\\b(refers? to|(re)?present(s|ed)? as|represent(s|ed)?|means|stands? for|denotes?)\\b|=");

    private static final Pattern CLAUSE_END = Pattern.compile("(?<=[.?!;])\\s+");

    /** A calendar date written in the question ("2012/8/23", "2019-09-14"); the SQL side reads its year. */
    private static final Pattern DATE = Pattern.compile(
            "\\b((?:19|20)\\d\\d)[/-]\\d{1,2}[/-]\\d{1,2}\\b|\\b\\d{1,2}/\\d{1,2}/((?:19|20)\\d\\d)\\b");

    /** A time of day ("21:20:00"): its parts are not separate values. */
    private static final Pattern TIME = Pattern.compile("\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b");

    /**
     * Splits definitions off the question: what they mention may justify the SQL, but the SQL need
     * not show all of it (a formula's "* 100", a format the hint describes).
     */
    public static Analysis analyse(String question, SchemaLabels schema) {
        String q = question == null ? "" : question;
        StringBuilder asked = new StringBuilder();
        StringBuilder defined = new StringBuilder();
        for (String clause : CLAUSE_END.split(q)) {
            // Hints follow the question: once one clause defines, the rest explain too.
            boolean definition =
                    !defined.isEmpty() || DEFINITION.matcher(clause).find();
            (definition ? defined : asked).append(clause).append(' ');
        }
        if (defined.isEmpty() || asked.toString().isBlank()) {
            return analyseText(q, schema);
        }
        return withHints(
                analyseText(asked.toString().strip(), schema),
                analyseText(defined.toString().strip(), schema));
    }

    /**
     * As {@link #analyse(String, SchemaLabels)}, with {@code hints} — instructions that come with the
     * question ("Only count successful transactions", "Truncate date to month for aggregation") —
     * read as definitions: a restriction or breakdown they mention may justify the SQL, and the SQL
     * need not show it. Instructions speak of the whole database rather than of this question, so an
     * aggregate, ranking, order or row limit they mention ("the rating of a business is its average
     * rating") justifies nothing; a definition written into the question itself does.
     */
    public static Analysis analyse(String question, String hints, SchemaLabels schema) {
        Analysis main = analyse(question, schema);
        if (hints == null || hints.isBlank()) {
            return main;
        }
        Analysis read = analyseText(hints.strip(), schema);
        Set<Concept> justifying = new LinkedHashSet<>();
        for (Concept c : read.concepts()) {
            if (!NOT_FROM_HINTS.contains(c.kind())) {
                justifying.add(c);
            }
        }
        return withHints(
                main,
                new Analysis(
                        justifying,
                        read.stems(),
                        read.numbers(),
                        read.optional(),
                        read.counted(),
                        read.bounds(),
                        read.bothWays(),
                        read.requested()));
    }

    private static final Set<ConceptKind> NOT_FROM_HINTS =
            Set.of(ConceptKind.AGG, ConceptKind.RANK, ConceptKind.ORDER, ConceptKind.LIMIT);

    private static Analysis withHints(Analysis main, Analysis hints) {
        Set<String> stems = new LinkedHashSet<>(main.stems());
        stems.addAll(hints.stems());
        Set<String> numbers = new LinkedHashSet<>(main.numbers());
        numbers.addAll(hints.numbers());
        Set<Concept> optional = new LinkedHashSet<>(hints.concepts());
        optional.addAll(main.optional());
        optional.addAll(hints.optional());
        optional.removeAll(main.concepts());
        Set<String> counted = new LinkedHashSet<>(main.counted());
        counted.addAll(hints.counted());
        Map<String, String> bounds = new LinkedHashMap<>(hints.bounds());
        bounds.putAll(main.bounds());
        return new Analysis(
                main.concepts(), stems, numbers, optional, counted, bounds, main.bothWays(), main.requested());
    }

    /** Quotes that are not apostrophes: a quote not glued to a letter on its outer side. */
    private static final Pattern QUOTED =
            Pattern.compile("(?<![A-Za-z0-9])'([^']+)'(?![A-Za-z0-9])|\"([^\"]+)\"|\u201c([^\u201d]+)\u201d");

    private static final Pattern TOKEN = Pattern.compile(
            "\\b[Qq][1-4]\\b|[A-Za-z]+\\d[A-Za-z0-9_]*|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?"
                    + "|[A-Za-z]+(?:'[A-Za-z]+)?");

    /** "Q1": the SQL side reads quarters as date ranges whose years carry the meaning, so this is skipped. */
    private static final Pattern QUARTER = Pattern.compile("q[1-4]");

    /** Words after "per" or "by" taken as naming the grouping. */
    private static final int MAX_GROUP_WORDS = 2;

    private static final Pattern SENTENCE_END = Pattern.compile("[.?!:;]\\s*$");

    private record Token(String text, String lower, String stem, int start, boolean sentenceStart) {
        boolean capitalised() {
            return Character.isUpperCase(text.charAt(0));
        }

        boolean digits() {
            return Character.isDigit(text.charAt(0));
        }
    }

    private static Analysis analyseText(String q, SchemaLabels schema) {
        Set<Concept> concepts = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();

        List<Token> tokens = tokenise(q);
        boolean[] used = new boolean[tokens.size()];
        Matcher quoted = QUOTED.matcher(q);
        while (quoted.find()) {
            String v = firstNonNull(quoted.group(1), quoted.group(2), quoted.group(3))
                    .strip();
            if (!v.isEmpty()) {
                concepts.add(ConceptKind.VALUE.of(v.toLowerCase(Locale.ROOT)));
            }
            // A quoted value is one value; its words must not also count as names or superlatives.
            for (int i = 0; i < tokens.size(); i++) {
                used[i] |=
                        tokens.get(i).start() >= quoted.start() && tokens.get(i).start() < quoted.end();
            }
        }

        Matcher date = DATE.matcher(q);
        while (date.find()) {
            concepts.add(ConceptKind.YEAR.of(date.group(1) != null ? date.group(1) : date.group(2)));
            markUsed(tokens, used, date.start(), date.end());
        }
        Matcher time = TIME.matcher(q);
        while (time.find()) {
            markUsed(tokens, used, time.start(), time.end());
        }
        Set<Concept> writtenMonths = datePhrases(q, tokens, used, concepts);

        Set<String> stems = new LinkedHashSet<>();
        for (Token t : tokens) {
            stems.add(t.stem());
            String n = number(t);
            if (n != null) {
                numbers.add(n);
            }
        }

        // "a hundred thousand" is also 100000; its parts are numbers on their own already
        numbers.addAll(NumberWords.scaledNumbers(q));
        // "both" asks for two of something ("in both domains": HAVING COUNT(DISTINCT ...) = 2).
        if (stems.contains("both")) {
            numbers.add("2");
        }
        Set<Concept> optional = letters(tokens);
        optional.addAll(writtenMonths);
        Set<String> requested = requested(q, tokens, used.clone(), schema);
        Set<String> counted = countedNouns(tokens);

        weekParts(tokens, used, concepts);
        formulaNames(q, tokens, used);
        linkSampleValues(q, tokens, used, schema, concepts);
        limitsAndPeriods(tokens, used, concepts);
        formats(tokens, used);
        wholeSets(tokens, used);
        phrases(tokens, used, concepts);
        comparatives(tokens, used, concepts);
        markers(q, tokens, used, concepts);
        remaining(q, tokens, used, schema, concepts);
        optional.removeAll(concepts);
        return new Analysis(
                concepts,
                stems,
                numbers,
                optional,
                counted,
                bounds(tokens),
                Phrases.bothWaysNegation(tokens.stream().map(Token::lower).toList()) >= 0,
                requested);
    }

    /**
     * "on weekends", "on weekdays" restrict to a set of days: a value the SQL spells as day names
     * ("day IN ('Saturday', 'Sunday')").
     */
    private static void weekParts(List<Token> tokens, boolean[] used, Set<Concept> concepts) {
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i).lower();
            if (!used[i]
                    && (w.equals("weekend") || w.equals("weekends") || w.equals("weekday") || w.equals("weekdays"))) {
                concepts.add(ConceptKind.VALUE.of(w.startsWith("weekend") ? "weekend" : "weekday"));
                used[i] = true;
            }
        }
    }

    /**
     * The ways SQL writes a bound on the whole number {@code n} right, as a {@link ConceptKind#BOUND} of the
     * SQL reads: as the question words it, then the other way — "over 19" is {@code > 19} or {@code >= 20},
     * "at least 3" {@code >= 3} or {@code > 2}, "under 70" {@code < 70} or {@code <= 69}, "at most 5" {@code
     * <= 5} or {@code < 6}; a negated phrase is the comparison it stands for ("not more than 5" is "at most
     * 5"). Empty for other comparisons.
     */
    private static List<String> forms(QueryPlan.FilterOp op, long n) {
        return switch (op) {
            case GT -> List.of("gt " + n, "gte " + (n + 1));
            case GTE -> List.of("gte " + n, "gt " + (n - 1));
            case LT -> List.of("lt " + n, "lte " + (n - 1));
            case LTE -> List.of("lte " + n, "lt " + (n + 1));
            default -> List.of();
        };
    }

    /** The longest comparison written right before token {@code i} ("at least" 3), or null. */
    private static QueryPlan.FilterOp comparisonBefore(List<Token> tokens, int i) {
        for (int len = Math.min(MAX_COMPARISON_WORDS, i); len >= 1; len--) {
            String phrase = joinLower(tokens, i - len, len);
            QueryPlan.FilterOp op = Phrases.COMPARISONS.phrases().get(phrase);
            if (op != null && !Phrases.TRAILING_COMPARISONS.contains(phrase)) {
                return op;
            }
        }
        return null;
    }

    /** The comparison written right after token {@code i} ("3" or more), or null. */
    private static QueryPlan.FilterOp comparisonAfter(List<Token> tokens, int i) {
        for (int len = Math.min(MAX_COMPARISON_WORDS, tokens.size() - i - 1); len >= 1; len--) {
            String phrase = joinLower(tokens, i + 1, len);
            if (Phrases.TRAILING_COMPARISONS.contains(phrase)) {
                return Phrases.COMPARISONS.phrases().get(phrase);
            }
        }
        return null;
    }

    /** The longest comparison phrase of the lexicon ("not more expensive than" would be four words). */
    private static final int MAX_COMPARISON_WORDS = 4;

    /**
     * Each bound the question sets on a whole number, in the {@link #forms} SQL may write it right, to the
     * number: "at least 3" is {@code >= 3} or {@code > 2}; "over 19" {@code > 19} or {@code >= 20}, never
     * {@code > 20}.
     */
    private static Map<String, String> bounds(List<Token> tokens) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String n = t.digits() || Vocabulary.NUMBER_WORDS.containsKey(t.lower()) ? number(t) : null;
            if (n == null || n.contains(".") || n.length() > 9) {
                continue;
            }
            QueryPlan.FilterOp op = comparisonBefore(tokens, i);
            op = op == null ? comparisonAfter(tokens, i) : op;
            if (op != null) {
                forms(op, Long.parseLong(n)).forEach(form -> out.putIfAbsent(form, n));
            }
        }
        return out;
    }

    /**
     * A capital letter standing alone mid-sentence ("a grade of A or C", "category B") is a code the
     * SQL may filter on; it is not required, since "A" also starts sentences and titles.
     */
    private static Set<Concept> letters(List<Token> tokens) {
        Set<Concept> out = new LinkedHashSet<>();
        for (Token t : tokens) {
            if (t.text().length() == 1
                    && Character.isUpperCase(t.text().charAt(0))
                    && !t.sentenceStart()
                    && !t.text().equals("I")) {
                out.add(ConceptKind.VALUE.of(t.lower()));
            }
        }
        return out;
    }

    /** Words that name something computed, not a column to show ("the number of", "the ratio of"). */
    private static final Set<String> COMPUTED_WORDS = Set.of(
            "number",
            "count",
            "total",
            "sum",
            "average",
            "mean",
            "ratio",
            "percentage",
            "percent",
            "proportion",
            "difference",
            "share",
            "majority",
            "rest",
            "list",
            "most",
            "all",
            "each",
            "one",
            "some",
            "any",
            "top",
            "maximum",
            "minimum",
            "highest",
            "lowest",
            "result",
            "results",
            "details",
            "information",
            "info");

    private static final Set<String> OWNERS = Set.of("the", "their", "its", "his", "her");

    /**
     * Words before "the X of" that make it a request to show X: "what is the name of", "give the names
     * of", "list the titles and years of". Elsewhere ("located in the state of", "who is the owner of",
     * "the translation of the name of", "'MU 215' is the location of") it names a filter or a thing.
     */
    private static final Set<String> REQUEST_VERBS = Set.of(
            "give",
            "list",
            "show",
            "find",
            "return",
            "get",
            "display",
            "provide",
            "include",
            "identify",
            "tell",
            "retrieve",
            "output",
            "report",
            "print",
            "me",
            "us",
            "and");

    private static final Set<String> COPULAS = Set.of("is", "are", "was", "were");

    private static boolean requestsShowing(List<Token> tokens, int determiner) {
        if (determiner == 0) {
            return false;
        }
        String before = tokens.get(determiner - 1).lower();
        if (REQUEST_VERBS.contains(before)) {
            return true;
        }
        return COPULAS.contains(before)
                && determiner >= 2
                && List.of("what", "which").contains(tokens.get(determiner - 2).lower());
    }

    /**
     * The attributes a question asks to be shown: "the names and areas of the lakes", "what is the name
     * of the venue", "and their population". Only words that name a column of the schema, asked for as
     * such ({@link #requestsShowing}), outside quoted values; a computation ("the number of") is not one.
     */
    private static Set<String> requested(String q, List<Token> tokens, boolean[] quoted, SchemaLabels schema) {
        Set<String> out = new LinkedHashSet<>();
        if (!schema.present()) {
            return out;
        }
        listed(q, tokens, quoted, schema, out);
        for (int k = 1; k < tokens.size(); k++) {
            if (quoted[k]) {
                continue;
            }
            if (tokens.get(k).lower().equals("of")) {
                // "the names and areas of": a list of attributes back to its determiner.
                List<Token> list = new ArrayList<>();
                int i = k - 1;
                while (i >= 0) {
                    list.add(tokens.get(i));
                    if (i >= 2 && tokens.get(i - 1).lower().equals("and")) {
                        i -= 2;
                    } else {
                        break;
                    }
                }
                if (i >= 1 && OWNERS.contains(tokens.get(i - 1).lower()) && requestsShowing(tokens, i - 1)) {
                    list.forEach(t -> attribute(t, schema).ifPresent(out::add));
                }
            } else if (OWNERS.contains(tokens.get(k).lower())
                    && !tokens.get(k).lower().equals("the")
                    && List.of("and", "with").contains(tokens.get(k - 1).lower())
                    && k + 1 < tokens.size()) {
                // "the cities and their population", "along with its area".
                attribute(tokens.get(k + 1), schema).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Words between the verb and the first item: "return the distinct list of", "give me both". */
    private static final Set<String> LIST_OPENERS =
            Set.of("the", "me", "us", "both", "distinct", "unique", "also", "their", "its", "only", "list", "of");

    /**
     * "Return the doctor IDs, first names and last names that …": a sentence opening with a request verb
     * lists the columns the answer must show, separated by commas and "and". Each item's last word is
     * the attribute, when it names a column and not a table ("list the students": which columns show a
     * student is the SQL's choice) and the item computes nothing ("the number of sales" is a measure).
     * A list that runs past four words without a separator is not read as one.
     */
    private static void listed(String q, List<Token> tokens, boolean[] quoted, SchemaLabels schema, Set<String> out) {
        for (int k = 0; k + 1 < tokens.size(); k++) {
            if (!tokens.get(k).sentenceStart()
                    || !Phrases.REQUEST_VERBS.contains(tokens.get(k).lower())) {
                continue;
            }
            int i = k + 1;
            while (i < tokens.size()
                    && LIST_OPENERS.contains(tokens.get(i).lower())
                    && !tokens.get(i).sentenceStart()) {
                i++;
            }
            List<Token> item = new ArrayList<>();
            List<String> heads = new ArrayList<>();
            boolean computed = false;
            for (; i <= tokens.size(); i++) {
                Token t = i < tokens.size() ? tokens.get(i) : null;
                boolean end = t == null
                        || t.sentenceStart()
                        || quoted[i]
                        || Phrases.LIST_ENDS.contains(t.lower())
                        || participle(t, schema); // "the record company shared by"
                boolean separator =
                        !end && (t.lower().equals("and") || t.lower().equals("or"));
                if (end || separator) {
                    if (!item.isEmpty() && !computed) {
                        attributeOf(item, schema).ifPresent(heads::add);
                    }
                    if (end) {
                        break;
                    }
                    item.clear();
                    computed = false;
                    continue;
                }
                String w = t.lower();
                if (w.equals("of") || COMPUTED_WORDS.contains(w) || COMPUTED_WORDS.contains(Stemmer.singular(w))) {
                    computed = true;
                }
                item.add(t);
                if (item.size() > 4) {
                    heads.clear();
                    break;
                }
                int after = t.start() + t.text().length();
                if (after < q.length() && q.charAt(after) == ',') {
                    if (!computed) {
                        attributeOf(item, schema).ifPresent(heads::add);
                    }
                    item.clear();
                    computed = false;
                }
            }
            out.addAll(heads);
        }
    }

    /** A verb form that starts a clause ("shared", "taken"), not a column's word ("speed", "seed"). */
    private static boolean participle(Token t, SchemaLabels schema) {
        return Phrases.isParticiple(t.lower()) && !schema.isColumnStem(t.stem());
    }

    /**
     * The attribute a listed item asks for: its last word when that names a column and no table, or
     * an identifier ("doctor IDs"). Returned with the item's other column words as alternatives
     * ("cell phone" is met by a cell_number), written {@code phon|cell}.
     */
    private static java.util.Optional<String> attributeOf(List<Token> item, SchemaLabels schema) {
        Token head = item.getLast();
        java.util.Optional<String> stem = IDENTIFIER_WORDS.contains(head.lower())
                ? java.util.Optional.of("id")
                : attribute(head, schema).filter(s -> !schema.isTableStem(s));
        return stem.map(s -> {
            StringBuilder alternatives = new StringBuilder(s);
            for (Token t : item.subList(0, item.size() - 1)) {
                attribute(t, schema)
                        .ifPresent(a -> alternatives.append(ALTERNATIVE).append(a));
            }
            return alternatives.toString();
        });
    }

    /** Separates the alternatives of one requested attribute ({@link Analysis#requested()}). */
    public static final String ALTERNATIVE = "|";

    private static final Set<String> IDENTIFIER_WORDS = Set.of("id", "ids", "identifier", "identifiers");

    private static java.util.Optional<String> attribute(Token t, SchemaLabels schema) {
        String w = t.lower();
        if (COMPUTED_WORDS.contains(w)
                || COMPUTED_WORDS.contains(Stemmer.singular(w))
                || Vocabulary.STOPWORDS.contains(w)
                || Vocabulary.PHRASES.containsKey(w)
                || t.digits()
                || !schema.isColumnStem(t.stem())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(t.stem());
    }

    /** Phrases that count the noun after them. */
    private static final List<List<String>> COUNTING_PHRASES =
            List.of(List.of("how", "many"), List.of("number", "of"), List.of("count", "of"));

    /** The stems of the nouns counted: "how many stops", "the total number of credits". */
    private static Set<String> countedNouns(List<Token> tokens) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            for (List<String> phrase : COUNTING_PHRASES) {
                if (tokens.get(i).lower().equals(phrase.get(0))
                        && tokens.get(i + 1).lower().equals(phrase.get(1))) {
                    Token noun = tokens.get(i + 2);
                    if (!Vocabulary.STOPWORDS.contains(noun.lower()) && number(noun) == null) {
                        out.add(noun.stem());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The date phrases the planner reads ({@link DatePhrases#spans}), read for the comparison with the
     * SQL. A period counted from today is a recent period ("last month", "in the past 6 calendar months,
     * excluding the current month": the words that end it restrict nothing more), one figure per period
     * when broken down ("in each of the last 8 weeks"). A date written with its day ("on or after January
     * 1, 2023", "Jan 1st to Dec 31st" restating a year) is written by the SQL as a literal, whose year
     * carries the meaning: the year is asked for, the month may show, the day is no value of its own.
     * "The 1st quarter" is the quarter's dates, its number no value. Other dates ("March 2023", "in
     * 2022") are left to be read as their months and years. Returns the months of dates written with
     * their day, which the SQL may show and need not.
     */
    private static Set<Concept> datePhrases(String q, List<Token> tokens, boolean[] used, Set<Concept> concepts) {
        Set<Concept> months = new LinkedHashSet<>();
        for (DatePhrases.Span span : DatePhrases.spans(q)) {
            if (span.relative()) {
                concepts.add(ConceptKind.RECENT.flag());
                if (span.each() != null) {
                    concepts.add(ConceptKind.GRAIN.of(span.each().name().toLowerCase(Locale.ROOT)));
                }
                markUsed(tokens, used, span.start(), span.end());
                continue;
            }
            List<Text.Token> words = span.tokens();
            for (int k = 0; k < words.size(); k++) {
                Integer month = Months.NUMBERS.get(words.get(k).lower());
                if (month != null && k + 1 < words.size() && isDay(words.get(k + 1))) {
                    months.add(ConceptKind.MONTH.of(Months.NAMES.get(month - 1)));
                    int end = k + 2;
                    // "1st, 2023": what may follow a day of the month before its year
                    while (end < words.size()
                            && (DatePhrases.ORDINAL_ENDINGS.contains(
                                            words.get(end).lower())
                                    || words.get(end).lower().equals(","))) {
                        end++;
                    }
                    if (end < words.size() && words.get(end).isYear()) {
                        concepts.add(ConceptKind.YEAR.of(words.get(end).lower()));
                        end++;
                    }
                    markUsed(
                            tokens,
                            used,
                            words.get(k).start(),
                            words.get(end - 1).end());
                } else if (isDay(words.get(k))
                        && k + 2 < words.size()
                        && DatePhrases.ORDINAL_ENDINGS.contains(words.get(k + 1).lower())
                        && words.get(k + 2).lower().equals("quarter")) {
                    markUsed(
                            tokens, used, words.get(k).start(), words.get(k + 2).end());
                }
            }
        }
        return months;
    }

    private static boolean isDay(Text.Token t) {
        return t.isInteger()
                && t.lower().length() <= 2
                && Integer.parseInt(t.lower()) >= 1
                && Integer.parseInt(t.lower()) <= 31;
    }

    /**
     * What shapes a figure without restricting it: "rounded to 2 decimal places" is how a figure is
     * written, not a value; "the number of days between the sale and the payment" is a length of time,
     * not a count.
     */
    private static void formats(List<Token> tokens, boolean[] used) {
        for (int i = 0; i < tokens.size(); i++) {
            String n = number(tokens.get(i));
            if (n != null && nextIs(tokens, i + 1, "decimal", "decimals")) {
                used[i] = true;
                used[i + 1] = true;
                if (nextIs(tokens, i + 2, "place", "places", "digits")) {
                    used[i + 2] = true;
                }
            }
            if (nextIs(tokens, i, "number")
                    && nextIs(tokens, i + 1, "of")
                    && i + 2 < tokens.size()
                    && Vocabulary.GRAIN_NOUNS.containsKey(tokens.get(i + 2).lower())
                    && nextIs(tokens, i + 3, "between", "since", "from", "until", "till")) {
                used[i] = true;
                used[i + 1] = true;
                used[i + 2] = true;
            }
        }
    }

    /**
     * "The overall rate across all treatments", "the average among all customers": the rows named after
     * "across all" or "among all" are every row there is, which the SQL may read through another table
     * (each outcome names its treatment); they restrict nothing and are not required.
     */
    private static void wholeSets(List<Token> tokens, boolean[] used) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (nextIs(tokens, i, "across", "among") && nextIs(tokens, i + 1, "all") && !used[i + 2]) {
                used[i] = true;
                used[i + 1] = true;
                used[i + 2] = true;
            }
        }
    }

    private static void markUsed(List<Token> tokens, boolean[] used, int from, int to) {
        for (int i = 0; i < tokens.size(); i++) {
            used[i] |= tokens.get(i).start() >= from && tokens.get(i).start() < to;
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return "";
    }

    private static List<Token> tokenise(String q) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(q);
        while (m.find()) {
            String before = q.substring(0, m.start());
            boolean start = before.isBlank() || SENTENCE_END.matcher(before).find();
            String lower = m.group().toLowerCase(Locale.ROOT);
            out.add(new Token(m.group(), lower, Stemmer.stem(lower), m.start(), start));
        }
        return out;
    }

    /** A token's number, normalised, whether written in digits or as a word. */
    private static String number(Token t) {
        if (t.digits()) {
            return Words.normaliseNumber(t.text());
        }
        Integer n = Vocabulary.NUMBER_WORDS.get(t.lower());
        return n == null ? null : Integer.toString(n);
    }

    /**
     * A word written as a function call in a hint ("DIVIDE(a, b)", "SUM(x)") names an operation the
     * SQL spells with symbols or keywords, not a value to filter on.
     */
    private static void formulaNames(String q, List<Token> tokens, boolean[] used) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int end = t.start() + t.text().length();
            char next = end < q.length() ? q.charAt(end) : ' ';
            char before = t.start() > 0 ? q.charAt(t.start() - 1) : ' ';
            if (!t.digits() && next == '(') {
                used[i] = true;
            }
            // "no. of days" abbreviates "number"; "Student_Club" is an identifier, not a name.
            if (t.lower().equals("no") && next == '.') {
                used[i] = true;
            }
            if (next == '_' || before == '_') {
                used[i] = true;
            }
        }
    }

    /** Schema sample values named in the question ("shipped", "New York") are filter values. */
    private static void linkSampleValues(
            String q, List<Token> tokens, boolean[] used, SchemaLabels schema, Set<Concept> concepts) {
        for (String value : schema.sampleValues()) {
            List<String> valueStems =
                    Words.tokens(value).stream().map(Stemmer::stem).toList();
            if (valueStems.isEmpty()
                    || Words.normaliseNumber(value) != null
                    // "their average rating" asks for an average even where 'Average' is a stored rating.
                    || (valueStems.size() == 1
                            && Vocabulary.isPhraseOf(Words.tokens(value).getFirst(), ConceptKind.AGG))
                    || (valueStems.size() == 1
                            && Vocabulary.STOPWORDS.contains(Words.tokens(value).getFirst()))) {
                continue;
            }
            for (int i = 0; i + valueStems.size() <= tokens.size(); i++) {
                if (matchesAt(tokens, used, i, valueStems)) {
                    int last = i + valueStems.size() - 1;
                    int codeEnd = parenthesisedCode(q, tokens, used, last);
                    concepts.add(ConceptKind.VALUE.of(
                            codeEnd > last ? value + " (" + joinLower(tokens, last + 1, codeEnd - last) + ")" : value));
                    for (int k = i; k <= codeEnd; k++) {
                        used[k] = true;
                    }
                }
            }
        }
    }

    private static boolean matchesAt(List<Token> tokens, boolean[] used, int at, List<String> stems) {
        for (int k = 0; k < stems.size(); k++) {
            if (used[at + k] || !tokens.get(at + k).stem().equals(stems.get(k))) {
                return false;
            }
        }
        // A one-word value is not linked to a function word that stems the same ("does" is not 'Doe').
        return stems.size() > 1 || !Vocabulary.STOPWORDS.contains(tokens.get(at).lower());
    }

    /** "top 5", "5 cheapest" are limits; "last 30 days" is a relative period, not a limit. */
    private static void limitsAndPeriods(List<Token> tokens, boolean[] used, Set<Concept> concepts) {
        for (int i = 0; i < tokens.size(); i++) {
            String n = number(tokens.get(i));
            if (n == null || used[i]) {
                continue;
            }
            String prev = i > 0 ? tokens.get(i - 1).lower() : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).lower() : "";
            // "registered 2 years ago": a period counted back from today
            boolean ago = Vocabulary.GRAIN_NOUNS.containsKey(next) && nextIs(tokens, i + 2, "ago");
            if (ago) {
                concepts.add(ConceptKind.RECENT.flag());
                used[i] = true;
                used[i + 1] = true;
                used[i + 2] = true;
            } else if (Vocabulary.LIMIT_MARKERS.contains(prev) || Vocabulary.isPhraseOf(next, ConceptKind.RANK)) {
                concepts.add(ConceptKind.LIMIT.of(n));
                used[i] = true;
                if (Vocabulary.LIMIT_MARKERS.contains(prev) && !Vocabulary.PHRASES.containsKey(prev)) {
                    used[i - 1] = true;
                    // "first 10" and "last 10" rank by something the question leaves open.
                    concepts.add(ConceptKind.RANK.of("any"));
                }
            }
        }
    }

    private static void phrases(List<Token> tokens, boolean[] used, Set<Concept> concepts) {
        boolean top = false;
        boolean highNamed = false;
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = Math.min(Vocabulary.MAX_PHRASE_WORDS, tokens.size() - i); n >= 1; n--) {
                if (anyUsed(used, i, n)) {
                    continue;
                }
                String phrase = joinLower(tokens, i, n);
                // "not just the intraday change" asks for more; it excludes nothing. "Starts with 'J'" is
                // how text is matched (the text is the value), never a column named "start"
                if (Phrases.NOT_NEGATIONS.contains(phrase)
                        || (n > 1 && Phrases.TEXT_MATCHES.phrases().containsKey(phrase))) {
                    for (int k = 0; k < n; k++) {
                        used[i + k] = true;
                    }
                    i += n - 1;
                    break;
                }
                Concept concept = Vocabulary.PHRASES.get(phrase);
                // "over the years", "over time" span a period; they compare nothing.
                boolean period = phrase.equals("over") && nextIs(tokens, i + 1, "the", "time", "a");
                // "how much does it weigh" asks for a quantity, not a sum.
                boolean quantity = phrase.equals("how much") && nextIs(tokens, i + 2, AUXILIARIES);
                if (phrase.equals("total") && i >= 2 && nextIs(tokens, i - 2, "how") && nextIs(tokens, i - 1, "many")) {
                    used[i] = true; // "how many total customers": the count is the total
                    continue;
                }
                if (concept != null && concept.kind() == ConceptKind.COMPARE && eachOther(tokens, i + n)) {
                    for (int k = 0; k < n; k++) {
                        used[i + k] = true; // "larger than each other": no bound
                    }
                    i += n - 1;
                    break;
                }
                if (concept != null
                        && !period
                        && !quantity
                        // "the total number of", "Total Sales Count" count.
                        && !(phrase.equals("total")
                                && (nextIs(tokens, i + 1, "number", "count") || nextIs(tokens, i + 2, "count")))
                        // "how many papers were published in total" counts; the total is of the count.
                        && !(phrase.equals("total") && i > 0 && nextIs(tokens, i - 1, "in") && asksHowMany(tokens))) {
                    concepts.add(concept);
                    top |= phrase.equals("top");
                    highNamed |= concept.equals(RANK_HIGH) && !phrase.equals("top");
                    for (int k = 0; k < n; k++) {
                        used[i + k] = true;
                    }
                    i += n - 1;
                    break;
                }
            }
        }
        // "top three elements in alphabetical order", "top 4 players with the lowest potential": "top" is
        // the first few of the order the question names, not the highest.
        if (top && !highNamed && (concepts.contains(ORDER_ASC) || concepts.contains(RANK_LOW))) {
            concepts.remove(RANK_HIGH);
            concepts.add(ConceptKind.RANK.of("any"));
        }
    }

    private static final Concept RANK_HIGH = ConceptKind.RANK.of("high");
    private static final Concept RANK_LOW = ConceptKind.RANK.of("low");
    private static final Concept ORDER_ASC = ConceptKind.ORDER.of("asc");

    private static boolean asksHowMany(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).lower().equals("how") && tokens.get(i + 1).lower().equals("many")) {
                return true;
            }
        }
        return false;
    }

    /** Whether "the other", "each other" or "one another" starts at {@code at}. */
    private static boolean eachOther(List<Token> tokens, int at) {
        return nextIs(tokens, at, "the", "each", "one") && nextIs(tokens, at + 1, "other", "another");
    }

    private static final String[] AUXILIARIES = {"does", "do", "did", "is", "are", "was", "were", "will", "would"};

    private static boolean nextIs(List<Token> tokens, int at, String... words) {
        return at < tokens.size() && List.of(words).contains(tokens.get(at).lower());
    }

    private static boolean anyUsed(boolean[] used, int from, int n) {
        for (int k = 0; k < n; k++) {
            if (used[from + k]) {
                return true;
            }
        }
        return false;
    }

    private static String joinLower(List<Token> tokens, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(tokens.get(from + k).lower());
        }
        return sb.toString();
    }

    /** Comparatives that mean "less": the rest ("heavier than", "richer than") mean "more". */
    private static final Set<String> LESSER_COMPARATIVES = Set.of(
            "less",
            "fewer",
            "lower",
            "smaller",
            "shorter",
            "younger",
            "cheaper",
            "lighter",
            "earlier",
            "slower",
            "poorer",
            "thinner",
            "narrower",
            "weaker",
            "closer",
            "nearer");

    /** Most words a comparative and its "than" may have between them ("a greater surface area than"). */
    private static final int COMPARED_WORDS = 2;

    /**
     * "heavier than", "richer than", "a greater weight than", "a larger surface area than": a
     * comparison the fixed phrases do not list, its measure possibly named between the two words.
     */
    private static void comparatives(List<Token> tokens, boolean[] used, Set<Concept> concepts) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String w = tokens.get(i).lower();
            if (used[i] || !(w.endsWith("er") || w.equals("less") || w.equals("more") || w.equals("fewer"))) {
                continue;
            }
            int than = -1;
            for (int k = i + 1; k < tokens.size() && k <= i + 1 + COMPARED_WORDS; k++) {
                if (tokens.get(k).lower().equals("than")) {
                    than = k;
                    break;
                }
                if (used[k] || !tokens.get(k).lower().matches("[a-z]+")) {
                    break;
                }
            }
            boolean adjacent = than == i + 1;
            // Only a comparative adjective reaches over words: "more students than" is a count.
            if (than < 0 || (!adjacent && !w.endsWith("er"))) {
                continue;
            }
            used[i] = true;
            used[than] = true;
            // "(the event or the treatment can be earlier than the other)": two things the question
            // names, either way round; no bound
            if (!eachOther(tokens, than + 1)) {
                concepts.add(ConceptKind.COMPARE.of(LESSER_COMPARATIVES.contains(w) ? "lt" : "gt"));
            }
        }
    }

    /** Grains, groupings, months, years and other numbers, and contracted negations. */
    private static void markers(String q, List<Token> tokens, boolean[] used, Set<Concept> concepts) {
        boolean ranked = concepts.stream().anyMatch(c -> c.kind() == ConceptKind.RANK || c.kind() == ConceptKind.LIMIT);
        for (int i = 0; i < tokens.size(); i++) {
            if (used[i]) {
                continue;
            }
            Token t = tokens.get(i);
            String w = t.lower();
            String n = number(t);
            if (QUARTER.matcher(w).matches()) {
                used[i] = true;
            } else if (n != null && t.digits()) {
                concepts.add(Words.isYear(n) ? ConceptKind.YEAR.of(n) : ConceptKind.VALUE.of(n));
                used[i] = true;
            } else if (Vocabulary.GRAIN_ADJECTIVES.containsKey(w)) {
                concepts.add(ConceptKind.GRAIN.of(Vocabulary.GRAIN_ADJECTIVES.get(w)));
                used[i] = true;
            } else if (Vocabulary.GRAIN_NOUNS.containsKey(w)
                    && i > 0
                    && List.of("which", "what").contains(tokens.get(i - 1).lower())) {
                // "which month had ..." asks for a breakdown by month as much as "per month" does.
                concepts.add(ConceptKind.GRAIN.of(Vocabulary.GRAIN_NOUNS.get(w)));
                used[i] = true;
            } else if (Vocabulary.GROUP_MARKERS.contains(w)) {
                used[i] = true;
                grouping(q, tokens, used, i, ranked, concepts);
            } else if (w.equals("across")
                    && i + 1 < tokens.size()
                    && ACROSS_QUALIFIERS.contains(tokens.get(i + 1).lower())) {
                // "vary across different manufacturers" compares the groups: one figure per manufacturer.
                used[i] = true;
                used[i + 1] = true;
                grouping(q, tokens, used, i + 1, ranked, concepts);
            } else if (isMonth(tokens, i)) {
                concepts.add(ConceptKind.MONTH.of(w));
                used[i] = true;
            } else if (w.endsWith("n't")) {
                concepts.add(ConceptKind.NEGATION.flag());
                used[i] = true;
            }
        }
    }

    private static final Set<String> ACROSS_QUALIFIERS = Set.of("different", "various", "each", "every");

    /**
     * "per month" is a grain and "for each customer" a grouping, but "top products by revenue" is a
     * ranking and "sorted by date" an ordering, so "by" only groups when nothing ranks or sorts.
     */
    private static void grouping(
            String q, List<Token> tokens, boolean[] used, int marker, boolean ranked, Set<Concept> concepts) {
        int j = marker + 1;
        while (j < tokens.size()
                && Vocabulary.DETERMINERS.contains(tokens.get(j).lower())) {
            j++;
        }
        if (j >= tokens.size()) {
            return;
        }
        String target = tokens.get(j).lower();
        String grain = Vocabulary.GRAIN_NOUNS.get(target);
        if (grain != null) {
            concepts.add(ConceptKind.GRAIN.of(grain));
            used[j] = true;
            return;
        }
        boolean by = tokens.get(marker).lower().equals("by");
        String before = marker > 0 ? tokens.get(marker - 1).lower() : "";
        if (by
                && (ranked
                        || Vocabulary.SORT_WORDS.contains(before)
                        || Phrases.agentBy(before)
                        || Phrases.meansBy(tokens.get(marker + 1).lower()))) {
            return;
        }
        if (tokens.get(marker).lower().equals("per") && Vocabulary.UNITS.contains(Stemmer.singular(target))) {
            return;
        }
        int identifier = identifierEnd(q, tokens, j);
        if (identifier > j && !tokens.get(j).capitalised()) {
            // "split by the payment_method": the column written as its name ("by the Student_Club" names a club)
            concepts.add(ConceptKind.GROUP.of(String.join(
                    " ",
                    tokens.subList(j, identifier + 1).stream().map(Token::stem).toList())));
            return;
        }
        // "by product category": either word may be how the SQL names the grouping column.
        List<String> words = new ArrayList<>();
        int k = j;
        for (; k < tokens.size() && words.size() < MAX_GROUP_WORDS; k++) {
            String w = tokens.get(k).lower();
            if (Vocabulary.STOPWORDS.contains(w) || number(tokens.get(k)) != null || used[k]) {
                break;
            }
            words.add(tokens.get(k).stem());
        }
        if (by
                && k < tokens.size()
                && Phrases.RELATIVE_PRONOUNS.contains(tokens.get(k).lower())) {
            // "transactions by users who joined in the past 70 days": who made them, not one row per user
            return;
        }
        if (!words.isEmpty()) {
            concepts.add(ConceptKind.GROUP.of(String.join(" ", words)));
        }
    }

    /**
     * The last token of a name written with underscores that starts at token {@code at} ("payment_method"
     * is two tokens), or {@code at} when none does.
     */
    private static int identifierEnd(String q, List<Token> tokens, int at) {
        int k = at;
        while (k + 1 < tokens.size()) {
            int end = tokens.get(k).start() + tokens.get(k).text().length();
            if (end >= q.length() || q.charAt(end) != '_' || tokens.get(k + 1).start() != end + 1) {
                break;
            }
            k++;
        }
        return k;
    }

    /** Month names, except "may" unless it sits next to a year or after "in". */
    private static boolean isMonth(List<Token> tokens, int i) {
        String w = tokens.get(i).lower();
        if (!Vocabulary.MONTHS.contains(w)) {
            return false;
        }
        if (!w.equals("may")) {
            return true;
        }
        boolean yearNext = i + 1 < tokens.size() && tokens.get(i + 1).digits();
        boolean inBefore = i > 0
                && List.of("in", "of", "during", "since")
                        .contains(tokens.get(i - 1).lower());
        return yearNext || inBefore;
    }

    /** Up to this many words in parentheses after a name are taken as its code or abbreviation. */
    private static final int MAX_CODE_WORDS = 3;

    /**
     * The index of the last token of a parenthesised code right after token {@code last} ("Chicago
     * (ORD)"), or {@code last} when there is none.
     */
    private static int parenthesisedCode(String q, List<Token> tokens, boolean[] used, int last) {
        Token t = tokens.get(last);
        int at = t.start() + t.text().length();
        while (at < q.length() && q.charAt(at) == ' ') {
            at++;
        }
        if (at >= q.length() || q.charAt(at) != '(') {
            return last;
        }
        int close = q.indexOf(')', at);
        if (close < 0) {
            return last;
        }
        int end = last;
        while (end + 1 < tokens.size() && tokens.get(end + 1).start() < close && !used[end + 1]) {
            end++;
        }
        return end > last && end - last <= MAX_CODE_WORDS ? end : last;
    }

    /**
     * The words left: names the schema knows become words, capitalised names it does not know become
     * values ("Acme Corp"), and without a schema every content word is a weak term.
     */
    private static void remaining(
            String q, List<Token> tokens, boolean[] used, SchemaLabels schema, Set<Concept> concepts) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (used[i] || Vocabulary.STOPWORDS.contains(t.lower()) || number(t) != null) {
                continue;
            }
            String stem = t.stem();
            if (t.capitalised()
                    && !t.sentenceStart()
                    && !schema.isSchemaStem(stem)
                    && !Vocabulary.GENERIC_COLUMN_WORDS.contains(t.lower())
                    && !Vocabulary.GENERIC_COLUMN_WORDS.contains(t.lower().replaceFirst("s$", ""))) {
                int end = i;
                while (end + 1 < tokens.size()
                        && !used[end + 1]
                        && tokens.get(end + 1).capitalised()
                        && !Vocabulary.STOPWORDS.contains(tokens.get(end + 1).lower())
                        && !q.substring(
                                        tokens.get(end).start(),
                                        tokens.get(end + 1).start())
                                .contains("(")) {
                    end++;
                }
                String value = joinLower(tokens, i, end - i + 1);
                int codeEnd = parenthesisedCode(q, tokens, used, end);
                if (codeEnd > end) {
                    // "Los Angeles (LAX)": the name and its code are one value; the SQL may use either.
                    value += " (" + joinLower(tokens, end + 1, codeEnd - end) + ")";
                    for (int k = end + 1; k <= codeEnd; k++) {
                        used[k] = true;
                    }
                    end = codeEnd;
                }
                concepts.add(ConceptKind.VALUE.of(value));
                i = end;
            } else if (schema.present()) {
                if (schema.isSchemaStem(stem)) {
                    concepts.add(ConceptKind.WORD.of(stem));
                }
            } else {
                concepts.add(ConceptKind.TERM.of(stem));
            }
        }
    }
}
