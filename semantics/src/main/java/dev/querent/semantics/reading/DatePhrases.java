package dev.querent.semantics.reading;

import static java.util.Map.entry;

import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Months;
import dev.querent.semantics.lexicon.PhraseTable;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Kind;
import dev.querent.semantics.lexicon.Text.Token;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Date expressions of a question, relative to "today": years, months, quarters, ISO dates, open
 * bounds ("since", "before") and relative periods ("last year", "last 30 days").
 */
public final class DatePhrases {

    /** A range with an inclusive start and an exclusive end; either may be open (null). */
    record Range(LocalDate from, LocalDate to) {}

    /**
     * A range found at tokens {@code [start, end)}; {@code each} the period a rolling window is
     * counted in when the question asks for "each of" them ("in each of the last 8 weeks"), else null;
     * {@code relative} whether the range is counted from today ("last month", "the past 30 days").
     */
    record Found(int start, int end, Range range, String phrase, TimeGrain each, boolean relative) {
        Found(int start, int end, Range range, String phrase) {
            this(start, end, range, phrase, null, false);
        }
    }

    /**
     * A date phrase as written in a text: characters {@code [start, end)}, the tokens it is made of,
     * whether its dates are counted from today ("last month", "in the past 6 calendar months, excluding
     * the current month"), and the period a rolling window is broken down by ("in each of the last 8
     * weeks"), else null.
     */
    public record Span(int start, int end, List<Token> tokens, boolean relative, TimeGrain each) {}

    /**
     * Where a text names dates, and of which kind: the phrases {@link #extract} finds and the years
     * written alone with a bracketed restatement ("2022 (from Jan 1st to Dec 31st inclusive)"). Where a
     * phrase is and whether it is relative does not depend on the day it is read, so no day is asked.
     */
    public static List<Span> spans(String text) {
        List<Token> tokens = Text.tokenize(text);
        boolean[] taken = new boolean[tokens.size()];
        List<Found> found = new ArrayList<>(extract(tokens, taken, READING_DAY));
        for (int i = 0; i < tokens.size(); i++) {
            Found year = taken[i] ? null : bareYear(tokens, i);
            if (year != null && year.end() > i + 1) {
                found.add(year);
            }
        }
        List<Span> spans = new ArrayList<>();
        for (Found f : found) {
            spans.add(new Span(
                    tokens.get(f.start()).start(),
                    tokens.get(f.end() - 1).end(),
                    tokens.subList(f.start(), f.end()),
                    f.relative(),
                    f.each()));
        }
        return spans;
    }

    /** Any day: {@link #spans} reads where phrases are, which no day changes. */
    private static final LocalDate READING_DAY = LocalDate.of(2000, 1, 1);

    private record Atom(int end, LocalDate start, LocalDate endExclusive) {}

    private static final Map<String, Integer> QUARTERS = Map.ofEntries(
            entry("q1", 1),
            entry("q2", 2),
            entry("q3", 3),
            entry("q4", 4),
            entry("first", 1),
            entry("1st", 1),
            entry("second", 2),
            entry("2nd", 2),
            entry("third", 3),
            entry("3rd", 3),
            entry("fourth", 4),
            entry("4th", 4));

    /** What follows the digits of an ordinal written with them ("1st", "2nd", "3rd", "4th"). */
    public static final Set<String> ORDINAL_ENDINGS = Set.of("st", "nd", "rd", "th");

