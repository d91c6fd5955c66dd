package dev.querent.semantics;

import static java.util.Map.entry;

import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.semantics.description.QuestionConcepts;
import dev.querent.semantics.description.SchemaLabels;
import dev.querent.semantics.description.Vocabulary;
import dev.querent.semantics.description.Words;
import dev.querent.semantics.lexicon.AttributeWords;
import dev.querent.semantics.lexicon.Demonyms;
import dev.querent.semantics.lexicon.Months;
import dev.querent.semantics.lexicon.Phrases;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.reading.DatePhrases;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how well a back-translated query agrees with the question, both ways: what the question
 * asks for must be in the SQL, and every restriction or grouping the SQL applies must have been
 * asked for. Deterministic and LLM-free.
 */
public final class AgreementScorer {

    private static final Concept COUNT = ConceptKind.AGG.of("count");
    private static final Concept COUNT_DISTINCT = ConceptKind.AGG.of("count_distinct");
    private static final Concept SUM = ConceptKind.AGG.of("sum");
    private static final Concept AVG = ConceptKind.AGG.of("avg");
    private static final Concept MAX = ConceptKind.AGG.of("max");
    private static final Concept MIN = ConceptKind.AGG.of("min");
    private static final Concept RANK_ANY = ConceptKind.RANK.of("any");
    private static final Concept COMPARE_GT = ConceptKind.COMPARE.of("gt");

    /** At or above this score (with nothing critical missing or extra) the SQL agrees with the question. */
    public static final double AGREES_THRESHOLD = 0.8;

    /** At or above this score the SQL partly agrees; below it, it disagrees. */
    public static final double PARTIAL_THRESHOLD = 0.5;

    /**
     * Each critical discrepancy (a wrong aggregate, year, value, limit, grouping, or a filter nobody
     * asked for) multiplies the score by this, so one is enough to rule out {@link Verdict#AGREES}
     * however much else matches; the kinds in {@code MISSING_PENALTY} and {@code EXTRA_PENALTY}
     * weigh more or less.
     */
    static final double CRITICAL_PENALTY = 0.7;

    /**
     * The score of SQL that covers none of the question's concepts but contradicts nothing; full
     * coverage scores 1. Tuned on the dev half of the validator benchmark.
     */
    static final double COVERAGE_FLOOR = 0.5;

    /**
     * How much a missing concept of each kind multiplies the score, where it differs from {@link
     * #CRITICAL_PENALTY}. From how much more often each kind of discrepancy marks wrong SQL than right
     * SQL on the dev half of the validator benchmark: a missing comparison, superlative, year, limit,
     * direction or negation is strong evidence; a missing grain or month (often worded loosely) weak.
     */
    private static final Map<ConceptKind, Double> MISSING_PENALTY = Map.of(
            ConceptKind.COMPARE, 0.6,
            ConceptKind.BOUND, 0.6,
            ConceptKind.RANK, 0.6,
            ConceptKind.YEAR, 0.6,
            ConceptKind.LIMIT, 0.6,
            ConceptKind.ORDER, 0.6,
            ConceptKind.NEGATION, 0.6,
            ConceptKind.GRAIN, 0.9,
            ConceptKind.MONTH, 0.9,
            ConceptKind.RECENT, 0.9);

    /**
     * The same for what the SQL adds unasked: an odd join or sum of keys is almost never right, an
     * added limit or year seldom; an extra negation, grouping or flag is as common in right SQL as in
     * wrong, so it only shades the score.
     */
    private static final Map<ConceptKind, Double> EXTRA_PENALTY = Map.of(
            ConceptKind.ODD, 0.4,
            ConceptKind.LIMIT, 0.55,
            ConceptKind.YEAR, 0.6,
            ConceptKind.COMPARE, 0.65,
            ConceptKind.NEGATION, 0.9,
            ConceptKind.GROUP, 0.9,
            ConceptKind.FLAG, 0.9,
            ConceptKind.VALUE, 0.8);

    /** When neither side gives anything to compare, nothing is confirmed and nothing is contradicted. */
    static final double NO_EVIDENCE_SCORE = 0.5;

    /** How much each kind of concept counts towards coverage. */
    private static final Map<ConceptKind, Double> WEIGHTS = Map.ofEntries(
            entry(ConceptKind.AGG, 3.0),
            entry(ConceptKind.GRAIN, 3.0),
            entry(ConceptKind.ODD, 3.0),
            entry(ConceptKind.YEAR, 3.0),
            entry(ConceptKind.MONTH, 3.0),
            entry(ConceptKind.VALUE, 3.0),
            entry(ConceptKind.LIMIT, 3.0),
            entry(ConceptKind.RANK, 2.0),
            entry(ConceptKind.GROUP, 2.0),
            entry(ConceptKind.COMPARE, 2.0),
            entry(ConceptKind.NEGATION, 2.0),
            entry(ConceptKind.RECENT, 2.0),
            entry(ConceptKind.FLAG, 2.0),
            entry(ConceptKind.WORD, 1.0),
            entry(ConceptKind.TERM, 1.0),
            entry(ConceptKind.DISTINCT, 1.0),
            entry(ConceptKind.ORDER, 1.0));

    /**
     * A question word naming a table the SQL never reads may be a wrong-table mistake, so it weighs
     * more than a column word (often just phrased differently, "units" for quantity). One alone is not
     * critical, since tables are named by synonyms too ("visitors" of a visit table); reading none of
     * the tables the question names is.
     */
    private static final double TABLE_WORD_WEIGHT = 2.0;

