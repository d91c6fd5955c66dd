package dev.querent.semantics.reading;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.TableInfo;
import dev.querent.semantics.Binding;
import dev.querent.semantics.QueryPlan.FilterOp;
import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.NumberWords;
import dev.querent.semantics.lexicon.PhraseTable;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.StopWords;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Kind;
import dev.querent.semantics.lexicon.Text.Token;
import dev.querent.semantics.reading.DatePhrases.Found;
import dev.querent.semantics.reading.Reading.Agg;
import dev.querent.semantics.reading.Reading.Compare;
import dev.querent.semantics.reading.Reading.Dates;
import dev.querent.semantics.reading.Reading.Dir;
import dev.querent.semantics.reading.Reading.Distinct;
import dev.querent.semantics.reading.Reading.FollowCue;
import dev.querent.semantics.reading.Reading.Grain;
import dev.querent.semantics.reading.Reading.Group;
import dev.querent.semantics.reading.Reading.Item;
import dev.querent.semantics.reading.Reading.Limit;
import dev.querent.semantics.reading.Reading.Link;
import dev.querent.semantics.reading.Reading.ListVerb;
import dev.querent.semantics.reading.Reading.Negation;
import dev.querent.semantics.reading.Reading.Neutral;
import dev.querent.semantics.reading.Reading.Noun;
import dev.querent.semantics.reading.Reading.Place;
import dev.querent.semantics.reading.Reading.Quoted;
import dev.querent.semantics.reading.Reading.Rank;
import dev.querent.semantics.reading.Reading.Remove;
import dev.querent.semantics.reading.Reading.Sort;
import dev.querent.semantics.reading.Reading.TextMatch;
import dev.querent.semantics.reading.Reading.Unsupported;
import dev.querent.semantics.reading.SchemaIndex.Candidate;
import dev.querent.semantics.reading.SchemaIndex.ColumnTarget;
import dev.querent.semantics.reading.SchemaIndex.SchemaTarget;
import dev.querent.semantics.reading.SchemaIndex.TableTarget;
import dev.querent.semantics.reading.SchemaIndex.Target;
import dev.querent.semantics.reading.SchemaIndex.ValueTarget;
import dev.querent.semantics.reading.Vocabulary.Cue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a question into a {@link Reading}: literals first, then keywords, then schema links. */
public final class QuestionReader {

    /** Start-of-question cues that may also appear mid-sentence without opening a follow-up. */
    private static final Set<String> ANYWHERE_CUES = Set.of("only", "just", "ones", "those", "them");

    private static final double CLOSE_CALL = 0.1;

    /** What a column gains when its table was named just before it ("states with an area"). */
    private static final double NAMED_BEFORE_BONUS = 0.2;

    /** What a table gains when a value of the question names one of its rows (less than a named table). */
    private static final double OWNER_BONUS = 0.3;

    /** What a value's column gains when the word before the value says which end it is ("from JFK", "to LAX"). */
    private static final double DIRECTION_BONUS = 0.2;

    /** What a column gains when the question says all its other words elsewhere ("cost" … "round-trip"). */
    private static final double OTHER_WORDS_BONUS = 0.05;

    /** Words that say how something is counted rather than what it is ("the number of meals" ≠ {@code meal_number}). */
    private static final Set<String> COUNTING_WORDS =
            Set.of("number", "num", "count", "total", "sum", "amount", "id", "no");

    /** Words before a value naming where something starts, and words of the column that holds such values. */
    private static final Set<String> FROM_WORDS = Set.of("from");

    private static final Set<String> FROM_COLUMN_WORDS = Set.of("from", "origin", "departure", "source");

    /** Words before a value naming where something ends, and words of the column that holds such values. */
    private static final Set<String> TO_WORDS = Set.of("to", "into");

    private static final Set<String> TO_COLUMN_WORDS = Set.of("to", "destination", "dest", "arrival");

    private QuestionReader() {}

    /**
     * @param context tables the conversation is already about (a follow-up's previous plan), which
     *     win ambiguous links
     */
    public static Reading read(String question, SchemaIndex index, LocalDate today, Set<TableInfo> context) {
        return read(question, index, today, context, List.of());
    }

    /**
     * @param bindings meanings the user chose for words of the question (answers to a
     *     clarification): a bound word keeps only the meaning bound
     */
    public static Reading read(
            String question, SchemaIndex index, LocalDate today, Set<TableInfo> context, List<Binding> bindings) {
        Reading first = readOnce(question, index, today, context, bindings);
        if (first.schema == null) {
            return first;
        }
        // words read before the schema was known may have linked to another schema's phrases
        Reading scoped = readOnce(question, index.scoped(first.schema), today, context, bindings);
        scoped.schemaTossUp = first.schemaTossUp;
        scoped.schemaWord = first.schemaWord;
        scoped.schemaRivals = first.schemaRivals;
        return scoped;
    }

    private static Reading readOnce(
            String question, SchemaIndex index, LocalDate today, Set<TableInfo> context, List<Binding> bindings) {
        Reading r = new Reading(Text.tokenize(joinGlued(
                joinHyphenated(spellIdentifiers(NumberWords.withScaledNumbers(question), index), index), index)));
        r.bindings = bindings == null ? List.of() : List.copyOf(bindings);
        for (Found f : DatePhrases.extract(r.tokens, r.taken, today)) {
            if (f.each() != null) {
                // "in each of the last 8 weeks": a row per week, over the window
                r.add(new Grain(f.start(), f.start() + 1, f.each()));
                r.add(new Dates(
                        f.start() + 1, f.end(), f.range().from(), f.range().to(), f.phrase()));
            } else {
                r.add(new Dates(f.start(), f.end(), f.range().from(), f.range().to(), f.phrase()));
            }
        }
        keywords(r, index);
        for (int i = 0; i < r.tokens.size(); i++) {
            Found year = r.taken[i] ? null : DatePhrases.bareYear(r.tokens, i);
            if (year != null) {
                r.add(new Dates(i, year.end(), year.range().from(), year.range().to(), year.phrase()));
            }
        }
        link(r, index);
        keyValues(r, index);
        letterValues(r);
        nouns(r, index);
        bind(r);
        leftovers(r);
        resolve(r, index, context);
        return r;
    }

    private static final Pattern HYPHENATED = Pattern.compile("\\b(\\p{L}+)-(\\p{L}+)\\b");

    /**
     * A word that may be a name written with underscores ("payment_method"), not inside quotes. One
     * character class, not a repeated group: a repeated group recurses per repetition, and a long chain
     * of underscores overflowed the stack.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\p{L}\\p{N}_'\"\u201c])[\\p{L}\\p{N}_]+");

    /**
     * "split by the payment_method": a table or column written as its name, underscores and all, is read
     * as the words the schema is indexed by ("payment method"); before, the whole name linked to
     * nothing. Other words with underscores, and names in quotes (values), stay as they are.
     */
    static String spellIdentifiers(String question, SchemaIndex index) {
        if (question == null || question.indexOf('_') < 0) {
            return question;
        }
        return IDENTIFIER.matcher(question).replaceAll(name -> {
            String words = name.group().indexOf('_') < 0 ? null : index.spelledName(name.group());
            return Matcher.quoteReplacement(words == null ? name.group() : words);
        });
    }

    /**
     * "check-ins" is one word where the schema has a table of that name ({@code checkin}): the halves
     * alone ("check", "ins") name nothing. Only a table's name is joined; other hyphenated words
     * ("one-way", "year-over-year") stay as they are.
     */
    static String joinHyphenated(String question, SchemaIndex index) {
        if (question == null || question.indexOf('-') < 0) {
            return question;
        }
        return HYPHENATED.matcher(question).replaceAll(halves -> {
            String joined = halves.group(1) + halves.group(2);
            boolean namesATable = index.lookup(Stemmer.stem(joined.toLowerCase(Locale.ROOT))).stream()
                    .anyMatch(c -> c.target() instanceof TableTarget);
            return Matcher.quoteReplacement(namesATable ? joined : halves.group());
        });
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /**
     * "last names" where the schema has a column {@code lastname}: two words that name nothing as a
     * phrase but, written together, name a column are read as that one word. Before this, "last" was
     * read as an order ("latest first") and "names" as some other table's name.
     */
    static String joinGlued(String question, SchemaIndex index) {
        if (question == null) {
            return null;
        }
        Matcher m = WORD.matcher(question);
        List<int[]> words = new ArrayList<>();
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int k = 0; k + 1 < words.size(); k++) {
            int[] a = words.get(k);
            int[] b = words.get(k + 1);
            if (!question.substring(a[1], b[0]).equals(" ")) {
                continue;
            }
            String first = question.substring(a[0], a[1]).toLowerCase(Locale.ROOT);
            String second = question.substring(b[0], b[1]).toLowerCase(Locale.ROOT);
            boolean namesAColumn = index.lookup(Stemmer.singular(first + second)).stream()
                    .anyMatch(c -> c.target() instanceof ColumnTarget && c.weight() >= SchemaIndex.FULL);
            boolean phrase = !index.lookup(Stemmer.singular(first) + " " + Stemmer.singular(second))
                    .isEmpty();
            if (namesAColumn && !phrase) {
                out.append(question, copied, a[1]);
                copied = b[0];
                k++;
            }
        }
        return copied == 0 ? question : out.append(question.substring(copied)).toString();
    }