    /** Calendar periods named relative to today. */
    private static final PhraseTable<Function<LocalDate, Range>> RELATIVE = new PhraseTable<>(Map.ofEntries(
            entry("today", d -> new Range(d, d.plusDays(1))),
            entry("yesterday", d -> new Range(d.minusDays(1), d)),
            entry("this week", DatePhrases::week),
            entry("current week", DatePhrases::week),
            entry("last week", d -> week(d.minusWeeks(1))),
            entry("previous week", d -> week(d.minusWeeks(1))),
            entry("this month", DatePhrases::month),
            entry("current month", DatePhrases::month),
            entry("last month", d -> month(d.minusMonths(1))),
            entry("previous month", d -> month(d.minusMonths(1))),
            entry("this quarter", DatePhrases::quarter),
            entry("current quarter", DatePhrases::quarter),
            entry("last quarter", d -> quarter(d.minusMonths(3))),
            entry("previous quarter", d -> quarter(d.minusMonths(3))),
            entry("this year", DatePhrases::year),
            entry("current year", DatePhrases::year),
            entry("so far this year", DatePhrases::year),
            entry("year to date", d -> new Range(d.withDayOfYear(1), d.plusDays(1))),
            entry("ytd", d -> new Range(d.withDayOfYear(1), d.plusDays(1))),
            entry("last year", d -> year(d.minusYears(1))),
            entry("previous year", d -> year(d.minusYears(1))),
            entry("past year", d -> new Range(d.minusYears(1), null)),
            entry("past month", d -> new Range(d.minusMonths(1), null)),
            entry("past week", d -> new Range(d.minusWeeks(1), null)),
            entry("prior week", d -> week(d.minusWeeks(1))),
            entry("prior month", d -> month(d.minusMonths(1))),
            entry("prior quarter", d -> quarter(d.minusMonths(3))),
            entry("prior year", d -> year(d.minusYears(1))),
            // weeks are ISO weeks here already: Monday to Sunday
            entry("this iso week", DatePhrases::week),
            entry("current iso week", DatePhrases::week),
            entry("last iso week", d -> week(d.minusWeeks(1))),
            entry("previous iso week", d -> week(d.minusWeeks(1))),
            entry("prior iso week", d -> week(d.minusWeeks(1)))));