    /**
     * Aggregates a question always words (an average is asked for as such, a maximum as a
     * superlative), with the question concepts that ask for each. Counts and sums are often implied
     * ("how many", "revenue"), so they are not checked this way.
     */
    private static final Map<Concept, List<Concept>> CHECKED_AGGREGATES = Map.of(
            AVG, List.of(AVG),
            MAX, List.of(MAX, ConceptKind.RANK.of("high"), RANK_ANY, ConceptKind.ORDER.of("desc")),
            MIN, List.of(MIN, ConceptKind.RANK.of("low"), RANK_ANY, ConceptKind.ORDER.of("asc")));

    /** Question concepts whose absence from the SQL changes the answer, not just its wording. */
    private static final Set<ConceptKind> CRITICAL_WHEN_MISSING = EnumSet.of(
            ConceptKind.AGG,
            ConceptKind.RANK,
            ConceptKind.GRAIN,
            ConceptKind.GROUP,
            ConceptKind.YEAR,
            ConceptKind.MONTH,
            ConceptKind.VALUE,
            ConceptKind.LIMIT,
            ConceptKind.COMPARE,
            ConceptKind.NEGATION,
            ConceptKind.RECENT,
            ConceptKind.ORDER);

    private static final Concept RECENT = ConceptKind.RECENT.flag();

    private final Clock clock;

    public AgreementScorer() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock what "today" is: a period the question names relative to it ("last week") is met
     *     by SQL that writes the period's dates out, as the planner's SQL does
     */
    public AgreementScorer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Compares {@code question} with {@code translation}. A translation that could not be described
     * disagrees: nothing in it can vouch for the SQL.
     *
     * @param schemaOrNull when given, question words are linked to table and column names and to
     *     sample values; without it every content word of the question is a weak term
     */
    public Agreement score(String question, BackTranslation translation, SchemaSnapshot schemaOrNull) {
        return score(question, null, translation, schemaOrNull);
    }