    // --- bindings ---

    /** A bound word keeps only the meaning the user chose (when it still has that meaning). */
    private static void bind(Reading r) {
        for (Binding b : r.bindings) {
            if (b.phrase() == null) {
                continue;
            }
            for (Link l : r.all(Link.class)) {
                if (r.text(l).equalsIgnoreCase(b.phrase())) {
                    List<Candidate> kept = l.candidates().stream()
                            .filter(c -> matches(c.target(), b))
                            .toList();
                    if (!kept.isEmpty()) {
                        r.replace(l, new Link(l.start(), l.end(), kept, false));
                    }
                }
            }
            for (Noun n : r.all(Noun.class)) {
                if (r.text(n).equalsIgnoreCase(b.phrase())) {
                    List<ColumnTarget> kept =
                            n.columns().stream().filter(c -> matches(c, b)).toList();
                    if (!kept.isEmpty()) {
                        r.replace(n, new Noun(n.start(), n.end(), n.noun(), kept));
                    }
                }
            }
        }
    }

    /** Whether a meaning is the one a binding names. */
    static boolean matches(Target t, Binding b) {
        if (t.table() == null || b.table() == null || !sameTable(t.table(), b.table())) {
            return false;
        }
        return switch (t) {
            case SchemaIndex.TableTarget x -> b.column() == null;
            case ColumnTarget c -> c.column().name().equalsIgnoreCase(String.valueOf(b.column()));
            case SchemaIndex.ValueTarget v ->
                v.column().name().equalsIgnoreCase(String.valueOf(b.column()))
                        && (b.value() == null || v.value().equalsIgnoreCase(b.value()));
            case SchemaTarget s -> false;
        };
    }

