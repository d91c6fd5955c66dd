package dev.querent.semantics.description;

import dev.querent.semantics.Concept;
import dev.querent.semantics.ConceptKind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.schema.Column;

/**
 * Recognises the many dialect spellings of "the month of a date" and of date literals, and phrases
 * date ranges the way people say them ("in 2024", "in March 2024").
 */
final class TimeExpressions {
    private TimeExpressions() {}

    /**
     * A date truncated or reduced to a grain.
     *
     * @param grain day, week, month, quarter or year
     */
    record TimePart(String grain, Expression source) {}

    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([ T].*)?$");

    /** Truncating functions; the unit can be either argument (BigQuery puts it last). */
    private static final List<String> TRUNCATORS =
            List.of("date_trunc", "timestamp_trunc", "datetime_trunc", "trunc", "time_bucket");

    /** Formatting functions; the grain is the finest field the format keeps. */
    private static final List<String> FORMATTERS = List.of(
            "strftime", "date_format", "to_char", "format_date", "format_timestamp", "format_datetime", "format");

    /** Functions that take a unit then a date. */
    private static final List<String> PART_FUNCTIONS = List.of("date_part", "datepart");

    /** Single-argument functions named after the part they return. */
    private static final Map<String, String> PART_NAMED_FUNCTIONS = Map.ofEntries(
            Map.entry("year", "year"),
            Map.entry("month", "month"),
            Map.entry("monthname", "month"),
            Map.entry("quarter", "quarter"),
            Map.entry("week", "week"),
            Map.entry("weekofyear", "week"),
            Map.entry("yearweek", "week"),
            Map.entry("day", "day"),
            Map.entry("dayofmonth", "day"),
            Map.entry("date", "day"));

    /** Unit spellings, including the abbreviations some engines accept. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("year", "year"),
            Map.entry("years", "year"),
            Map.entry("yyyy", "year"),
            Map.entry("yy", "year"),
            Map.entry("y", "year"),
            Map.entry("isoyear", "year"),
            Map.entry("quarter", "quarter"),
            Map.entry("qq", "quarter"),
            Map.entry("q", "quarter"),
            Map.entry("month", "month"),
            Map.entry("months", "month"),
            Map.entry("mon", "month"),
            Map.entry("mm", "month"),
            Map.entry("week", "week"),
            Map.entry("weeks", "week"),
            Map.entry("isoweek", "week"),
            Map.entry("wk", "week"),
            Map.entry("day", "day"),
            Map.entry("days", "day"),
            Map.entry("dd", "day"),
            Map.entry("d", "day"));

    private static final List<String> RELATIVE_MARKERS = List.of(
            "current_date",
            "current_timestamp",
            "now(",
            "'now'",
            "getdate(",
            "sysdate",
            "today(",
            "interval",
            "localtimestamp",
            "current date");

    /** The time part an expression computes, if it is one. */
    static Optional<TimePart> timePart(Expression e) {
        if (e instanceof ExtractExpression x) {
            return unit(x.getName()).map(g -> new TimePart(g, x.getExpression()));
        }
        if (e instanceof CastExpression c && c.getColDataType() != null) {
            String type = c.getColDataType().getDataType().toLowerCase(Locale.ROOT);
            return type.equals("date") ? Optional.of(new TimePart("day", c.getLeftExpression())) : Optional.empty();
        }
        if (!(e instanceof Function f) || f.getName() == null || f.getParameters() == null) {
            return Optional.empty();
        }
        String name = f.getName().toLowerCase(Locale.ROOT);
        List<Expression> args = new ArrayList<>(f.getParameters());
        if (TRUNCATORS.contains(name) && args.size() >= 2) {
            for (int i = 0; i < 2; i++) {
                Optional<String> g = unit(unitText(args.get(i)));
                if (g.isPresent()) {
                    return Optional.of(new TimePart(g.get(), args.get(1 - i)));
                }
            }
            return Optional.empty();
        }
        if (FORMATTERS.contains(name) && args.size() >= 2) {
            for (int i = 0; i < 2; i++) {
                if (args.get(i) instanceof StringValue s) {
                    Expression date = args.get(1 - i);
                    return grainOfFormat(s.getValue()).map(g -> new TimePart(g, date));
                }
            }
            return Optional.empty();
        }
        if (PART_FUNCTIONS.contains(name) && args.size() == 2) {
            return unit(unitText(args.get(0))).map(g -> new TimePart(g, args.get(1)));
        }
        if (PART_NAMED_FUNCTIONS.containsKey(name) && args.size() == 1 && !isDateLiteral(args.getFirst())) {
            return Optional.of(new TimePart(PART_NAMED_FUNCTIONS.get(name), args.getFirst()));
        }
        if (SUBSTRINGS.contains(name) && args.size() == 3 && namesADate(args.getFirst())) {
            return substringPart(args.get(1), args.get(2)).map(g -> new TimePart(g, args.getFirst()));
        }
        return Optional.empty();
    }