    /**
     * As {@link #score(String, BackTranslation, SchemaSnapshot)}, with the instructions that came with
     * the question as {@code hints}: what they mention may justify the SQL ("only successful
     * transactions" defined in a rate's formula), and the SQL need not show it.
     */
    public Agreement score(String question, String hints, BackTranslation translation, SchemaSnapshot schemaOrNull) {
        Objects.requireNonNull(translation, "translation");
        SchemaLabels schema = SchemaLabels.of(schemaOrNull);
        QuestionConcepts.Analysis q = QuestionConcepts.analyse(question, hints, schema);
        if (!translation.described()) {
            return new Agreement(0.0, List.copyOf(q.concepts()), List.of(), Verdict.DISAGREES);
        }
        SqlSide sql = new SqlSide(translation.concepts(), schema, countsDaysFromWeekday(q));
        boolean sqlLimited = translation.concepts().stream().anyMatch(c -> c.kind() == ConceptKind.LIMIT);
        Map<Concept, Concept> codes = codesForNames(q, sql, translation.concepts(), sqlLimited, schema);
        Set<Concept> periodYears = periodWrittenOut(question, q, translation.concepts());

        double matched = 0;
        double total = 0;
        List<Concept> missing = new ArrayList<>();
        double penalty = 1;
        int tableWords = 0;
        int tableWordsRead = 0;
        for (Concept c : q.concepts()) {
            ConceptKind kind = c.kind();
            if (kind == ConceptKind.VALUE && storedOnlyInUnreadTables(c.value(), sql, schema)) {
                // "a one-way trip" matches a stored 'One-Way' of a table the SQL never reads: the words
                // are the question's wording (read from a column such as one_direction_cost), not a filter
                // on that table. A dropped filter keeps its table, so it is still missed.
                continue;
            }
            boolean tableWord = kind == ConceptKind.WORD && schema.isTableStem(c.value());
            double w = tableWord ? TABLE_WORD_WEIGHT : WEIGHTS.getOrDefault(kind, 1.0);
            total += w;
            tableWords += tableWord ? 1 : 0;
            Concept misbound = misboundNumber(c, q, sql);
            if (misbound == null
                    && (sql.satisfies(c, kind)
                            || countHeldInColumn(c, q, sql, schema)
                            || boundWrittenStrictly(c, q, sql)
                            || codes.containsKey(c)
                            || (c.equals(RECENT) && !periodYears.isEmpty())
                            || (c.equals(ConceptKind.NEGATION.flag()) && sql.countsPerAskedGroup(q))
                            || (c.equals(COMPARE_GT) && q.bounds().containsKey("gt 0") && sql.hasFlag()))) {
                matched += w;
                tableWordsRead += tableWord ? 1 : 0;
            } else if (misbound != null) {
                missing.add(misbound);
                penalty *= MISSING_PENALTY.get(ConceptKind.BOUND);
            } else {
                missing.add(c);
                if (kind == ConceptKind.GRAIN && q.stems().contains(c.value()) && sql.aggregates() && !sql.groups()) {
                    // A grain loosely worded ("monthly") is weak evidence, but "in each month" over an aggregate
                    // with no grouping at all is one figure, never one per month.
                    penalty *= CRITICAL_PENALTY;
                } else if (CRITICAL_WHEN_MISSING.contains(kind)) {
                    penalty *= MISSING_PENALTY.getOrDefault(kind, CRITICAL_PENALTY);
                }
            }
        }

        if (tableWords > 0 && tableWordsRead == 0) {
            // None of the tables the question names is read: the SQL answers about something else.
            penalty *= CRITICAL_PENALTY;
        }

        // What a definition in the question mentions counts when the SQL shows it, and is no loss when it does not.
        for (Concept c : q.optional()) {
            ConceptKind kind = c.kind();
            if (sql.satisfies(c, kind)) {
                double w = WEIGHTS.getOrDefault(kind, 1.0);
                total += w;
                matched += w;
            }
        }

        List<Concept> extra = new ArrayList<>();
        for (Concept c : translation.concepts()) {
            ConceptKind kind = c.kind();
            if (!kind.restriction() && !kind.dimension() && !CHECKED_AGGREGATES.containsKey(c)) {
                continue;
            }
            double w = WEIGHTS.getOrDefault(kind, 1.0);
            total += w;
            if (asked(c, kind, q, sqlLimited, schema, translation.concepts())
                    || codes.containsValue(c)
                    || periodYears.contains(c)) {
                matched += w;
            } else {
                extra.add(c);
                penalty *= EXTRA_PENALTY.getOrDefault(kind, CRITICAL_PENALTY);
            }
        }

        // The columns returned: one identifier nobody named (the names of the authors asked about) is how
        // rows are shown; more than that, or a specific column the question never mentions, answers more.
        // A name shows which row a result is, but once the result shows a name the question asked for
        // ("the cities ... city_name"), another one of something it never mentions (country_name) is extra.
        boolean nameShown = translation.concepts().stream()
                .filter(c -> c.kind() == ConceptKind.COLUMN)
                .map(Concept::value)
                .anyMatch(c -> isNamePart(c) && mentionedColumn(c, q));
        // Beside a name the question asks for, a key it never asks for ("the names of the journals":
        // journalname, journalid) is a column more, though its table is named.
        boolean idWords = q.stems().contains("id")
                || q.stems().contains("ids")
                || q.stems().contains(Stemmer.stem("identifier"));
        List<Concept> unmentioned = translation.concepts().stream()
                .filter(c -> c.kind() == ConceptKind.COLUMN)
                .filter(c -> !(mentionedColumn(c.value(), q) || (idWords && keyOfNamedTable(c.value(), q, schema)))
                        || (nameShown && !idWords && keyColumn(c.value())))
                .toList();
        // When the question asks for an identifier and the SQL returns it ("give the student id"), that is
        // how rows are shown, and a name besides it is a column nobody asked for.
        boolean idAsked = translation.concepts().stream()
                .filter(c -> c.kind() == ConceptKind.COLUMN)
                .map(Concept::value)
                .anyMatch(c ->
                        isIdentifier(c) && mentionedColumn(c, q) && q.stems().contains("id"));
        List<Concept> unnamed = unmentioned.stream()
                .filter(c -> idAsked || !isNamePart(c.value()) || (nameShown && namesAnotherThing(c.value())))
                .toList();
        for (Concept c : unnamed) {
            boolean generic = Words.tokens(c.value()).stream()
                    .allMatch(w -> Vocabulary.GENERIC_COLUMN_WORDS.contains(w) || IDENTIFYING_WORDS.contains(w));
            if (unnamed.size() > 1 || !generic || idAsked) {
                extra.add(c);
                total += COLUMN_WEIGHT;
                penalty *= CRITICAL_PENALTY;
            }
        }

        // An attribute the question asks to be shown ("the names and areas of the lakes") that the result
        // does not return: the answer lacks a column the question wants.
        for (String requested : q.requested()) {
            List<String> alternatives =
                    List.of(requested.split(java.util.regex.Pattern.quote(QuestionConcepts.ALTERNATIVE)));
            String attribute = alternatives.getFirst();
            if (alternatives.stream().noneMatch(sql::returns)) {
                missing.add(ConceptKind.COLUMN.of(attribute));
                total += COLUMN_WEIGHT;
                penalty *= CRITICAL_PENALTY;
            } else {
                total += COLUMN_WEIGHT;
                matched += COLUMN_WEIGHT;
            }
        }

        // Coverage only shades the score: words are phrased many ways, so a missing one is weak evidence,
        // while each critical discrepancy is strong evidence of a different answer.
        double coverage = total == 0 ? NO_EVIDENCE_SCORE : matched / total;
        double score = (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage) * penalty;
        score = Math.round(score * 1000) / 1000.0;
        return new Agreement(score, missing, extra, verdict(score));
    }

    /**
     * The years and months of the dates SQL writes out for a period the question names relative to
     * today ("last week" as {@code >= DATE '2026-11-23'}, "the previous month" as November's dates),
     * when the SQL names no relative period itself; empty otherwise. A date outside the period's years
     * or months is no such rendering and stays an unasked year or month.
     */
    private Set<Concept> periodWrittenOut(
            String question, QuestionConcepts.Analysis q, Collection<Concept> sqlConcepts) {
        if (!q.concepts().contains(RECENT) || sqlConcepts.contains(RECENT)) {
            return Set.of();
        }
        DatePhrases.Covered period = DatePhrases.covered(question, LocalDate.now(clock));
        Set<Concept> written = new HashSet<>();
        for (Concept c : sqlConcepts) {
            if (q.concepts().contains(c)) {
                continue;
            }
            if (c.kind() == ConceptKind.YEAR
                    && c.value().chars().allMatch(Character::isDigit)
                    && period.years().contains(Integer.parseInt(c.value()))) {
                written.add(c);
            }
            // "the previous month" written out as November's dates
            if (c.kind() == ConceptKind.MONTH && period.months().contains(Months.NAMES.indexOf(c.value()) + 1)) {
                written.add(c);
            }
        }
        return written;
    }