    static boolean sameTable(TableInfo t, String name) {
        return t.qualifiedName().equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name);
    }

    // --- keywords ---

    private static void keywords(Reading r, SchemaIndex index) {
        List<BiFunction<Reading, Integer, Item>> readers = List.of(
                QuestionReader::comparison,
                QuestionReader::rank,
                QuestionReader::limit,
                (rd, i) -> simple(rd, i, Vocabulary.AGGREGATES, (m, f) -> new Agg(m.start(), m.end(), f)),
                QuestionReader::group,
                (rd, i) -> grain(rd, i, index),
                (rd, i) -> simple(rd, i, Vocabulary.DIRECTIONS, (m, d) -> new Dir(m.start(), m.end(), d)),
                (rd, i) -> simple(rd, i, Vocabulary.SORT_MARKERS, (m, v) -> new Sort(m.start(), m.end())),
                (rd, i) -> simple(rd, i, Vocabulary.NOT_NEGATIONS, (m, v) -> new Neutral(m.start(), m.end())),
                (rd, i) -> simple(rd, i, Vocabulary.NEGATIONS, (m, v) -> new Negation(m.start(), m.end())),
                (rd, i) -> simple(rd, i, Vocabulary.LIST_VERBS, (m, v) -> new ListVerb(m.start(), m.end())),
                QuestionReader::imperativeName,
                (rd, i) -> simple(rd, i, Vocabulary.DISTINCT, (m, v) -> new Distinct(m.start(), m.end())),
                (rd, i) -> textMatch(rd, i, index),
                QuestionReader::cue,
                (rd, i) -> weekDays(rd, i, index),
                (rd, i) -> unsupported(rd, i, index),
                (rd, i) -> simple(rd, i, Vocabulary.REMOVALS, (m, v) -> new Remove(m.start(), m.end(), v)));
        for (int i = 0; i < r.tokens.size(); i++) {
            if (r.taken[i]) {
                continue;
            }
            Item best = null;
            for (BiFunction<Reading, Integer, Item> reader : readers) {
                Item k = reader.apply(r, i);
                if (k != null && (best == null || k.end() - k.start() > best.end() - best.start())) {
                    best = k;
                }
            }
            // a longer schema phrase wins: "last name" is a column, "total amount" too
            if (best != null && schemaPhraseLength(r, index, i) <= best.end() - i) {
                r.add(best);
                i = best.end() - 1;
            }
        }
    }

    /** Words after which a question's first word "name" is a verb: "Name the highest mountain", "Name 3 …". */
    private static final Set<String> AFTER_IMPERATIVE_NAME = Set.of("the", "all", "every", "each", "any", "some");

    /**
     * "Name the three worst rated restaurants": a question's first word "name" followed by a determiner
     * or a number asks to list rows, like "list"; anywhere else "name" is a column's word.
     */
    private static Item imperativeName(Reading r, int i) {
        if (i != 0 || r.tokens.size() < 2 || !r.tokens.get(0).lower().equals("name")) {
            return null;
        }
        Token next = r.tokens.get(1);
        return AFTER_IMPERATIVE_NAME.contains(next.lower())
                        || next.isInteger()
                        || NumberWords.CARDINALS.containsKey(next.lower())
                ? new ListVerb(0, 1)
                : null;
    }

    private static <T> Item simple(
            Reading r, int i, PhraseTable<T> table, BiFunction<PhraseTable.Match<T>, T, Item> make) {
        PhraseTable.Match<T> m = table.longestAt(r.tokens, i, r.taken);
        return m == null ? null : make.apply(m, m.value());
    }

    /**
     * "by region", "for each store"; not the "by" of "taken by students", which names who did it, nor
     * of "by doing a left join", which says how.
     */
    private static Item group(Reading r, int i) {
        PhraseTable.Match<Boolean> m = Vocabulary.GROUP_MARKERS.longestAt(r.tokens, i, r.taken);
        if (m == null) {
            return null;
        }
        if (m.end() - m.start() == 1
                && r.tokens.get(i).lower().equals("by")
                && ((i > 0 && Phrases.agentBy(r.tokens.get(i - 1).lower()))
                        || (i + 1 < r.tokens.size()
                                && Phrases.meansBy(r.tokens.get(i + 1).lower())))) {
            return null;
        }
        return new Group(m.start(), m.end());
    }

    /**
     * "per month", "yearly"; but "year" in "return the make, model and year" is the column named year
     * where a table has one, no group marker ("per", "by", "each", "every") stands before it and no
     * number or "of" after it.
     */
    private static Item grain(Reading r, int i, SchemaIndex index) {
        PhraseTable.Match<TimeGrain> m = Vocabulary.GRAINS.longestAt(r.tokens, i, r.taken);
        if (m == null) {
            return null;
        }
        String word = r.tokens.get(i).lower();
        boolean marked =
                i > 0 && Phrases.GROUP_MARKERS.contains(r.tokens.get(i - 1).lower());
        boolean column = index.lookup(r.tokens.get(i).stem()).stream()
                .anyMatch(c -> c.target() instanceof ColumnTarget t
                        && Text.identifierWords(t.column().name()).equals(List.of(word)));
        // "the year 2021" and "the month of April 2021" name dates.
        boolean dated = i + 1 < r.tokens.size()
                && (r.tokens.get(i + 1).kind() == Kind.NUMBER
                        || r.tokens.get(i + 1).lower().equals("of"));
        if (m.end() - m.start() == 1 && column && !marked && !dated) {
            return null;
        }
        if (m.end() - m.start() == 1 && !marked && pointInTime(r, i + 1)) {
            return null; // "the PASI score at day 100", "in week 3": one point, no grouping
        }
        return new Grain(m.start(), m.end(), m.value());
    }

    /** A whole number that is no year right after a period's name: "day 100", "week 3". */
    private static boolean pointInTime(Reading r, int i) {
        if (i >= r.tokens.size() || r.taken[i] || !r.tokens.get(i).isInteger()) {
            return false;
        }
        String digits = r.tokens.get(i).lower();
        return digits.length() < 4;
    }

    private static final List<DayOfWeek> WEEKEND = List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private static final List<DayOfWeek> WORKING_DAYS =
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    /** Words before a day that make it a day of every week: "on Monday", "every Friday", "on a Sunday". */
    private static final Set<String> EVERY_DAY_MARKERS = Set.of("on", "every", "a");

    /** Words before "weekday" that ask for one row per day of the week, which is a grouping, not a filter. */
    private static final Set<String> GROUPING_MARKERS = Set.of("by", "per", "each");

    /**
     * "on weekends", "on weekdays", "on Mondays", "every Friday": days of the week, which restrict a
     * date of the rows. Not when the schema knows the word (a column named "weekday", a column whose
     * values are day names: that is a value to match), nor "by weekday", which asks for a grouping.
     */
    private static Item weekDays(Reading r, int i, SchemaIndex index) {
        Token t = r.tokens.get(i);
        String w = t.lower();
        String before = i == 0 ? "" : r.tokens.get(i - 1).lower();
        List<DayOfWeek> days = null;
        if (w.equals("weekend") || w.equals("weekends")) {
            days = WEEKEND;
        } else if (w.equals("weekdays") || (w.equals("weekday") && EVERY_DAY_MARKERS.contains(before))) {
            days = WORKING_DAYS;
        } else {
            for (DayOfWeek d : DayOfWeek.values()) {
                String name = d.name().toLowerCase(Locale.ROOT);
                if (w.equals(name + "s") || (w.equals(name) && EVERY_DAY_MARKERS.contains(before))) {
                    days = List.of(d);
                }
            }
        }
        if (days == null
                || GROUPING_MARKERS.contains(before)
                || !index.lookup(t.stem()).isEmpty()) {
            return null;
        }
        return Dates.weekDays(i, i + 1, t.raw(), days);
    }

    /**
     * A word for a computation plans cannot express, unless the schema has a column of that name. "Rank"
     * is one only as a noun asked for ("their sales rank"), not as the verb that sorts ("rank the
     * stores by revenue").
     */
    private static Item unsupported(Reading r, int i, SchemaIndex index) {
        int span = spanBetweenTwoDates(r, i);
        if (span > 0) {
            return new Unsupported(i, i + span, "comparisons of two dates of a row");
        }
        PhraseTable.Match<String> m = Vocabulary.UNSUPPORTED.longestAt(r.tokens, i, r.taken);
        if (m == null || rankingVerb(r, m)) {
            return null;
        }
        if (eitherBeforeOr(r, m)) {
            // "either inactive or suspended": the "or" says it, read where conditions are combined
            return new Neutral(i, m.end());
        }
        if (m.end() - m.start() == 1) {
            boolean column =
                    index.lookup(r.tokens.get(i).stem()).stream().anyMatch(c -> c.weight() >= SchemaIndex.PARTIAL);
            if (column) {
                return null;
            }
        }
        return new Unsupported(i, m.end(), m.value());
    }

    /** Most words between "either" and its "or". */
    private static final int EITHER_REACH = 6;

    /** "Either" with an "or" a few words after it, not past a comma or another "either". */
    private static boolean eitherBeforeOr(Reading r, PhraseTable.Match<String> m) {
        if (!r.tokens.get(m.start()).lower().equals("either")) {
            return false;
        }
        for (int k = m.end(); k < r.tokens.size() && k - m.end() < EITHER_REACH; k++) {
            String w = r.tokens.get(k).lower();
            if (w.equals("or")) {
                return true;
            }
            if (w.equals(",") || w.equals("either")) {
                return false;
            }
        }
        return false;
    }

    /** Units of a span of time between two dates of a row. */
    private static final Set<String> TIME_UNITS = Set.of("minute", "hour", "day", "week", "month", "year");

    /** Words that tie a span of time to another date: "within 10 days after starting treatment". */
    private static final Set<String> SPAN_ANCHORS = Set.of("after", "of", "before", "from");

    /**
     * The length of "within 10 days after", "within 2 weeks of" at token {@code i}: a span of time
     * between a row's date and another of its dates, which a plan cannot compare; 0 if none. A window
     * back from today ("within the last 10 days") is a date phrase, read before this.
     */
    private static int spanBetweenTwoDates(Reading r, int i) {
        if (i + 3 >= r.tokens.size() || !r.tokens.get(i).lower().equals("within")) {
            return 0;
        }
        for (int k = i; k <= i + 3; k++) {
            if (r.taken[k]) {
                return 0;
            }
        }
        boolean number = r.tokens.get(i + 1).kind() == Kind.NUMBER
                || NumberWords.ALL.containsKey(r.tokens.get(i + 1).lower());
        boolean unit = TIME_UNITS.contains(r.tokens.get(i + 2).stem());
        return number && unit && SPAN_ANCHORS.contains(r.tokens.get(i + 3).lower()) ? 4 : 0;
    }

    /** Words before "rank" that make it the verb of a request. */
    private static final Set<String> BEFORE_A_VERB = Set.of("and", "then", "please", "to", "also", "just");

    /** Words after "rank" that make it the verb: its object or how it sorts. */
    private static final Set<String> AFTER_A_VERB =
            Set.of("by", "the", "them", "these", "those", "all", "each", "every", "my", "our", "it");

    private static boolean rankingVerb(Reading r, PhraseTable.Match<String> m) {
        if (!"rankings".equals(m.value())) {
            return false;
        }
        int i = m.start();
        boolean opens = i == 0
                || BEFORE_A_VERB.contains(r.tokens.get(i - 1).lower())
                || r.tokens.get(i - 1).kind() == Kind.SYMBOL;
        boolean object = m.end() < r.tokens.size()
                && AFTER_A_VERB.contains(r.tokens.get(m.end()).lower());
        return opens || object;
    }

    private static Item comparison(Reading r, int i) {
        if (number(r, i) && i + 1 < r.tokens.size()) {
            // "3 or more": the number comes first
            PhraseTable.Match<FilterOp> trailing = Vocabulary.COMPARISONS.longestAt(r.tokens, i + 1, r.taken);
            boolean after = trailing != null && Vocabulary.TRAILING_COMPARISONS.contains(lower(r, trailing));
            return after
                    ? new Compare(
                            i,
                            trailing.end(),
                            trailing.value(),
                            List.of(r.tokens.get(i).lower()))
                    : null;
        }
        PhraseTable.Match<FilterOp> m = Vocabulary.COMPARISONS.longestAt(r.tokens, i, r.taken);
        if (m == null) {
            return null;
        }
        if (m.value() == FilterOp.BETWEEN) {
            if (number(r, m.end()) && word(r, m.end() + 1, "and") && number(r, m.end() + 2)) {
                List<String> values = List.of(
                        r.tokens.get(m.end()).lower(), r.tokens.get(m.end() + 2).lower());
                return new Compare(i, m.end() + 3, FilterOp.BETWEEN, values);
            }
            return null;
        }
        String phrase = lower(r, m);
        if (Vocabulary.TRAILING_COMPARISONS.contains(phrase)) {
            return null; // read with the number before it
        }
        if (number(r, m.end())) {
            int end = m.end() + 1;
            return new Compare(i, end, m.value(), List.of(r.tokens.get(m.end()).lower()));
        }
        if (word(r, m.end(), "one")) {
            // "more than one restaurant": after a comparison "one" is the number (elsewhere often a pronoun)
            return new Compare(i, m.end() + 1, m.value(), List.of("1"));
        }
        if (!Vocabulary.LOOSE_COMPARISONS.contains(phrase)) {
            // "below their reorder level": a comparison with something other than a number
            return new Unsupported(i, m.end(), "comparisons between columns");
        }
        return null;
    }

    /** A superlative, with the N of "top 5" or "5 cheapest". */
    private static Item rank(Reading r, int i) {
        if (number(r, i) && i + 1 < r.tokens.size()) {
            PhraseTable.Match<Vocabulary.RankWord> after = Vocabulary.RANKS.longestAt(r.tokens, i + 1, r.taken);
            if (after != null && r.tokens.get(i).isInteger()) {
                int n = Integer.parseInt(r.tokens.get(i).lower());
                return new Rank(i, after.end(), after.value(), n);
            }
            return null;
        }
        PhraseTable.Match<Vocabulary.RankWord> m = Vocabulary.RANKS.longestAt(r.tokens, i, r.taken);
        if (m == null) {
            return null;
        }
        if (number(r, m.end()) && r.tokens.get(m.end()).isInteger()) {
            int n = Integer.parseInt(r.tokens.get(m.end()).lower());
            return new Rank(i, m.end() + 1, m.value(), n);
        }
        return new Rank(i, m.end(), m.value(), null);
    }

    private static Item limit(Reading r, int i) {
        PhraseTable.Match<Boolean> m = Vocabulary.LIMITS.longestAt(r.tokens, i, r.taken);
        if (m != null && number(r, m.end()) && r.tokens.get(m.end()).isInteger()) {
            return new Limit(
                    i, m.end() + 1, Integer.parseInt(r.tokens.get(m.end()).lower()));
        }
        if (number(r, i)
                && r.tokens.get(i).isInteger()
                && i + 1 < r.tokens.size()
                && Vocabulary.ROW_NOUNS.contains(r.tokens.get(i + 1).stem())) {
            return new Limit(i, i + 2, Integer.parseInt(r.tokens.get(i).lower()));
        }
        return null;
    }

    /** Whether the words at {@code i} name a text column ("VIN number"), the longest phrase first. */
    private static boolean namesTextColumn(Reading r, SchemaIndex index, int i) {
        if (Vocabulary.GRAINS.longestAt(r.tokens, i, r.taken) != null) {
            return false; // "'Sarah Williams' in the month of April 2021": a period, though review.month is text
        }
        Phrase p = longestPhrase(r, index, i, 1);
        return p != null
                && p.candidates().stream()
                        .anyMatch(c -> c.target() instanceof ColumnTarget col && SchemaIndex.isText(col.column()));
    }

    /** Words between a quoted text and the column it is part of: "'M5' in its VIN number". */
    private static final Set<String> POSSESSIVES = Set.of("its", "their", "the");

    private static Item textMatch(Reading r, int i, SchemaIndex index) {
        PhraseTable.Match<String> m = Vocabulary.TEXT_MATCH.longestAt(r.tokens, i, r.taken);
        if (m == null) {
            Token t = r.tokens.get(i);
            // not "'nature' in the year 2020": a text column must follow, not a period
            if (t.kind() == Kind.QUOTED
                    && i + 2 < r.tokens.size()
                    && r.tokens.get(i + 1).lower().equals("in")
                    && POSSESSIVES.contains(r.tokens.get(i + 2).lower())
                    && namesTextColumn(r, index, i + 3)) {
                // "cars that have 'M5' in their VIN number": the text is part of the column that follows
                return new TextMatch(i, i + 3, "%" + t.raw() + "%", false, true);
            }
            return null;
        }
        int at = m.end();
        if (at + 2 < r.tokens.size()
                && !r.taken[at]
                && !r.taken[at + 1]
                && r.tokens.get(at).lower().equals("the")
                && Vocabulary.TEXT_MATCH_FILLERS.contains(r.tokens.get(at + 1).lower())) {
            at += 2; // "starting with the letter 'J'": the text follows the filler
        }
        if (at >= r.tokens.size() || r.taken[at]) {
            return null;
        }
        Token value = r.tokens.get(at);
        if (value.kind() != Kind.QUOTED && !(value.isWord() && !Vocabulary.isStopword(value.lower()))) {
            return null;
        }
        boolean exact = m.value().equals("%s");
        String text = exact ? value.raw() : String.format(m.value(), value.raw());
        return new TextMatch(i, at + 1, text, exact);
    }

    private static Item cue(Reading r, int i) {
        PhraseTable.Match<Cue> m = Vocabulary.CUES.longestAt(r.tokens, i, r.taken);
        if (m == null) {
            return null;
        }
        boolean opening = i <= 1
                || m.value() != Cue.START
                || ANYWHERE_CUES.contains(r.tokens.get(i).lower());
        return opening ? new FollowCue(i, m.end(), m.value()) : null;
    }

    private static String lower(Reading r, PhraseTable.Match<?> m) {
        return Text.span(r.tokens, m.start(), m.end()).toLowerCase(Locale.ROOT);
    }

    private static boolean number(Reading r, int i) {
        return i < r.tokens.size() && !r.taken[i] && r.tokens.get(i).kind() == Kind.NUMBER;
    }

    private static boolean word(Reading r, int i, String lower) {
        return i < r.tokens.size() && !r.taken[i] && r.tokens.get(i).lower().equals(lower);
    }

    private static int schemaPhraseLength(Reading r, SchemaIndex index, int i) {
        Phrase p = longestPhrase(r, index, i, 2);
        return p == null ? 0 : p.length();
    }

    /** The longest phrase of at least {@code minLength} words at {@code i} that the schema knows, and its meanings. */
    private record Phrase(int length, List<Candidate> candidates) {}

    private static Phrase longestPhrase(Reading r, SchemaIndex index, int i, int minLength) {
        for (int len = Math.min(index.maxPhraseWords(), r.tokens.size() - i); len >= minLength; len--) {
            String key = phraseKey(r, i, len);
            List<Candidate> candidates = key == null ? List.of() : index.lookup(key);
            if (!candidates.isEmpty()) {
                return new Phrase(len, candidates);
            }
        }
        return null;
    }

    // --- schema links ---

    private static void link(Reading r, SchemaIndex index) {
        for (int i = 0; i < r.tokens.size(); i++) {
            if (r.taken[i]) {
                continue;
            }
            int title = titleAfterTable(r, index, i);
            if (title > i + 1) {
                // "the album Let There Be Rock": a name, not the genre value "Rock"
                r.add(new Quoted(i, title, Text.span(r.tokens, i, title)));
                i = title - 1;
                continue;
            }
            for (int len = Math.min(index.maxPhraseWords(), r.tokens.size() - i); len >= 1; len--) {
                String key = phraseKey(r, i, len);
                List<Candidate> candidates = key == null ? List.of() : index.lookup(key);
                if (len == 1 && onlyWeak(candidates) && isMeasureNoun(r.tokens.get(i))) {
                    // "sales" is a measure before it is a word in some table's comment
                    continue;
                }
                if (len == 1 && onlyParticipleOfUnnamedTables(r, index, candidates)) {
                    break; // "customers that have made a purchase" are not payments_made's rows
                }
                if (!candidates.isEmpty()) {
                    r.add(new Link(i, i + len, candidates, false));
                    i += len - 1;
                    break;
                }
            }
            if (!r.taken[i] && r.tokens.get(i).kind() == Kind.QUOTED) {
                r.add(new Quoted(i, i + 1, r.tokens.get(i).raw()));
            }
            Link verbFlag = r.taken[i] ? null : flagOfVerb(r, index, i);
            if (verbFlag != null) {
                r.add(verbFlag);
                i = verbFlag.end() - 1;
                continue;
            }
            List<Candidate> verbForm = r.taken[i] ? List.of() : columnOfVerbForm(r, index, i);
            if (!verbForm.isEmpty()) {
                r.add(new Link(i, i + 1, verbForm, false));
            }
            List<Candidate> participle = r.taken[i] ? List.of() : columnOfParticiple(r, index, i);
            if (!participle.isEmpty()) {
                r.add(new Link(i, i + 1, participle, false));
            }
            List<Candidate> denied = r.taken[i] ? List.of() : tableOfDeniedVerb(r, index, i);
            if (!denied.isEmpty()) {
                r.add(new Link(i, i + 1, denied, false));
            }
            List<Candidate> adjective = r.taken[i] ? List.of() : valueOfAdjective(r, index, i);
            if (!adjective.isEmpty()) {
                r.add(new Link(i, i + 1, adjective, false));
            }
        }
    }

    /**
     * A word naming only tables by the participle their names end with ("made" of {@code
     * payments_made}), while the question never names the noun before it ("payments"): the verb of
     * the sentence, not the table.
     */
    private static boolean onlyParticipleOfUnnamedTables(Reading r, SchemaIndex index, List<Candidate> candidates) {
        Set<String> nouns = new HashSet<>();
        for (Candidate c : candidates) {
            String noun = c.target() instanceof TableTarget t ? index.nounBeforeParticiple(t.table()) : null;
            if (noun == null) {
                return false;
            }
            nouns.add(noun);
        }
        return !nouns.isEmpty() && r.tokens.stream().noneMatch(t -> nouns.contains(t.stem()));
    }

    /**
     * "The closing price", "the opening balance": a word ending in -ing that links nothing, right before
     * a word that does, names the column its verb names ({@code sbDpClose}, {@code open_balance}).
     * Only columns, at a partial link's weight.
     */
    private static List<Candidate> columnOfVerbForm(Reading r, SchemaIndex index, int i) {
        Token t = r.tokens.get(i);
        if (t.kind() != Kind.WORD
                || !t.lower().endsWith("ing")
                || t.lower().length() < 6
                || i + 1 >= r.tokens.size()
                || r.tokens.get(i + 1).kind() != Kind.WORD
                || index.lookup(r.tokens.get(i + 1).stem()).isEmpty()) {
            return List.of();
        }
        String base = Stemmer.stem(t.lower());
        List<Candidate> columns = new ArrayList<>();
        for (String verb : List.of(base + "e", base)) {
            index.lookup(verb).stream()
                    .filter(c -> c.target() instanceof ColumnTarget)
                    .map(c -> new Candidate(c.target(), Math.min(c.weight(), SchemaIndex.PARTIAL)))
                    .filter(c -> columns.stream().noneMatch(x -> x.target().equals(c.target())))
                    .forEach(columns::add);
        }
        return columns;
    }

    /**
     * "The best rated restaurants", "rated above 4": a participle that links nothing names the number
     * column its verb's noun in -ing or -ation names ({@code rating}, {@code ranking}; "the most cited"
     * {@code citation_num}). Only numbers that are no key, at a partial link's weight.
     */
    private static List<Candidate> columnOfParticiple(Reading r, SchemaIndex index, int i) {
        Token t = r.tokens.get(i);
        if (t.kind() != Kind.WORD || !t.lower().endsWith("ed") || t.lower().length() < 5) {
            return List.of();
        }
        String stem = Stemmer.stem(t.lower());
        List<Candidate> numbers = new ArrayList<>();
        for (String noun : List.of(stem + "ing", stem + "ation")) {
            index.lookup(noun).stream()
                    .filter(c -> c.target() instanceof ColumnTarget col
                            && SchemaIndex.isNumeric(col.column())
                            && !SchemaIndex.isKey(col.table(), col.column()))
                    .map(c -> new Candidate(c.target(), Math.min(c.weight(), SchemaIndex.PARTIAL)))
                    .filter(c -> !numbers.contains(c))
                    .forEach(numbers::add);
        }
        return numbers;
    }

    /** Words between a negation and the participle it denies: "never been sold", "not yet ordered". */
    private static final Set<String> AUXILIARIES = Set.of("been", "be", "being", "was", "were", "ever", "yet");

    /** Nouns of verbs whose noun is not their stem: "sold" is about sales. */
    private static final Map<String, String> VERB_NOUNS = Map.of("sell", "sale", "buy", "purchase", "pay", "payment");

    /** Endings that make a verb's noun: cite → citation, ship → shipment, rent → rental. */
    private static final List<String> NOUN_ENDINGS = List.of("", "ion", "ation", "ment", "al");

    /**
     * "cars that have never been sold", "products not yet ordered": a participle right after a negation
     * (auxiliaries aside) names the table of its noun ({@code sales}, {@code orders}, {@code
     * citations}), so that the negation keeps the rows no such row refers to. Only tables, at a partial
     * link's weight (a table the negation may deny); nothing anywhere else, where "ordered" and "sold"
     * are the sentence's verbs.
     */
    private static List<Candidate> tableOfDeniedVerb(Reading r, SchemaIndex index, int i) {
        Token t = r.tokens.get(i);
        if (t.kind() != Kind.WORD || !afterNegation(r, i)) {
            return List.of();
        }
        List<Candidate> tables = new ArrayList<>();
        for (String verb : SchemaIndex.verbOfParticiple(t.lower())) {
            String noun = VERB_NOUNS.getOrDefault(verb, verb);
            for (String ending : NOUN_ENDINGS) {
                index.lookup(Stemmer.singular(noun + ending)).stream()
                        .filter(c -> c.target() instanceof TableTarget && c.weight() >= SchemaIndex.HEAD_NOUN)
                        .map(c -> new Candidate(c.target(), SchemaIndex.PARTIAL))
                        .filter(c -> !tables.contains(c))
                        .forEach(tables::add);
            }
        }
        return tables;
    }

    private static boolean afterNegation(Reading r, int i) {
        int k = i - 1;
        while (k >= 0 && AUXILIARIES.contains(r.tokens.get(k).lower())) {
            k--;
        }
        return k >= 0 && Phrases.NEGATIONS.contains(r.tokens.get(k).lower());
    }

    /** Words a verb's object may start with before the words of a flag's name. */
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    /**
     * "flights that require a round-trip": a verb whose participle ends the name of a flag column
     * ({@code fare.round_trip_required}), followed by the other words of that name — articles and
     * hyphens between them aside — sets that flag. The link spans the verb and its object; null when
     * no flag is said so at {@code i}.
     */
    private static Link flagOfVerb(Reading r, SchemaIndex index, int i) {
        Token t = r.tokens.get(i);
        if (t.kind() != Kind.WORD) {
            return null;
        }
        for (SchemaIndex.VerbFlag f : index.verbFlags(Stemmer.stem(t.lower()))) {
            int j = i + 1;
            int matched = 0;
            while (j < r.tokens.size() && matched < f.words().size() && !r.taken[j]) {
                Token u = r.tokens.get(j);
                if (u.raw().equals("-") || (matched == 0 && ARTICLES.contains(u.lower()))) {
                    j++;
                } else if (u.kind() == Kind.WORD && u.stem().equals(f.words().get(matched))) {
                    matched++;
                    j++;
                } else {
                    break;
                }
            }
            if (matched == f.words().size()) {
                return new Link(i, j, List.of(new Candidate(f.flag(), SchemaIndex.FULL)), false);
            }
        }
        return null;
    }

    /**
     * "successful transactions": an adjective in -ful that links nothing, where the noun it is made from
     * is a stored value ({@code status = 'success'}), names that value. Values only.
     */
    private static List<Candidate> valueOfAdjective(Reading r, SchemaIndex index, int i) {
        Token t = r.tokens.get(i);
        if (t.kind() != Kind.WORD || !t.lower().endsWith("ful") || t.lower().length() < 6) {
            return List.of();
        }
        String noun = t.lower().substring(0, t.lower().length() - "ful".length());
        return index.lookup(Stemmer.stem(noun)).stream()
                .filter(c -> c.target() instanceof SchemaIndex.ValueTarget)
                .toList();
    }

    /** Words that join the items of a list. */
    private static final Set<String> LIST_JOINERS = Set.of("or", "and", ",");

    /** Words between a table's name and the "id" of one of its rows: "the customer with the ID 3". */
    private static final Set<String> BEFORE_AN_ID = Set.of("with", "the", "having", "whose", "of", "its", "an", "a");

    /** Most words between a table's name and "id". */
    private static final int ID_REACH = 3;

    /**
     * "The customer with ID 3", "merchant id 1", "the paper with paper ID 2": one row of a table
     * named by its key, read as a filter on that key. The table is the one named right before "id"
     * (joining words aside), or the key column itself when the question names it.
     */
    private static void keyValues(Reading r, SchemaIndex index) {
        for (int i = 1; i + 1 < r.tokens.size(); i++) {
            Token n = r.tokens.get(i + 1);
            if (r.taken[i + 1] || !n.isInteger()) {
                continue;
            }
            if (r.at(i) instanceof Link l
                    && l.end() == i + 1
                    && l.target() instanceof ColumnTarget c
                    && SchemaIndex.isKey(c.table(), c.column())
                    && SchemaIndex.isNumeric(c.column())) {
                r.replace(l, keyLink(l.start(), i + 2, c.table(), c.column(), n));
                r.taken[i + 1] = true;
                continue;
            }
            String id = r.tokens.get(i).lower();
            if (r.taken[i] || !(id.equals("id") || id.equals("#"))) {
                continue;
            }
            TableInfo table = tableBeforeId(r, index, i);
            ColumnInfo key = table == null ? null : index.key(table).orElse(null);
            if (key != null && SchemaIndex.isNumeric(key)) {
                r.add(keyLink(i, i + 2, table, key, n));
            }
        }
    }

    private static Link keyLink(int start, int end, TableInfo table, ColumnInfo key, Token value) {
        return new Link(
                start, end, List.of(new Candidate(new ValueTarget(table, key, value.raw()), SchemaIndex.FULL)), false);
    }

    /** The table named within a few words before token {@code id}: a table link, or a word naming one. */
    private static TableInfo tableBeforeId(Reading r, SchemaIndex index, int id) {
        for (int k = id - 1; k >= 0 && id - k <= ID_REACH + 1; k--) {
            Token t = r.tokens.get(k);
            if (r.taken[k]) {
                return r.at(k) instanceof Link l && l.target() instanceof TableTarget(TableInfo table) ? table : null;
            }
            if (BEFORE_AN_ID.contains(t.lower())) {
                continue;
            }
            List<TableInfo> named = index.lookup(t.stem()).stream()
                    .filter(c -> c.weight() >= SchemaIndex.FULL && c.target() instanceof TableTarget)
                    .map(c -> c.target().table())
                    .distinct()
                    .toList();
            return named.size() == 1 ? named.getFirst() : null;
        }
        return null;
    }

    /**
     * "a grade of A or C": a capital letter that is also an article is a value when it stands in a
     * list ("or", "and", a comma) beside a one-letter value of a column that holds it too.
     */
    private static void letterValues(Reading r) {
        for (int i = 0; i < r.tokens.size(); i++) {
            Token t = r.tokens.get(i);
            if (r.taken[i]
                    || t.kind() != Kind.WORD
                    || t.raw().length() != 1
                    || !Character.isUpperCase(t.raw().charAt(0))) {
                continue;
            }
            for (int side : new int[] {-1, 1}) {
                int joiner = i + side;
                int across = i + 2 * side;
                if (across < 0
                        || across >= r.tokens.size()
                        || !LIST_JOINERS.contains(r.tokens.get(joiner).lower())) {
                    continue;
                }
                ValueTarget v = r.items.stream()
                        .filter(it -> it.start() == across && it.end() == across + 1 && it instanceof Link)
                        .map(it -> ((Link) it).target())
                        .filter(x -> x instanceof ValueTarget vt && vt.value().length() == 1)
                        .map(ValueTarget.class::cast)
                        .findFirst()
                        .orElse(null);
                if (v != null && v.column().sampleValues().contains(t.raw())) {
                    r.add(new Link(
                            i,
                            i + 1,
                            List.of(new Candidate(new ValueTarget(v.table(), v.column(), t.raw()), SchemaIndex.FULL)),
                            false));
                    break;
                }
            }
        }
    }

    /**
     * The end of a run of two or more capitalised words right after a table word, when the run as
     * a whole is no known value; {@code i} otherwise.
     */
    private static int titleAfterTable(Reading r, SchemaIndex index, int i) {
        if (!r.tokens.get(i).capitalised()) {
            return i;
        }
        boolean afterTable = r.items.stream()
                .anyMatch(it -> it.end() == i
                        && it instanceof Link l
                        && l.candidates().stream()
                                .anyMatch(c -> c.target() instanceof SchemaIndex.TableTarget
                                        && c.weight() >= SchemaIndex.FULL));
        int end = i;
        while (end < r.tokens.size() && !r.taken[end] && r.tokens.get(end).capitalised()) {
            end++;
        }
        String key = phraseKey(r, i, end - i);
        boolean known = key != null && !index.lookup(key).isEmpty();
        return afterTable && end - i >= 2 && !known ? end : i;
    }

    private static boolean onlyWeak(List<Candidate> candidates) {
        return candidates.stream().allMatch(c -> c.weight() < SchemaIndex.PARTIAL);
    }

    private static boolean isMeasureNoun(Token t) {
        return Vocabulary.MEASURE_NOUNS.containsKey(t.stem()) || Vocabulary.MEASURE_NOUNS.containsKey(t.lower());
    }

    /** The lookup key of tokens {@code [i, i+len)}, or null when they cannot form a phrase. */
    private static String phraseKey(Reading r, int i, int len) {
        List<String> stems = new ArrayList<>();
        for (int k = i; k < i + len; k++) {
            Token t = r.tokens.get(k);
            if (r.taken[k] || t.kind() == Kind.SYMBOL || t.kind() == Kind.DATE) {
                return null;
            }
            if (t.kind() == Kind.QUOTED) {
                if (len > 1) {
                    return null;
                }
                stems.addAll(Text.textStems(t.raw()));
            } else {
                stems.add(t.stem());
            }
        }
        Token first = r.tokens.get(i);
        Token last = r.tokens.get(i + len - 1);
        if (first.kind() != Kind.QUOTED
                && (Vocabulary.isStopword(first.lower())
                        || Vocabulary.isStopword(last.lower())
                        || (len == 1 && first.kind() == Kind.NUMBER))) {
            return null;
        }
        return String.join(" ", stems);
    }

    private static void nouns(Reading r, SchemaIndex index) {
        for (int i = 0; i < r.tokens.size(); i++) {
            Token t = r.tokens.get(i);
            if (r.taken[i] || !t.isWord()) {
                continue;
            }
            String noun = Vocabulary.MEASURE_NOUNS.containsKey(t.stem()) ? t.stem() : t.lower();
            List<String> columnWords = Vocabulary.MEASURE_NOUNS.get(noun);
            if (columnWords != null) {
                List<ColumnTarget> columns = index.numericColumnsFor(columnWords);
                if (!columns.isEmpty()) {
                    r.add(new Noun(i, i + 1, noun, columns));
                }
            }
        }
    }

    /** Places, neutral words, and "show 5 customers". */
    private static void leftovers(Reading r) {
        for (int i = 0; i < r.tokens.size(); i++) {
            Token t = r.tokens.get(i);
            if (r.taken[i]) {
                continue;
            }
            if (t.capitalised()
                    && i > 0
                    && Set.of("in", "from", "at").contains(r.tokens.get(i - 1).lower())) {
                int end = i + 1;
                while (end < r.tokens.size()
                        && !r.taken[end]
                        && r.tokens.get(end).capitalised()) {
                    end++;
                }
                r.add(new Place(i, end, Text.span(r.tokens, i, end)));
                i = end - 1;
            } else if (t.isWord() && StopWords.NEUTRAL.contains(t.lower())) {
                r.add(new Neutral(i, i + 1));
            } else if (t.isInteger() && nextIsNameLink(r, i + 1)) {
                r.add(new Limit(i, i + 1, Integer.parseInt(t.lower())));
            }
        }
    }

    /** "5 products", "3 cities": a count of rows to show, before a table or column word. */
    private static boolean nextIsNameLink(Reading r, int i) {
        return r.items.stream()
                .anyMatch(it -> it.start() == i
                        && it instanceof Link l
                        && l.candidates().stream()
                                .anyMatch(c -> c.target() instanceof SchemaIndex.TableTarget
                                        || c.target() instanceof ColumnTarget));
    }

    // --- resolution ---

    /**
     * Picks one meaning per link: first the schema (in a multi-schema source the one most words
     * point at), then, per link, the candidate closest to the tables already certain.
     */
    private static void resolve(Reading r, SchemaIndex index, Set<TableInfo> context) {
        mergeTableColumns(r, index);
        namesOfBracketedValues(r);
        String schema = index.multiSchema() ? chooseSchema(r, index, context) : null;
        r.schema = schema;
        Set<TableInfo> anchors = new LinkedHashSet<>(context);
        List<Link> links = r.all(Link.class);
        for (Link l : links) {
            List<Candidate> kept = inSchema(l.candidates(), schema);
            if (kept.size() != l.candidates().size()) {
                Link narrowed = new Link(l.start(), l.end(), kept, false);
                r.replace(l, narrowed);
            }
        }
        // the tables the question names as tables (not through one of their columns)
        Set<TableInfo> namedTables = new LinkedHashSet<>(context);
        for (Link l : r.all(Link.class)) {
            TableInfo dominant = dominantTable(l);
            if (dominant != null
                    && l.candidates().stream()
                            .anyMatch(c -> c.target() instanceof SchemaIndex.TableTarget(TableInfo t)
                                    && t.equals(dominant)
                                    && c.weight() >= SchemaIndex.FULL)) {
                namedTables.add(dominant);
            }
        }
        for (Link l : r.all(Link.class)) {
            TableInfo dominant = dominantTable(l);
            TableInfo again = tableNamedAgain(l, namedTables);
            if (dominant != null && (again == null || again.equals(dominant))) {
                anchors.add(dominant);
            }
        }
        // "the population of California": the value names a row of the table whose own name column
        // holds it (state.state_name), so that table's columns win over those of tables that only
        // refer to it (city.state_name); a table the question names still wins over it
        Set<TableInfo> owners = new LinkedHashSet<>();
        for (Link l : r.all(Link.class)) {
            TableInfo owner = owner(l, index);
            if (owner != null && !anchors.contains(owner)) {
                owners.add(owner);
            }
        }
        for (Link l : r.all(Link.class)) {
            if (l.candidates().size() == 1) {
                continue;
            }
            List<Candidate> ranked = new ArrayList<>(l.candidates());
            Map<Candidate, Double> score = new HashMap<>();
            TableInfo again = tableNamedAgain(l, namedTables);
            for (Candidate c : ranked) {
                double ownerBonus = c.target().table() != null
                                && owners.contains(c.target().table())
                                && !anchors.contains(c.target().table())
                        ? OWNER_BONUS
                        : 0;
                double named = (c.target() instanceof SchemaIndex.TableTarget
                                        && c.target().table().equals(again))
                                || (c.target() instanceof ColumnTarget
                                        && c.target().table().equals(tableNamedJustBefore(r, l)))
                                || (c.target() instanceof SchemaIndex.ValueTarget
                                        && (c.target().table().equals(tableNamedJustBefore(r, l))
                                                || c.target().table().equals(tableNamedJustAfter(r, l))))
                        ? NAMED_BEFORE_BONUS
                        : 0;
                score.put(
                        c,
                        score(c, anchors, index)
                                + ownerBonus
                                + named
                                + direction(r, l, c)
                                + flagUse(r, l, c, index)
                                + otherWords(r, l, c, index));
            }
            ranked.sort(Comparator.comparingDouble((Candidate c) -> -score.get(c)));
            Candidate best = ranked.getFirst();
            Candidate second = ranked.get(1);
            boolean close = score.get(best) - score.get(second) < CLOSE_CALL
                    && !Objects.equals(best.target().table(), second.target().table());
            // a close call, or a column of a table the question names when the word went elsewhere
            // ("customers by name": stores.name, or the customers' first or last name)
            boolean bestElsewhere = !namedTables.contains(best.target().table());
            List<Candidate> rivals = ranked.stream()
                    .skip(1)
                    .filter(c -> score.get(best) - score.get(c) < CLOSE_CALL
                            || (bestElsewhere && namedTables.contains(c.target().table())))
                    .filter(c -> rivals(best, c))
                    .toList();
            if (!rivals.isEmpty()) {
                r.rivals.put(l.start(), rivals);
            }
            r.replace(l, new Link(l.start(), l.end(), List.of(best), close));
            if (best.target().table() != null) {
                anchors.add(best.target().table());
            }
        }
        for (Noun n : r.all(Noun.class)) {
            if (schema != null) {
                List<ColumnTarget> sorted = new ArrayList<>(n.columns());
                sorted.sort(Comparator.comparingInt(c -> schema.equals(SchemaIndex.schemaKey(c.table())) ? 0 : 1));
                r.replace(n, new Noun(n.start(), n.end(), n.noun(), sorted));
            }
        }
    }

    /**
     * "from Los Angeles (LAX)": a stored value in brackets right after a name says what the name
     * means in the data, so the name itself is read as said and not linked again (a city table the
     * question's rows may not join).
     */
    private static void namesOfBracketedValues(Reading r) {
        for (Link name : r.all(Link.class)) {
            int open = name.end();
            if (open + 2 >= r.tokens.size()
                    || !r.tokens.get(open).raw().equals("(")
                    || !r.tokens.get(name.start()).capitalised()) {
                continue;
            }
            boolean bracketedValue = r.all(Link.class).stream()
                    .anyMatch(v -> v.start() == open + 1
                            && v.end() < r.tokens.size()
                            && r.tokens.get(v.end()).raw().equals(")")
                            && v.candidates().stream().anyMatch(c -> c.target() instanceof SchemaIndex.ValueTarget));
            if (bracketedValue) {
                r.replace(name, new Neutral(name.start(), name.end()));
            }
        }
    }

    /**
     * "the average cost of round-trip fares": of two columns the word "cost" names, the one whose
     * other words the question all says elsewhere ({@code round_trip_cost}) is meant — words that
     * only count ("number", "total") aside. Only breaks near ties.
     */
    private static double otherWords(Reading r, Link l, Candidate c, SchemaIndex index) {
        if (!(c.target() instanceof ColumnTarget col)) {
            return 0;
        }
        Set<String> own = new HashSet<>();
        for (int k = l.start(); k < l.end(); k++) {
            own.add(r.tokens.get(k).stem());
        }
        Set<String> elsewhere = new HashSet<>();
        for (int k = 0; k < r.tokens.size(); k++) {
            if ((k < l.start() || k >= l.end()) && r.content(k)) {
                elsewhere.add(r.tokens.get(k).stem());
            }
        }
        List<String> others = Text.stems(index.words(col.table(), col.column())).stream()
                .filter(w -> !own.contains(w))
                .toList();
        boolean allSaid = !others.isEmpty()
                && others.stream()
                        .allMatch(
                                w -> !Vocabulary.isStopword(w) && !COUNTING_WORDS.contains(w) && elsewhere.contains(w));
        return allSaid ? OTHER_WORDS_BONUS : 0;
    }

    /**
     * "fares from JFK to LAX": a value after "from" is meant in a column named for where things start
     * ({@code from_airport}), one after "to" in a column named for where they end ({@code to_airport}).
     * A value written after its name in brackets ("from Chicago (ORD)") takes the word before the name.
     */
    private static double direction(Reading r, Link l, Candidate c) {
        if (!(c.target() instanceof SchemaIndex.ValueTarget v)) {
            return 0;
        }
        int k = l.start() - 1;
        if (k > 0 && r.tokens.get(k).raw().equals("(")) {
            k--;
            while (k > 0 && r.tokens.get(k).capitalised()) {
                k--;
            }
        }
        if (k < 0) {
            return 0;
        }
        String before = r.tokens.get(k).lower();
        Set<String> words = Set.copyOf(Text.identifierWords(v.column().name()));
        boolean from = FROM_WORDS.contains(before) && words.stream().anyMatch(FROM_COLUMN_WORDS::contains);
        boolean to = TO_WORDS.contains(before) && words.stream().anyMatch(TO_COLUMN_WORDS::contains);
        return from || to ? DIRECTION_BONUS : 0;
    }

    /** What a flag's own words gain as the flag, or as its column, when the sentence says which. */
    private static final double FLAG_READING = 0.02;

    /** Words before a flag's name that make it a noun: "the premium of each fare basis". */
    private static final Set<String> DETERMINERS = Set.of("the", "its", "their", "each", "every", "a", "an");

    /**
     * A flag's words ({@code fare_basis.premium} holding 'Yes'/'No') are an adjective setting the flag —
     * before a noun naming a table ("premium fares", "the premium fare basis codes"), or anywhere but
     * after a determiner ("codes that are premium") — or a noun naming its column after one ("the
     * premium of each fare basis", "its premium"). {@link #FLAG_READING} for the candidate the
     * sentence chooses, 0 for the other and for any other candidate.
     */
    private static double flagUse(Reading r, Link l, Candidate c, SchemaIndex index) {
        boolean flag = c.target() instanceof SchemaIndex.ValueTarget v && SchemaIndex.isFlag(v);
        boolean column = c.target() instanceof ColumnTarget col
                && l.candidates().stream()
                        .anyMatch(o -> o.target() instanceof SchemaIndex.ValueTarget v
                                && SchemaIndex.isFlag(v)
                                && v.table().equals(col.table())
                                && v.column().equals(col.column()));
        if (!flag && !column) {
            return 0;
        }
        boolean beforeTable = l.end() < r.tokens.size()
                && index.lookup(r.tokens.get(l.end()).stem()).stream().anyMatch(o -> o.target() instanceof TableTarget);
        boolean afterDeterminer = l.start() > 0
                && DETERMINERS.contains(r.tokens.get(l.start() - 1).lower());
        boolean adjective = beforeTable || !afterDeterminer;
        return adjective == flag ? FLAG_READING : 0;
    }

    /**
     * Whether two meanings of the same words are rivals a person should choose between: two columns
     * (or a value in two columns), each named by the words themselves rather than by a comment.
     */
    private static boolean rivals(Candidate best, Candidate other) {
        boolean bothColumns = best.target() instanceof ColumnTarget && other.target() instanceof ColumnTarget;
        boolean bothValues = best.target() instanceof SchemaIndex.ValueTarget bv
                && other.target() instanceof SchemaIndex.ValueTarget ov
                && !(bv.table().equals(ov.table()) && bv.column().equals(ov.column()));
        return (bothColumns || bothValues)
                && !best.target().equals(other.target())
                && best.weight() >= SchemaIndex.PARTIAL
                && other.weight() >= SchemaIndex.PARTIAL;
    }

    /**
     * "lakes in states with an area over 1000": the table named right before a column word, with
     * only "with"/"having"/"whose" and stop words between, is the table whose column is meant.
     */
    private static TableInfo tableNamedJustBefore(Reading r, Link column) {
        Link before = null;
        for (Link l : r.all(Link.class)) {
            if (l.end() <= column.start() && (before == null || l.end() > before.end())) {
                before = l;
            }
        }
        if (before == null || !(before.target() instanceof SchemaIndex.TableTarget t)) {
            return null;
        }
        for (int k = before.end(); k < column.start(); k++) {
            String w = r.tokens.get(k).lower();
            if (!Vocabulary.isStopword(w) && !Set.of("having", "whose").contains(w)) {
                return null;
            }
        }
        return t.table();
    }

    /**
     * "students in the Computer Science program": the table named right after a value, with nothing
     * between them, is the table whose row the value names (program.name, not course.department).
     */
    private static TableInfo tableNamedJustAfter(Reading r, Link value) {
        for (Link l : r.all(Link.class)) {
            if (l.start() == value.end()) {
                return l.target() instanceof SchemaIndex.TableTarget t ? t.table() : null;
            }
        }
        return null;
    }

    /**
     * The one table whose own name column holds the linked value ({@code state.state_name} for
     * "California"), when the value is found there and elsewhere only as a reference; else null.
     */
    private static TableInfo owner(Link l, SchemaIndex index) {
        Set<TableInfo> owners = new LinkedHashSet<>();
        boolean value = false;
        for (Candidate c : l.candidates()) {
            if (c.target() instanceof SchemaIndex.ValueTarget v) {
                value = true;
                if (index.namesRows(v.table(), v.column())) {
                    owners.add(v.table());
                }
            }
        }
        return value && owners.size() == 1 ? owners.iterator().next() : null;
    }

    /**
     * "sales amount", "customer email": a table word right before one of its columns names that column.
     * "business category", "customer orders": a table word right before a table whose rows belong to
     * it (a key of theirs references it) names that table: the categories of businesses.
     */
    private static void mergeTableColumns(Reading r, SchemaIndex index) {
        List<Link> links = r.all(Link.class);
        for (int k = 0; k + 1 < links.size(); k++) {
            Link table = links.get(k);
            Link column = links.get(k + 1);
            if (table.end() != column.start()) {
                continue;
            }
            // "transaction statuses": a table named by the last word of its name, then one of its columns
            Set<TableInfo> tables = new LinkedHashSet<>();
            table.candidates().stream()
                    .filter(c -> c.target() instanceof SchemaIndex.TableTarget && c.weight() >= SchemaIndex.HEAD_NOUN)
                    .forEach(c -> tables.add(c.target().table()));
            List<Candidate> columns = column.candidates().stream()
                    .filter(c -> c.target() instanceof ColumnTarget
                            && c.weight() >= SchemaIndex.PARTIAL - 0.1
                            && tables.contains(c.target().table()))
                    .toList();
            if (columns.isEmpty()) {
                columns = column.candidates().stream()
                        .filter(c -> c.target() instanceof SchemaIndex.TableTarget(TableInfo owned)
                                && c.weight() >= SchemaIndex.FULL
                                && tables.stream().anyMatch(t -> belongsTo(owned, t, index)))
                        .toList();
            }
            if (!columns.isEmpty()) {
                r.items.remove(column);
                r.replace(table, new Link(table.start(), column.end(), columns, false));
                links = r.all(Link.class);
            }
        }
    }

    /** Whether a key of {@code owned}'s rows references {@code owner}: one step, to one. */
    private static boolean belongsTo(TableInfo owned, TableInfo owner, SchemaIndex index) {
        if (owned.equals(owner)) {
            return false;
        }
        List<SchemaIndex.Edge> way = index.path(List.of(owned), owner);
        return way != null && way.size() == 1 && way.getFirst().toOne();
    }

    /**
     * "successful transactions for wallet transactions": a word that names, less than in full (its head
     * noun), a table the question names in full elsewhere ({@code wallet_transactions_daily}) says that
     * table again, even where it is also, in full, a value of another table ({@code notifications.type =
     * 'transaction'}). That table, or null. Such a link anchors no other table, and the named table is
     * its meaning.
     */
    private static TableInfo tableNamedAgain(Link l, Set<TableInfo> namedTables) {
        return l.candidates().stream()
                .filter(c -> c.weight() < SchemaIndex.FULL)
                .map(Candidate::target)
                .filter(t -> t instanceof SchemaIndex.TableTarget && namedTables.contains(t.table()))
                .map(Target::table)
                .findFirst()
                .orElse(null);
    }

    /**
     * The table a link surely means: its only table, or a table named in full while every other
     * meaning is a partial or comment match ("users" is the users table, not plans.max_users).
     */
    private static TableInfo dominantTable(Link l) {
        Candidate top = l.candidates().stream()
                .max(Comparator.comparingDouble(Candidate::weight))
                .orElseThrow();
        TableInfo table = top.target().table();
        if (table == null) {
            return null;
        }
        boolean alone = l.candidates().stream()
                .allMatch(c -> table.equals(c.target().table())
                        || (top.weight() >= SchemaIndex.FULL && c.weight() < SchemaIndex.FULL));
        return alone ? table : null;
    }

    private static double score(Candidate c, Set<TableInfo> anchors, SchemaIndex index) {
        Target t = c.target();
        double s = c.weight();
        TableInfo table = t.table();
        if (table == null) {
            return s;
        }
        if (anchors.contains(table)) {
            s += 0.5;
        } else {
            int nearest = anchors.stream()
                    .mapToInt(a -> index.distance(a, table))
                    .min()
                    .orElse(Integer.MAX_VALUE);
            if (nearest != Integer.MAX_VALUE) {
                s += 0.3 / (1 + nearest);
            }
        }
        // a bare word names a table before it names a column of some other table
        return t instanceof SchemaIndex.TableTarget ? s + 0.05 : s;
    }

    private static List<Candidate> inSchema(List<Candidate> candidates, String schema) {
        if (schema == null) {
            return candidates;
        }
        List<Candidate> kept = candidates.stream()
                .filter(c -> c.target() instanceof SchemaTarget
                        || (c.target().table() != null
                                && schema.equals(
                                        SchemaIndex.schemaKey(c.target().table()))))
                .toList();
        return kept.isEmpty() ? candidates : kept;
    }

    private static String chooseSchema(Reading r, SchemaIndex index, Set<TableInfo> context) {
        Map<String, Double> votes = new HashMap<>();
        for (TableInfo t : context) {
            votes.merge(SchemaIndex.schemaKey(t), 2.0, Double::sum);
        }
        for (Binding b : r.bindings) {
            // a domain the user chose outweighs what the words say
            index.table(b.table()).ifPresent(t -> votes.merge(SchemaIndex.schemaKey(t), 10.0, Double::sum));
        }
        for (Link l : r.all(Link.class)) {
            // a word votes for the schemas holding its best meaning: "accounts" is the finance
            // table before it is a word in some other schema's comment
            Map<String, Double> best = new HashMap<>();
            for (Candidate c : l.candidates()) {
                if (c.target() instanceof SchemaTarget s) {
                    votes.merge(s.schema(), 3.0, Double::sum);
                    continue;
                }
                // a named table says more about the domain than a column word does
                double w = c.target() instanceof SchemaIndex.TableTarget ? c.weight() * 1.5 : c.weight();
                best.merge(SchemaIndex.schemaKey(c.target().table()), w, Math::max);
            }
            double top = best.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
            List<String> winners = best.entrySet().stream()
                    .filter(e -> e.getValue() >= top - 1e-9)
                    .map(Map.Entry::getKey)
                    .toList();
            for (String schema : winners) {
                votes.merge(schema, top / winners.size(), Double::sum);
            }
        }
        for (Noun n : r.all(Noun.class)) {
            Set<String> schemas = new LinkedHashSet<>();
            n.columns().forEach(c -> schemas.add(SchemaIndex.schemaKey(c.table())));
            for (String schema : schemas) {
                votes.merge(schema, 0.5 / schemas.size(), Double::sum);
            }
        }
        if (votes.isEmpty()) {
            return null;
        }
        List<String> order = index.snapshot().tables().stream()
                .map(SchemaIndex::schemaKey)
                .distinct()
                .toList();
        String preferred = index.snapshot().defaultSchema();
        List<Map.Entry<String, Double>> ranked = votes.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue())
                        .thenComparing(e -> e.getKey().equalsIgnoreCase(String.valueOf(preferred)) ? 0 : 1)
                        .thenComparing(e -> order.indexOf(e.getKey())))
                .toList();
        if (ranked.isEmpty()) {
            return null;
        }
        r.schemaTossUp =
                ranked.size() > 1 && ranked.get(0).getValue() - ranked.get(1).getValue() < 0.5;
        if (r.schemaTossUp) {
            double top = ranked.getFirst().getValue();
            List<String> close = ranked.stream()
                    .filter(e -> top - e.getValue() < 0.5)
                    .map(Map.Entry::getKey)
                    .toList();
            schemaRivals(r, close);
        }
        return ranked.getFirst().getKey();
    }

    /**
     * The first word that names a column (or holds a value) in more than one of the close schemas,
     * and its best meaning in each of them, in the order of the schemas. A question naming a table
     * that several schemas have ("customers") is not asked about: the source's default schema and
     * the order of its schemas decide it, as they always did.
     */
    private static void schemaRivals(Reading r, List<String> schemas) {
        for (Link l : r.all(Link.class)) {
            long tables = l.candidates().stream()
                    .filter(c -> c.target() instanceof SchemaIndex.TableTarget && c.weight() >= SchemaIndex.FULL)
                    .map(c -> SchemaIndex.schemaKey(c.target().table()))
                    .filter(schemas::contains)
                    .distinct()
                    .count();
            if (tables > 1) {
                return; // the question names a table several domains have: decided as before, not asked
            }
        }
        for (Link l : r.all(Link.class)) {
            List<Candidate> perSchema = new ArrayList<>();
            for (String schema : schemas) {
                l.candidates().stream()
                        .filter(c -> c.target().table() != null
                                && !(c.target() instanceof SchemaIndex.TableTarget)
                                && c.weight() >= SchemaIndex.FULL
                                && schema.equals(
                                        SchemaIndex.schemaKey(c.target().table())))
                        .max(Comparator.comparingDouble(Candidate::weight))
                        .ifPresent(perSchema::add);
            }
            if (perSchema.size() > 1) {
                r.schemaWord = r.text(l);
                r.schemaRivals = List.copyOf(perSchema);
                return;
            }
        }
    }
}