    private static final List<String> SUBSTRINGS = List.of("substr", "substring");

    /** Words of a column name that say it holds dates stored as text (SQLite keeps them so). */
    private static final List<String> DATE_NAME_WORDS =
            List.of("date", "time", "timestamp", "dob", "birthday", "birthdate", "day");

    private static boolean namesADate(Expression e) {
        if (!(e instanceof Column c)) {
            return false;
        }
        List<String> words = Words.split(c.getColumnName());
        return words.stream().anyMatch(DATE_NAME_WORDS::contains)
                || (words.size() > 1 && words.getLast().equals("at"));
    }

    /**
     * The part of an ISO date text ({@code yyyy-mm-dd}) a substring takes: characters 1–4 the year,
     * 1–7 the year and month, 6–7 the month.
     */
    private static Optional<String> substringPart(Expression start, Expression length) {
        if (!(start instanceof LongValue from) || !(length instanceof LongValue count)) {
            return Optional.empty();
        }
        long f = from.getValue();
        long n = count.getValue();
        if (f == 1 && n == 4) {
            return Optional.of("year");
        }
        if ((f == 1 && n == 7) || (f == 6 && n == 2)) {
            return Optional.of("month");
        }
        return Optional.empty();
    }

    private static String unitText(Expression e) {
        return switch (e) {
            case StringValue s -> s.getValue();
            case DateUnitExpression d -> d.toString();
            case Column c -> c.getColumnName();
            default -> "";
        };
    }

    private static Optional<String> unit(String text) {
        return Optional.ofNullable(text == null ? null : UNITS.get(text.strip().toLowerCase(Locale.ROOT)));
    }

    /** strftime-style ({@code %Y-%m}) or to_char-style ({@code YYYY-MM}) format to its finest grain. */
    static Optional<String> grainOfFormat(String format) {
        if (format.contains("%")) {
            if (containsAny(format, "%d", "%j", "%e", "%F", "%x")) {
                return Optional.of("day");
            }
            if (containsAny(format, "%W", "%U", "%V", "%u", "%G")) {
                return Optional.of("week");
            }
            if (containsAny(format, "%m", "%b", "%B", "%M", "%c")) {
                return Optional.of("month");
            }
            if (containsAny(format, "%Q")) {
                return Optional.of("quarter");
            }
            return containsAny(format, "%Y", "%y") ? Optional.of("year") : Optional.empty();
        }
        String f = format.toUpperCase(Locale.ROOT);
        if (containsAny(f, "DD", "DY")) {
            return Optional.of("day");
        }
        if (containsAny(f, "IW", "WW")) {
            return Optional.of("week");
        }
        if (containsAny(f, "MM", "MON")) {
            return Optional.of("month");
        }
        if (f.contains("Q")) {
            return Optional.of("quarter");
        }
        return containsAny(f, "YYYY", "YY") ? Optional.of("year") : Optional.empty();
    }