    static Verdict verdict(double score) {
        if (score >= AGREES_THRESHOLD) {
            return Verdict.AGREES;
        }
        return score >= PARTIAL_THRESHOLD ? Verdict.PARTIAL : Verdict.DISAGREES;
    }

    /** Whether a year lies strictly between two years the question names. */
    private static boolean insideNamedYears(String year, QuestionConcepts.Analysis q) {
        if (!Words.isYear(year)) {
            return false;
        }
        int y = Integer.parseInt(year);
        List<Integer> named = q.numbers().stream()
                .filter(Words::isYear)
                .map(Integer::parseInt)
                .toList();
        return named.stream().anyMatch(a -> a < y) && named.stream().anyMatch(b -> b > y);
    }

    /**
     * Whether the question asked for a restriction or grouping the SQL applies; {@code sqlConcepts} are
     * all the SQL's, for the operator a number is compared with.
     */
    private static boolean asked(
            Concept concept,
            ConceptKind kind,
            QuestionConcepts.Analysis q,
            boolean sqlLimited,
            SchemaLabels schema,
            Set<Concept> sqlConcepts) {
        if (q.mentioned().contains(concept)) {
            return true;
        }
        String payload = concept.value();
        return switch (kind) {
            case VALUE -> {
                String n = Words.normaliseNumber(payload);
                if (n != null) {
                    yield q.numbers().contains(n) || strictBound(n, q, sqlConcepts);
                }
                // "on weekends" is the days Saturday and Sunday; "weekdays" the others.
                if (WEEKDAYS.contains(payload) && WEEK_PART_STEMS.stream().anyMatch(q.stems()::contains)) {
                    yield true;
                }
                // "the 2 days before Saturday" are days the question counts from the one it names.
                if (WEEKDAYS.contains(payload) && countsDaysFromWeekday(q)) {
                    yield true;
                }
                if (payload.length() == 1 && Character.isLetter(payload.charAt(0))) {
                    yield oneLetterCodeAsked(payload.charAt(0), q);
                }
                List<String> stems = Words.contentStems(payload);
                // 'success' is asked by "successful transactions"
                yield q.mentioned().stream()
                                .filter(c -> c.kind() == ConceptKind.VALUE)
                                .anyMatch(c -> sameValue(c.value(), payload))
                        || (!stems.isEmpty()
                                && stems.stream()
                                        .allMatch(st -> q.stems().contains(st)
                                                || q.stems().contains(st + "ful")));
            }
            case AGG ->
                CHECKED_AGGREGATES.get(concept).stream().anyMatch(q.mentioned()::contains)
                        // "larger than any country in Africa" compares with the largest of them.
                        || ((concept.equals(MAX) || concept.equals(MIN))
                                && q.stems().contains("any")
                                && q.mentioned().stream().anyMatch(c -> c.kind() == ConceptKind.COMPARE))
                        || (concept.equals(MAX) && q.stems().contains("last"))
                        || (concept.equals(MIN) && q.stems().contains("first"));
            // "between 1987/7/6 and 1996/1/31": the years inside a range the question names are asked too.
            case YEAR -> q.numbers().contains(payload) || insideNamedYears(payload, q);
            case COMPARE ->
                (payload.equals("gt") ? LATER_WORDS : EARLIER_WORDS)
                        .stream().map(Stemmer::stem).anyMatch(q.stems()::contains);
            case LIMIT ->
                q.numbers().contains(payload)
                        || (payload.equals("1")
                                && (asksForOne(q.mentioned())
                                        || q.stems().contains("first")
                                        || q.stems().contains("last")));
            case FLAG -> Words.contentStems(payload).stream().anyMatch(q.stems()::contains);
            // "on weekdays" is often written as the days that are NOT Saturday or Sunday.
            case NEGATION -> q.stems().contains(Stemmer.stem("weekday"));
            case GROUP -> {
                // "the nation with the most languages" groups by nation to rank the groups, unasked in words.
                if (q.mentioned().stream().anyMatch(c -> c.kind() == ConceptKind.RANK) && sqlLimited) {
                    yield true;
                }
                // GROUP BY ContId groups by the continent the question names.
                if (groupedTables(payload, schema).stream().anyMatch(q.stems()::containsAll)) {
                    yield true;
                }
                // GROUP BY month, the alias of DATE_TRUNC('month', …), is the breakdown "monthly" asks for.
                QueryPlan.TimeGrain grain = Phrases.GRAIN_NOUNS.get(payload);
                if (grain != null
                        && q.mentioned()
                                .contains(ConceptKind.GRAIN.of(grain.name().toLowerCase(Locale.ROOT)))) {
                    yield true;
                }
                List<String> words = Words.tokens(payload).stream()
                        .filter(w -> !Vocabulary.STOPWORDS.contains(w))
                        .toList();
                List<String> specific = words.stream()
                        .filter(w -> !Vocabulary.GENERIC_COLUMN_WORDS.contains(w))
                        .toList();
                yield (specific.isEmpty() ? words : specific)
                        .stream()
                                .map(Stemmer::stem)
                                .anyMatch(w -> q.stems().contains(w)
                                        || q.stems().stream().anyMatch(s -> compoundOf(w, s)));
            }
            default -> false;
        };
    }