    private static final Set<String> ROLLING = Set.of("last", "past", "previous", "recent");
    private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
            entry("day", ChronoUnit.DAYS),
            entry("week", ChronoUnit.WEEKS),
            entry("month", ChronoUnit.MONTHS),
            entry("quarter", ChronoUnit.MONTHS),
            entry("year", ChronoUnit.YEARS));
    private static final Set<String> LEAD =
            Set.of("in", "during", "for", "of", "on", "within", "over", "throughout", "from", "the");
    private static final Set<String> ATOM_LEAD = Set.of("in", "during", "for", "of", "on", "throughout");
    private static final Set<String> RANGE_JOINERS = Set.of("and", "to", "until", "through", "till");
    private static final Set<String> BOUND_LINKS = Set.of("to", "from", "in", "on", "of");
    private static final Set<String> SINCE = Set.of("since", "starting", "from", "as");
    private static final Set<String> AFTER = Set.of("after");
    private static final Set<String> BEFORE = Set.of("before", "prior");
    private static final Set<String> UNTIL = Set.of("until", "till", "through", "thru");

    private DatePhrases() {}

    /** Finds the explicit date phrases; bare years are left to {@link #bareYear}. */
    static List<Found> extract(List<Token> tokens, boolean[] taken, LocalDate today) {
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (taken[i]) {
                continue;
            }
            Found f = at(tokens, taken, i, today);
            if (f != null) {
                int restated = restatement(tokens, f.end());
                if (restated > f.end()) {
                    f = new Found(
                            f.start(),
                            restated,
                            f.range(),
                            Text.span(tokens, f.start(), restated),
                            f.each(),
                            f.relative());
                }
                for (int k = f.start(); k < f.end(); k++) {
                    taken[k] = true;
                }
                found.add(f);
                i = f.end() - 1;
            }
        }
        return found;
    }

    /** Words a bracketed restatement of a period is made of, besides months and day numbers. */
    private static final Set<String> RESTATING = Set.of(
            "from",
            "to",
            "through",
            "until",
            "till",
            "and",
            "between",
            "inclusive",
            "exclusive",
            "of",
            "the",
            ",",
            "-");

    /**
     * "in the year 2022 (from Jan 1st to Dec 31st inclusive)": brackets right after a period holding
     * only dates without their year say the period again; where they end, or {@code at} when no such
     * brackets follow.
     */
    private static int restatement(List<Token> tokens, int at) {
        if (at >= tokens.size() || !tokens.get(at).lower().equals("(")) {
            return at;
        }
        boolean month = false;
        for (int k = at + 1; k < tokens.size() && k <= at + 16; k++) {
            String w = tokens.get(k).lower();
            if (w.equals(")")) {
                return month ? k + 1 : at;
            }
            boolean dateWord = Months.NUMBERS.containsKey(w)
                    || tokens.get(k).isInteger()
                    || ORDINAL_ENDINGS.contains(w)
                    || RESTATING.contains(w);
            if (!dateWord) {
                return at;
            }
            month |= Months.NUMBERS.containsKey(w);
        }
        return at;
    }

    /**
     * The calendar years, and the months of the year (1 to 12), that the date phrases of a question
     * cover relative to {@code today}: "last week" in the first days of January covers two years; "in
     * the past 30 days" this year and maybe the last; "the previous month" on 7 December covers November.
     */
    public record Covered(Set<Integer> years, Set<Integer> months) {}

    /** What the date phrases of a question cover ({@link Covered}); a window open at its end runs to today. */
    public static Covered covered(String question, LocalDate today) {
        List<Token> tokens = Text.tokenize(question);
        Set<Integer> years = new TreeSet<>();
        Set<Integer> months = new TreeSet<>();
        for (Found f : extract(tokens, new boolean[tokens.size()], today)) {
            LocalDate from = f.range().from();
            LocalDate last = f.range().to() == null ? today : f.range().to().minusDays(1);
            if (from == null || last.isBefore(from)) {
                continue;
            }
            for (int y = from.getYear(); y <= last.getYear(); y++) {
                years.add(y);
            }
            for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(last) && months.size() < 12; ) {
                months.add(month.getMonthValue());
                month = month.plusMonths(1);
            }
        }
        return new Covered(years, months);
    }

    /** A lone year ("2024 revenue"), once comparisons and top-N have claimed their numbers. */
    static Found bareYear(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (!t.isYear()) {
            return null;
        }
        int y = Integer.parseInt(t.lower());
        int end = restatement(tokens, i + 1);
        return new Found(
                i, end, new Range(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1)), Text.span(tokens, i, end));
    }

    private static Found at(List<Token> tokens, boolean[] taken, int i, LocalDate today) {
        String w = tokens.get(i).lower();
        // "each of the last 8 weeks": one row per week of the window
        boolean each = w.equals("each")
                && i + 1 < tokens.size()
                && tokens.get(i + 1).lower().equals("of");
        int first = each ? i + 1 : i;
        // leading prepositions belong to the phrase, so that they count as understood
        int lead = first;
        while (lead < tokens.size()
                && lead - first < 2
                && LEAD.contains(tokens.get(lead).lower())) {
            lead++;
        }
        if (lead < tokens.size()) {
            PhraseTable.Match<Function<LocalDate, Range>> rel = RELATIVE.longestAt(tokens, lead, taken);
            if (rel != null) {
                Range r = rel.value().apply(today);
                Excluded ex = excluded(tokens, rel.end(), today);
                // "last week (exclusive of the current week)": words saying what the period already leaves out
                int end = ex != null && r.to() != null && !r.to().isAfter(ex.cut()) ? ex.end() : rel.end();
                return new Found(i, end, r, Text.span(tokens, lead, end), null, true);
            }
            Found rolling = rolling(tokens, lead, today);
            if (rolling != null) {
                return new Found(
                        i, rolling.end(), rolling.range(), rolling.phrase(), each ? rolling.each() : null, true);
            }
        }
        if (each) {
            return null;
        }
        if (w.equals("between") || w.equals("from")) {
            Atom a = atom(tokens, i + 1, today);
            if (a != null
                    && a.end() + 1 < tokens.size()
                    && RANGE_JOINERS.contains(tokens.get(a.end()).lower())) {
                Atom b = atom(tokens, a.end() + 1, today);
                if (b != null) {
                    return new Found(i, b.end(), new Range(a.start(), b.endExclusive()), Text.span(tokens, i, b.end()));
                }
            }
        }
        String bound = w;
        int next = i + 1;
        if (w.equals("on")
                && i + 3 < tokens.size()
                && tokens.get(i + 1).lower().equals("or")
                && (AFTER.contains(tokens.get(i + 2).lower())
                        || BEFORE.contains(tokens.get(i + 2).lower()))) {
            // "on or after January 1, 2023" is since that day, "on or before" until it: the day included
            bound = AFTER.contains(tokens.get(i + 2).lower()) ? "since" : "until";
            next = i + 3;
        } else if (next < tokens.size() && BOUND_LINKS.contains(tokens.get(next).lower())) {
            next++; // "prior to", "starting from", "as of"
        }
        if (SINCE.contains(bound) || AFTER.contains(bound) || BEFORE.contains(bound) || UNTIL.contains(bound)) {
            if (bound.equals("as")
                    && !(i + 1 < tokens.size() && tokens.get(i + 1).lower().equals("of"))) {
                return null;
            }
            Atom a = atom(tokens, next, today);
            if (a == null) {
                return null;
            }
            if (bound.equals("from") && next == i + 1 && wholePeriod(a) && !onwards(tokens, a.end())) {
                // "publications from 2021" are those of 2021; "from 2021 onwards" is since
                return new Found(i, a.end(), new Range(a.start(), a.endExclusive()), Text.span(tokens, i, a.end()));
            }
            Range r = SINCE.contains(bound)
                    ? new Range(a.start(), null)
                    : AFTER.contains(bound)
                            ? new Range(a.endExclusive(), null)
                            : BEFORE.contains(bound) ? new Range(null, a.start()) : new Range(null, a.endExclusive());
            return new Found(i, a.end(), r, Text.span(tokens, i, a.end()));
        }
        int atomStart = ATOM_LEAD.contains(w) ? i + 1 : i;
        Atom a = atom(tokens, atomStart, today);
        if (a != null
                && (atomStart > i
                        || tokens.get(atomStart).kind() != Kind.NUMBER
                        || (atomStart + 1 < tokens.size()
                                && ORDINAL_ENDINGS.contains(
                                        tokens.get(atomStart + 1).lower())))) {
            return new Found(i, a.end(), new Range(a.start(), a.endExclusive()), Text.span(tokens, i, a.end()));
        }
        return null;
    }

    /** Words after a date that make "from" a start: "from 2021 onwards", "from May on". */
    private static final Set<String> ONWARDS = Set.of("onwards", "onward", "on", "forward", "forwards");

    private static boolean onwards(List<Token> tokens, int k) {
        return k < tokens.size() && ONWARDS.contains(tokens.get(k).lower());
    }

    /** A date longer than a day: a month, a quarter, a year. */
    private static boolean wholePeriod(Atom a) {
        return a.endExclusive() != null
                && a.start() != null
                && a.endExclusive().isAfter(a.start().plusDays(1));
    }

    /** Words that make a rolling window whole periods: "the past 6 calendar months", "the last 3 full weeks". */
    private static final Set<String> WHOLE_PERIODS = Set.of("calendar", "full", "complete", "whole");

    /** The longest rolling window read, in days, weeks, months, quarters or years: longer is no period. */
    private static final int MAX_WINDOW = 10_000;

    /**
     * "last 30 days", "past 3 months", "last 2 years"; "the past 6 calendar months" starts on the
     * first day of the month six months ago.
     */
    private static Found rolling(List<Token> tokens, int i, LocalDate today) {
        if (i + 2 >= tokens.size() || !ROLLING.contains(tokens.get(i).lower())) {
            return null;
        }
        Token n = tokens.get(i + 1);
        int at = i + 2;
        boolean calendar = WHOLE_PERIODS.contains(tokens.get(at).lower()) && at + 1 < tokens.size();
        if (calendar) {
            at++;
        }
        String unitWord = tokens.get(at).stem();
        ChronoUnit unit = UNITS.get(unitWord);
        if (!n.isInteger() || unit == null || n.lower().length() > 5 || Integer.parseInt(n.lower()) > MAX_WINDOW) {
            return null;
        }
        long amount = Long.parseLong(n.lower()) * (unitWord.equals("quarter") ? 3 : 1);
        int end = inclusiveEnd(tokens, at + 1);
        Excluded ex = excluded(tokens, end, today);
        TimeGrain per = TimeGrain.valueOf(unitWord.toUpperCase(Locale.ROOT));
        if (ex != null) {
            // "the last 6 months excluding the current month": whole periods before the current one
            return new Found(
                    i,
                    ex.end(),
                    new Range(ex.cut().minus(amount, unit), ex.cut()),
                    Text.span(tokens, i, ex.end()),
                    per,
                    true);
        }
        LocalDate from = today.minus(amount, unit);
        if (calendar) {
            from = switch (per) {
                case WEEK -> week(from).from();
                case MONTH -> month(from).from();
                case QUARTER -> quarter(from).from();
                case YEAR -> year(from).from();
                case DAY -> from;
            };
        }
        return new Found(i, end, new Range(from, null), Text.span(tokens, i, end), per, true);
    }

    /** The current period a window leaves out, from its start ({@code cut}), and the end of the words. */
    private record Excluded(int end, LocalDate cut) {}

    /** Where words qualifying a period may start right after it: "last week, excluding …", "(inclusive of …)". */
    private static final Set<String> QUALIFIER_OPENERS = Set.of(",", "(");

    private static final Set<String> EXCLUDING = Set.of("excluding", "except", "without");

    /**
     * "excluding the current month", "(exclusive of the current week)", "not including today": the
     * window ends where the current period begins. Null when the tokens at {@code i} say no such thing.
     */
    private static Excluded excluded(List<Token> tokens, int i, LocalDate today) {
        int j = i < tokens.size() && QUALIFIER_OPENERS.contains(tokens.get(i).lower()) ? i + 1 : i;
        if (j < tokens.size() && EXCLUDING.contains(tokens.get(j).lower())) {
            j++;
        } else if (j + 1 < tokens.size()
                && ((tokens.get(j).lower().equals("not")
                                && tokens.get(j + 1).lower().equals("including"))
                        || (tokens.get(j).lower().equals("exclusive")
                                && tokens.get(j + 1).lower().equals("of")))) {
            j += 2;
        } else {
            return null;
        }
        if (j < tokens.size() && tokens.get(j).lower().equals("today")) {
            return new Excluded(j + 1, today);
        }
        if (j < tokens.size() && tokens.get(j).lower().equals("the")) {
            j++;
        }
        if (j + 1 >= tokens.size()
                || !Set.of("current", "this").contains(tokens.get(j).lower())) {
            return null;
        }
        Range current =
                switch (tokens.get(j + 1).stem()) {
                    case "day" -> new Range(today, today.plusDays(1));
                    case "week" -> week(today);
                    case "month" -> month(today);
                    case "quarter" -> quarter(today);
                    case "year" -> year(today);
                    default -> null;
                };
        return current == null ? null : new Excluded(j + 2, current.from());
    }

    /**
     * "in the past 7 days, inclusive of today", "including today's date", "inclusive of 30 days ago":
     * words that say which ends a rolling window includes, not a period of their own (before, "today"
     * became a second filter). Returns the end of those words, or {@code i} when none follow.
     */
    private static int inclusiveEnd(List<Token> tokens, int i) {
        int j = i < tokens.size() && QUALIFIER_OPENERS.contains(tokens.get(i).lower()) ? i + 1 : i;
        if (j < tokens.size() && tokens.get(j).lower().equals("including")) {
            j++;
        } else if (j + 1 < tokens.size()
                && tokens.get(j).lower().equals("inclusive")
                && tokens.get(j + 1).lower().equals("of")) {
            j += 2;
        } else {
            return i;
        }
        if (j < tokens.size() && tokens.get(j).lower().equals("today")) {
            j++;
            return j < tokens.size() && tokens.get(j).lower().equals("date") ? j + 1 : j;
        }
        if (j + 2 < tokens.size()
                && tokens.get(j).isInteger()
                && UNITS.containsKey(tokens.get(j + 1).stem())
                && tokens.get(j + 2).lower().equals("ago")) {
            return j + 3;
        }
        return i;
    }

    /** A single period: an ISO date, a quarter, a month (of a year), or a year (with a preposition). */
    private static Atom atom(List<Token> tokens, int i, LocalDate today) {
        if (i >= tokens.size()) {
            return null;
        }
        Token t = tokens.get(i);
        if (t.kind() == Kind.DATE) {
            try {
                LocalDate d = LocalDate.parse(t.lower());
                return new Atom(i + 1, d, d.plusDays(1));
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        Integer quarter = QUARTERS.get(t.lower());
        int afterOrdinal = i + 1;
        // "1st quarter" arrives as the number 1 and the ending "st".
        if (quarter == null
                && afterOrdinal < tokens.size()
                && ORDINAL_ENDINGS.contains(tokens.get(afterOrdinal).lower())
                && QUARTERS.containsKey(t.lower() + tokens.get(afterOrdinal).lower())) {
            quarter = QUARTERS.get(t.lower() + tokens.get(afterOrdinal).lower());
            afterOrdinal++;
        }
        if (quarter != null) {
            int j = afterOrdinal;
            if (!t.lower().startsWith("q")) {
                if (j >= tokens.size() || !tokens.get(j).stem().equals("quarter")) {
                    return null;
                }
                j++;
            }
            if (j < tokens.size() && tokens.get(j).lower().equals("of")) {
                j++;
            }
            int year = j < tokens.size() && tokens.get(j).isYear()
                    ? Integer.parseInt(tokens.get(j).lower())
                    : -1;
            LocalDate start = LocalDate.of(year > 0 ? year : today.getYear(), (quarter - 1) * 3 + 1, 1);
            return new Atom(year > 0 ? j + 1 : j, start, start.plusMonths(3));
        }
        Integer month = Months.NUMBERS.get(t.lower());
        if (month != null) {
            int j = i + 1;
            // "January 1, 2023", "Apr 1 2023": one day
            Atom day = dayOfMonth(tokens, j, month);
            if (day != null) {
                return day;
            }
            if (j < tokens.size() && tokens.get(j).lower().equals("of")) {
                j++;
            }
            if (j < tokens.size() && tokens.get(j).isYear()) {
                LocalDate start = LocalDate.of(Integer.parseInt(tokens.get(j).lower()), month, 1);
                return new Atom(j + 1, start, start.plusMonths(1));
            }
            boolean spelledOut = t.lower().length() > 3 && !t.lower().equals("may");
            if (!spelledOut && !(i > 0 && ATOM_LEAD.contains(tokens.get(i - 1).lower()))) {
                return null;
            }
            // the latest such month that has begun
            LocalDate start = LocalDate.of(today.getYear(), month, 1);
            if (start.isAfter(today)) {
                start = start.minusYears(1);
            }
            return new Atom(i + 1, start, start.plusMonths(1));
        }
        if (t.isYear()) {
            int y = Integer.parseInt(t.lower());
            return new Atom(i + 1, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
        }
        return null;
    }

    /** The day "1, 2023", "1st, 2023" or "1 2023" after a month's name; null when the tokens are not one. */
    private static Atom dayOfMonth(List<Token> tokens, int j, int month) {
        if (j + 1 >= tokens.size()
                || !tokens.get(j).isInteger()
                || tokens.get(j).lower().length() > 2) {
            return null;
        }
        int after = ORDINAL_ENDINGS.contains(tokens.get(j + 1).lower()) ? j + 2 : j + 1;
        if (after >= tokens.size()) {
            return null;
        }
        int yearAt = tokens.get(after).lower().equals(",") ? after + 1 : after;
        if (yearAt >= tokens.size() || !tokens.get(yearAt).isYear()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.of(
                    Integer.parseInt(tokens.get(yearAt).lower()),
                    month,
                    Integer.parseInt(tokens.get(j).lower()));
            return new Atom(yearAt + 1, d, d.plusDays(1));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static Range week(LocalDate d) {
        LocalDate monday = d.with(DayOfWeek.MONDAY);
        return new Range(monday, monday.plusWeeks(1));
    }

    private static Range month(LocalDate d) {
        LocalDate first = d.withDayOfMonth(1);
        return new Range(first, first.plusMonths(1));
    }

    private static Range quarter(LocalDate d) {
        int q = d.get(IsoFields.QUARTER_OF_YEAR);
        LocalDate first = LocalDate.of(d.getYear(), (q - 1) * 3 + 1, 1);
        return new Range(first, first.plusMonths(3));
    }

    private static Range year(LocalDate d) {
        LocalDate first = d.withDayOfYear(1);
        return new Range(first, first.plusYears(1));
    }

    /** Whether a range is exactly one calendar year, month, quarter or day, for descriptions. */
    public static String describe(LocalDate from, LocalDate to) {
        if (from != null && to != null) {
            if (from.getDayOfYear() == 1 && to.equals(from.plusYears(1))) {
                return "in " + from.getYear();
            }
            if (from.getDayOfMonth() == 1 && to.equals(from.plusMonths(1))) {
                return "in " + from.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                        + " " + from.getYear();
            }
            if (from.getDayOfMonth() == 1 && (from.getMonthValue() - 1) % 3 == 0 && to.equals(from.plusMonths(3))) {
                return "in Q" + ((from.getMonthValue() - 1) / 3 + 1) + " " + from.getYear();
            }
            if (to.equals(from.plusDays(1))) {
                return "on " + from;
            }
            return "from " + from + " up to (not including) " + to;
        }
        if (from != null) {
            return "on or after " + from;
        }
        return to == null ? "at any time" : "before " + to;
    }
}