    private static boolean containsAny(String s, String... parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean isDateLiteral(Expression e) {
        return dateLiteral(e).isPresent();
    }

    /** The date a literal denotes: {@code '2024-01-01'}, {@code DATE '2024-01-01'}, casts of those. */
    static Optional<LocalDate> dateLiteral(Expression e) {
        return switch (e) {
            case StringValue s -> parseIsoDate(s.getValue());
            case DateTimeLiteralExpression d ->
                parseIsoDate(Words.unquote(d.getValue().replace('\'', '"')));
            case DateValue d -> Optional.ofNullable(d.getValue()).map(java.sql.Date::toLocalDate);
            case TimestampValue t ->
                Optional.ofNullable(t.getValue()).map(ts -> ts.toLocalDateTime().toLocalDate());
            case CastExpression c -> dateLiteral(c.getLeftExpression());
            case Function f
            when f.getParameters() != null
                    && f.getParameters().size() == 1
                    && f.getName() != null
                    && List.of("date", "to_date", "timestamp", "datetime", "to_timestamp")
                            .contains(f.getName().toLowerCase(Locale.ROOT)) ->
                dateLiteral(f.getParameters().getFirst());
            default -> Optional.empty();
        };
    }

    private static Optional<LocalDate> parseIsoDate(String s) {
        if (s == null || !ISO_DATE.matcher(s.strip()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s.strip().substring(0, 10)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** True for expressions relative to the current time ({@code CURRENT_DATE - INTERVAL '30 days'}). */
    static boolean isRelative(Expression e) {
        String s = e.toString().toLowerCase(Locale.ROOT);
        return RELATIVE_MARKERS.stream().anyMatch(s::contains);
    }

    /**
     * True for expressions that name the current time itself ({@code CURRENT_DATE}, {@code now()}),
     * not only an interval added to some other date ({@code t.start_dt + INTERVAL '10 days'}).
     */
    static boolean namesNow(Expression e) {
        String s = e.toString().toLowerCase(Locale.ROOT);
        return RELATIVE_MARKERS.stream().filter(m -> !m.equals("interval")).anyMatch(s::contains);
    }

    /**
     * Phrases a date range and records its years (and month, for a one-month range) as concepts.
     *
     * @param from inclusive start, or null when open
     * @param until exclusive end, or null when open
     */
    static String rangePhrase(LocalDate from, LocalDate until, List<Concept> concepts) {
        if (from != null && until != null && until.isAfter(from)) {
            return closedRange(from, until, concepts);
        }
        if (from != null) {
            concepts.add(ConceptKind.YEAR.of(Integer.toString(from.getYear())));
            return from.getDayOfYear() == 1 ? "is from " + from.getYear() + " onwards" : "is on or after " + from;
        }
        if (until != null) {
            concepts.add(ConceptKind.YEAR.of(Integer.toString(until.getYear())));
            return until.getDayOfYear() == 1 ? "is before " + until.getYear() : "is before " + until;
        }
        return "is in an empty range";
    }

    private static String closedRange(LocalDate from, LocalDate until, List<Concept> concepts) {
        if (from.getDayOfYear() == 1 && until.getDayOfYear() == 1) {
            int years = until.getYear() - from.getYear();
            for (int y = from.getYear(); y < until.getYear(); y++) {
                concepts.add(ConceptKind.YEAR.of(Integer.toString(y)));
            }
            return years == 1
                    ? "is in " + from.getYear()
                    : "is from " + from.getYear() + " through " + (until.getYear() - 1);
        }
        if (from.getDayOfMonth() == 1 && until.equals(from.plusMonths(1))) {
            String month = Vocabulary.MONTHS.get(from.getMonthValue() - 1);
            concepts.add(ConceptKind.YEAR.of(Integer.toString(from.getYear())));
            concepts.add(ConceptKind.MONTH.of(month));
            return "is in " + Words.capitalise(month) + " " + from.getYear();
        }
        if (from.getDayOfMonth() == 1 && (from.getMonthValue() - 1) % 3 == 0 && until.equals(from.plusMonths(3))) {
            concepts.add(ConceptKind.YEAR.of(Integer.toString(from.getYear())));
            return "is in the " + Vocabulary.QUARTER_ORDINALS.get((from.getMonthValue() - 1) / 3) + " quarter of "
                    + from.getYear();
        }
        for (int y = from.getYear(); y <= until.minusDays(1).getYear(); y++) {
            concepts.add(ConceptKind.YEAR.of(Integer.toString(y)));
        }
        return "is between " + from + " and " + until.minusDays(1);
    }

    /**
     * Phrases "part = literal" for a year, month or year-month part ({@code strftime('%Y-%m', d) =
     * '2024-03'}), or empty when the literal does not read as one.
     */
    static Optional<String> partEqualsPhrase(TimePart part, String literal, List<Concept> concepts) {
        String v = literal.strip();
        if (v.matches("\\d{4}-\\d{1,2}") && "month".equals(part.grain())) {
            int year = Integer.parseInt(v.substring(0, 4));
            int month = Integer.parseInt(v.substring(5));
            if (month >= 1 && month <= 12) {
                return Optional.of(closedRange(
                        LocalDate.of(year, month, 1),
                        LocalDate.of(year, month, 1).plusMonths(1),
                        concepts));
            }
        }
        if (!v.matches("\\d{1,4}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(v);
        return switch (part.grain()) {
            case "year" -> {
                concepts.add(ConceptKind.YEAR.of(Integer.toString(n)));
                yield Optional.of("is in " + n);
            }
            case "month" -> {
                if (n < 1 || n > 12) {
                    yield Optional.empty();
                }
                String month = Vocabulary.MONTHS.get(n - 1);
                concepts.add(ConceptKind.MONTH.of(month));
                yield Optional.of("is in " + Words.capitalise(month));
            }
            case "quarter" -> {
                if (n < 1 || n > 4) {
                    yield Optional.empty();
                }
                yield Optional.of("is in the " + Vocabulary.QUARTER_ORDINALS.get(n - 1) + " quarter");
            }
            default -> Optional.empty();
        };
    }
}