    /**
     * A one-letter code the SQL compares with: 'F' for "female", 'L' for "left handed" (the first
     * letter of a word of the question), 'T' or 'Y' for a flag the question asserts ("official
     * languages": {@code IsOfficial = 'T'}), 'F' or 'N' for one it denies.
     */
    private static boolean oneLetterCodeAsked(char code, QuestionConcepts.Analysis q) {
        boolean negated = q.mentioned().contains(ConceptKind.NEGATION.flag());
        if (code == 't' || code == 'y') {
            if (!negated) {
                return true;
            }
        } else if ((code == 'f' || code == 'n') && negated) {
            return true;
        }
        return q.stems().stream()
                .filter(w -> w.length() >= 3 && !Vocabulary.STOPWORDS.contains(w))
                .anyMatch(w -> w.charAt(0) == code);
    }

    /** Words that count people, whom a population column already counts ("how many people live in ..."). */
    private static final Set<String> PEOPLE_STEMS = Set.of(
            Stemmer.stem("people"), Stemmer.stem("inhabitants"), Stemmer.stem("residents"), Stemmer.stem("citizens"));

    /**
     * "How many stops do they have", "the total number of credits earned": what is counted may be a
     * column that already holds the count (stops, total_credit), read as it is or summed. Only a
     * numeric column that is not a key holds a count.
     */
    private static boolean countHeldInColumn(
            Concept concept, QuestionConcepts.Analysis q, SqlSide sql, SchemaLabels schema) {
        if (!concept.equals(COUNT)) {
            return false;
        }
        return q.counted().stream().filter(schema::isQuantityColumnStem).anyMatch(sql::readsWord)
                || (PEOPLE_STEMS.stream().anyMatch(q.stems()::contains) && sql.readsWord(Stemmer.stem("population")));
    }

    /**
     * Whether a question value is only linked to stored sample values of tables the SQL does not
     * read at all: then it is no filter the SQL dropped, since a dropped filter leaves its table.
     */
    private static boolean storedOnlyInUnreadTables(String value, SqlSide sql, SchemaLabels schema) {
        if (sql.satisfies(ConceptKind.VALUE.of(value), ConceptKind.VALUE)) {
            return false;
        }
        Set<String> tables = schema.tablesHolding(value);
        return !tables.isEmpty() && tables.stream().noneMatch(sql::readsTable);
    }

    /**
     * "more than 2" written {@code >= 2}: the SQL bounds the question's number, but in none of the ways the
     * question's bound is written right ({@code > 2}, {@code >= 3}). The question's bound as worded, or null.
     */
    private static Concept misboundNumber(Concept concept, QuestionConcepts.Analysis q, SqlSide sql) {
        if (concept.kind() != ConceptKind.VALUE || boundWrittenStrictly(concept, q, sql)) {
            return null;
        }
        String asWorded = q.bounds().entrySet().stream()
                .filter(b -> b.getValue().equals(concept.value()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        return asWorded != null && sql.boundsNumber(concept.value()) ? ConceptKind.BOUND.of(asWorded) : null;
    }

    /** "at least 3" met by {@code > 2}, "over 19" by {@code >= 20}: the same bound, with the operator that makes it so. */
    private static boolean boundWrittenStrictly(Concept concept, QuestionConcepts.Analysis q, SqlSide sql) {
        if (concept.kind() != ConceptKind.VALUE) {
            return false;
        }
        return q.bounds().entrySet().stream()
                .anyMatch(b -> b.getValue().equals(concept.value())
                        && sql.satisfies(ConceptKind.BOUND.of(b.getKey()), ConceptKind.BOUND));
    }

    /**
     * A place or thing the question names ("to Los Angeles") that the SQL filters by its code ('LAX'):
     * pairs each question value the SQL does not show with the one unasked short code in the SQL that
     * starts with the same letter, when exactly one does. Question value concept to SQL value concept.
     */
    private static Map<Concept, Concept> codesForNames(
            QuestionConcepts.Analysis q,
            SqlSide sql,
            Set<Concept> sqlConcepts,
            boolean sqlLimited,
            SchemaLabels schema) {
        List<Concept> names = q.concepts().stream()
                .filter(c -> c.kind() == ConceptKind.VALUE && !sql.satisfies(c, ConceptKind.VALUE))
                .filter(c -> c.value().chars().anyMatch(Character::isLetter))
                .toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        List<Concept> codes = sqlConcepts.stream()
                .filter(c -> c.kind() == ConceptKind.VALUE)
                .filter(c -> c.value().matches("[a-z]{2," + MAX_CODE_LENGTH + "}"))
                .filter(c -> !asked(c, ConceptKind.VALUE, q, sqlLimited, schema, sqlConcepts))
                .toList();
        Map<Concept, Concept> out = new HashMap<>();
        for (Concept name : names) {
            char first = name.value().charAt(0);
            List<Concept> candidates =
                    codes.stream().filter(c -> c.value().charAt(0) == first).toList();
            long rivals =
                    names.stream().filter(n -> n.value().charAt(0) == first).count();
            if (candidates.size() == 1 && rivals == 1) {
                out.put(name, candidates.getFirst());
            }
        }
        return out;
    }

    /**
     * "the 2 days before Saturday", "the day after Monday": the question names a weekday and counts
     * days from it, so the SQL's weekdays are others than the one named.
     */
    private static boolean countsDaysFromWeekday(QuestionConcepts.Analysis q) {
        return q.stems().contains("day")
                && (q.stems().contains(Stemmer.stem("before")) || q.stems().contains("after"))
                && WEEKDAYS.stream().anyMatch(q.stems()::contains);
    }

    /** Time units by their stems, with the factors that convert to them from the next smaller or larger unit. */
    private static final Map<String, List<String>> UNIT_FACTORS = Map.of(
            Stemmer.stem("minute"), List.of("60", "60.0"),
            Stemmer.stem("hour"), List.of("3600", "60", "24"),
            Stemmer.stem("second"), List.of("60", "1000"));

    /** Weekday names: "weekends" and "weekdays" are sets of them. */
    private static final Set<String> WEEKDAYS =
            Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private static final Set<String> WEEKEND = Set.of("saturday", "sunday");

    private static final Set<String> WEEK_PART_STEMS = Set.of(Stemmer.stem("weekend"), Stemmer.stem("weekday"));

    /** "born after 1990" asks for greater values as "more than" does; "before" for smaller. */
    private static final Set<String> LATER_WORDS = Set.of("after", "since", "later", "beyond");

    private static final Set<String> EARLIER_WORDS = Set.of("before", "earlier", "prior", "until", "till");

    /** "at least 3" written as {@code > 2}, "over 19" as {@code >= 20}: the bound stands for the question's number. */
    private static boolean strictBound(String n, QuestionConcepts.Analysis q, Set<Concept> sqlConcepts) {
        return q.bounds().keySet().stream()
                .anyMatch(b -> b.endsWith(" " + n) && sqlConcepts.contains(ConceptKind.BOUND.of(b)));
    }

    /** A superlative without a number ("which customer spent the most") asks for one row. */
    private static boolean asksForOne(Set<Concept> questionConcepts) {
        boolean superlative =
                questionConcepts.stream().anyMatch(c -> c.kind() == ConceptKind.RANK || c.equals(MAX) || c.equals(MIN));
        boolean numbered = questionConcepts.stream().anyMatch(c -> c.kind() == ConceptKind.LIMIT);
        return superlative && !numbered;
    }

    private static final Pattern NAME_AND_CODE = Pattern.compile("(.+)\\(([^)]+)\\)\\s*");

    /** Values match when equal as numbers, or when one's words contain the other's ("gmail", "@gmail.com"). */
    static boolean sameValue(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        // "los angeles (lax)": a name with its code matches either.
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            Matcher m = NAME_AND_CODE.matcher(pair[0]);
            if (m.matches()) {
                return sameValue(m.group(1).strip(), pair[1])
                        || sameValue(m.group(2).strip(), pair[1]);
            }
        }
        String na = Words.normaliseNumber(a);
        String nb = Words.normaliseNumber(b);
        if (na != null || nb != null) {
            return na != null && na.equals(nb);
        }
        // "North Carolina" stored as 'NorthCarolina'.
        String la = a.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (la.length() >= 4 && la.equals(b.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))) {
            return true;
        }
        if (Demonyms.of(a, b) || Demonyms.of(b, a)) {
            return true;
        }
        List<String> sa = Words.tokens(a).stream().map(Stemmer::stem).toList();
        List<String> sb = Words.tokens(b).stream().map(Stemmer::stem).toList();
        return (!sa.isEmpty() && !sb.isEmpty() && (sa.containsAll(sb) || sb.containsAll(sa)))
                || abbreviates(a, b)
                || abbreviates(b, a);
    }

    /** Longest code taken as an abbreviation ("CA", "NYC", "USA"). */
    private static final int MAX_CODE_LENGTH = 4;

    /**
     * Whether {@code code} abbreviates {@code name}: a short single word whose letters appear in
     * order in the name, starting with its first letter ("ca" for "california", "ny" for "new
     * york", "usa" for "united states of america").
     */
    static boolean abbreviates(String code, String name) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        String n = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (c.length() < 2
                || c.length() > MAX_CODE_LENGTH
                || !c.chars().allMatch(Character::isLetter)
                || n.length() <= c.length()
                || n.charAt(0) != c.charAt(0)) {
            return false;
        }
        int at = 1;
        for (int k = 1; k < c.length(); k++) {
            at = n.indexOf(c.charAt(k), at) + 1;
            if (at == 0) {
                return false;
            }
        }
        return true;
    }

    private static final double COLUMN_WEIGHT = 2.0;

    /** Words of columns that show which row a result is rather than what is asked about it. */
    private static final Set<String> IDENTIFYING_WORDS = Set.of("title", "first", "last", "full", "label");

    /** A part of a person's or thing's name (first_name, lname, surname, display_name): several show one row. */
    private static boolean isNamePart(String words) {
        List<String> w = Words.tokens(words);
        return !w.isEmpty() && (w.getLast().endsWith("name") || w.getLast().equals("title"));
    }

    /** Words that make a name column a part of one name (first_name, display_name), not another thing's. */
    private static final Set<String> NAME_PART_WORDS = Set.of(
            "first",
            "last",
            "full",
            "middle",
            "display",
            "given",
            "family",
            "nick",
            "user",
            "short",
            "long",
            "official",
            "common",
            "local",
            "english",
            "sur",
            "fore");

    /** A name column of some other thing (country_name), not a part of a person's or thing's name (surname). */
    private static boolean namesAnotherThing(String words) {
        List<String> w = Words.tokens(words);
        return w.size() > 1 && !NAME_PART_WORDS.containsAll(w.subList(0, w.size() - 1));
    }

    /** A key column: its last word is id, or it runs a word and id together (journalid). */
    private static boolean keyColumn(String words) {
        List<String> w = Words.tokens(words);
        return !w.isEmpty() && w.getLast().endsWith("id") && !w.getLast().equals("paid");
    }

    /** A key column by its name's last word (student id). */
    private static boolean isIdentifier(String words) {
        List<String> w = Words.tokens(words);
        return !w.isEmpty() && w.getLast().equals("id");
    }

    /** Whether the question mentions a returned column: one of its specific words, or all of its words. */
    private static boolean mentionedColumn(String words, QuestionConcepts.Analysis q) {
        List<String> all = Words.tokens(words);
        List<String> specific = all.stream()
                .filter(w -> !Vocabulary.GENERIC_COLUMN_WORDS.contains(w))
                .toList();
        return (specific.isEmpty() ? all : specific)
                .stream()
                        .map(Stemmer::stem)
                        .anyMatch(w -> q.stems().contains(w)
                                || q.stems().stream().anyMatch(s -> compoundOf(w, s))
                                // "how old are they" asks for the age.
                                || AttributeWords.askedAs(w).stream().anyMatch(q.stems()::contains));
    }

    /**
     * "Return the user ID" where the SQL returns {@code users.uid}: a key written as its table's initials
     * and "id" is asked for by the table's name beside "id".
     */
    private static boolean keyOfNamedTable(String words, QuestionConcepts.Analysis q, SchemaLabels schema) {
        return groupedTables(words, schema).stream().anyMatch(q.stems()::containsAll);
    }

    /**
     * The tables a grouping column is the key of, as the stems of their names: {@code GROUP BY ContId}
     * (words "cont id") groups by continents.
     */
    private static List<List<String>> groupedTables(String groupWords, SchemaLabels schema) {
        return schema.tablesKeyedBy(groupWords.replace(" ", "")).stream()
                .map(t -> Words.contentStems(Words.humanise(t)))
                .toList();
    }

    /** Whether any of the words is {@code word}, or a run-together identifier of it ("paperid" for "paper"). */
    private static boolean containsWord(List<String> words, String word) {
        return words.contains(word) || words.stream().anyMatch(w -> compoundOf(w, word));
    }

    /**
     * Whether an identifier written without separators is {@code word} plus a generic column word
     * ("paperid", "authorname", "pettype").
     */
    static boolean compoundOf(String identifier, String word) {
        if (word.length() < 3) {
            return false;
        }
        // A stem drops a final "e" ("venue" is "venu"), the identifier keeps it ("venuename").
        for (String prefix : List.of(word, word + "e")) {
            if (identifier.length() > prefix.length() && identifier.startsWith(prefix)) {
                String rest = identifier.substring(prefix.length());
                if (Vocabulary.GENERIC_COLUMN_WORDS.stream()
                        .anyMatch(g -> g.equals(rest) || Stemmer.stem(g).equals(rest))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SQL's concepts, indexed for the looser matches words and values need. */
    private static final class SqlSide {
        private final Set<Concept> concepts;
        private final Set<String> wordStems = new HashSet<>();
        private final List<String> values = new ArrayList<>();
        private final List<List<String>> groups = new ArrayList<>();
        private final boolean relativeDays;

        SqlSide(Set<Concept> concepts, SchemaLabels schema, boolean relativeDays) {
            this.concepts = concepts;
            this.relativeDays = relativeDays;
            for (Concept c : concepts) {
                String payload = c.value();
                switch (c.kind()) {
                    case WORD -> {
                        wordStems.add(Stemmer.stem(payload));
                        // "cid" reads the conference it keys: "publications presented in conferences".
                        for (String table : schema.tablesKeyedBy(payload)) {
                            Words.contentStems(Words.humanise(table)).forEach(wordStems::add);
                            wordStems.add("id");
                        }
                    }
                    case VALUE -> {
                        values.add(payload);
                        Words.tokens(payload).forEach(t -> wordStems.add(Stemmer.stem(t)));
                    }
                    case GROUP -> {
                        groups.add(Words.tokens(payload).stream()
                                .map(Stemmer::stem)
                                .toList());
                        // GROUP BY ContId groups by the continent the key abbreviates.
                        groups.addAll(groupedTables(payload, schema));
                    }
                    default -> {}
                }
            }
        }

        /**
         * "How many offerings have a final exam and how many do not": a count per value of the
         * column the question names (GROUP BY has_final_exam) answers both halves, the "not" included.
         */
        boolean countsPerAskedGroup(QuestionConcepts.Analysis q) {
            return q.bothWays()
                    && (concepts.contains(COUNT) || concepts.contains(COUNT_DISTINCT))
                    && groups.stream().anyMatch(g -> !g.isEmpty() && q.stems().containsAll(g));
        }

        /** "one or more stops", "at least one stop" is the flag "with stops" ({@code stops > 0}). */
        boolean hasFlag() {
            return concepts.stream().anyMatch(c -> c.kind() == ConceptKind.FLAG);
        }

        /**
         * Whether the main query returns a column named by the stem: a word of a returned column or
         * alias is the stem or holds it ("venuename" holds "name"), or it returns all columns. Without
         * output words (a translation made elsewhere) anything counts as returned.
         */
        boolean returns(String stem) {
            List<String> outputs = concepts.stream()
                    .filter(c -> c.kind() == ConceptKind.OUTPUT)
                    .map(Concept::value)
                    .toList();
            // "the names of the cartoons" are their titles as much as their names.
            boolean name = stem.equals(Stemmer.stem("name"));
            return outputs.isEmpty()
                    || outputs.contains("*")
                    || outputs.stream()
                            .anyMatch(w -> Stemmer.stem(w).equals(stem)
                                    || w.endsWith(stem)
                                    || (stem.length() >= 3 && w.contains(stem))
                                    || (name && w.equals("title")));
        }

        /** Whether the SQL names every content word of the table's name (it reads the table). */
        boolean readsTable(String table) {
            List<String> stems = Words.contentStems(Words.humanise(table));
            return !stems.isEmpty() && stems.stream().allMatch(this::readsWord);
        }

        private long weekdayValues() {
            return values.stream().filter(WEEKDAYS::contains).count();
        }

        /** Whether the SQL reads a column or table named by the stem, or a run-together one ("total_credit"). */
        boolean readsWord(String stem) {
            return wordStems.contains(stem) || wordStems.stream().anyMatch(w -> compoundOf(w, stem));
        }

        boolean groups() {
            return !groups.isEmpty() || concepts.stream().anyMatch(c -> c.kind() == ConceptKind.GRAIN);
        }

        boolean aggregates() {
            return concepts.stream().anyMatch(c -> c.kind() == ConceptKind.AGG);
        }

        /** Whether the SQL compares the whole number {@code n} with some operator. */
        boolean boundsNumber(String n) {
            return concepts.stream()
                    .anyMatch(c -> c.kind() == ConceptKind.BOUND && c.value().endsWith(" " + n));
        }

        boolean satisfies(Concept questionConcept, ConceptKind kind) {
            if (concepts.contains(questionConcept)) {
                return true;
            }
            if (Vocabulary.SATISFIED_BY.getOrDefault(questionConcept, List.of()).stream()
                    .anyMatch(concepts::contains)) {
                return true;
            }
            String payload = questionConcept.value();
            return switch (kind) {
                // The question side's payload is already a stem; stemming it again can change it ("cours" -> "cour").
                case WORD, TERM ->
                    // "the answer in minutes" is seconds divided by 60.
                    UNIT_FACTORS.getOrDefault(payload, List.of()).stream()
                                    .anyMatch(n -> concepts.contains(ConceptKind.NUMBER.of(n)))
                            || wordStems.contains(payload)
                            || wordStems.contains(Stemmer.stem(payload))
                            || wordStems.stream().anyMatch(w -> compoundOf(w, payload));
                case VALUE ->
                    values.stream().anyMatch(v -> sameValue(payload, v))
                            // "on weekends" is both days of the weekend; "weekdays" any of the others (or
                            // the weekend's days excluded)
                            || (payload.equals("weekend") && values.containsAll(WEEKEND))
                            || (payload.equals("weekday") && values.stream().anyMatch(WEEKDAYS::contains))
                            || (relativeDays && WEEKDAYS.contains(payload) && weekdayValues() > 0)
                            || (relativeDays && payload.equals(Long.toString(weekdayValues())))
                            // "with 0 budget spent" is the flag "spent = 0".
                            || (payload.equals("0") && hasFlag())
                            // "held at MU 215": the number is part of the value 'MU 215'.
                            || (Words.normaliseNumber(payload) != null
                                    && values.stream()
                                            .anyMatch(v -> Words.tokens(v).contains(payload)))
                            || concepts.contains(ConceptKind.LIMIT.of(payload))
                            || concepts.contains(ConceptKind.NUMBER.of(payload))
                            // "convert from UNIX": a name the SQL spells as a function's argument ('unixepoch').
                            || (payload.matches("[a-z]{3,}") && wordStems.contains(Stemmer.stem(payload)))
                            || concepts.contains(ConceptKind.YEAR.of(payload));
                case LIMIT -> concepts.contains(ConceptKind.VALUE.of(payload));
                // A date or season value ('2015-05-01%', '2015/2016') names its year too.
                case YEAR ->
                    concepts.contains(ConceptKind.VALUE.of(payload))
                            || values.stream().anyMatch(v -> Words.tokens(v).contains(payload));
                case GROUP -> {
                    List<String> asked = List.of(payload.split(" "));
                    // Without any aggregate every row is already one of what the question groups by ("for each state").
                    yield groups.stream().anyMatch(g -> asked.stream().anyMatch(a -> containsWord(g, a)))
                            || (!aggregates()
                                    && (asked.stream().anyMatch(wordStems::contains)
                                            // "each high schooler" reads the table highschooler.
                                            || readsWord(Stemmer.stem(String.join("", asked)))));
                }
                // "the 3 distinct stocks with the highest change": grouped rows are distinct per group; a count
                // of distinct things still needs its own DISTINCT.
                case DISTINCT -> !groups.isEmpty() && !concepts.contains(COUNT);
                // "in each year" is met by grouping on a year column as much as by truncating a date to years.
                case GRAIN -> groups.stream().anyMatch(g -> g.contains(Stemmer.stem(payload)));
                // "the number of citations" may be a column that already holds the count (citation_num).
                // A column that already holds an average (avg_score) answers "the average score".
                case AGG ->
                    (payload.equals("avg")
                                    // An alias "average_rating" on a SUM or COUNT does not make it an average.
                                    && !concepts.contains(SUM)
                                    && !concepts.contains(COUNT)
                                    && (wordStems.contains("avg") || wordStems.contains(Stemmer.stem("average"))))
                            || payload.equals("count")
                                    && Vocabulary.COUNTED_QUANTITY_WORDS.stream()
                                            .map(Stemmer::stem)
                                            .anyMatch(wordStems::contains);
                default -> false;
            };
        }
    }
}
