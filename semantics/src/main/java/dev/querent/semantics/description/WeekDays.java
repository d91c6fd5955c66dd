package dev.querent.semantics.description;

import dev.querent.core.Dialect;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.IntPredicate;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;

/**
 * A date's day of the week as each engine numbers it — {@code EXTRACT(DOW FROM d)} (0 Sunday),
 * {@code EXTRACT(ISODOW FROM d)} (1 Monday), SQLite's {@code strftime('%w', d)}, MySQL's
 * {@code DAYOFWEEK(d)} (1 Sunday) and {@code WEEKDAY(d)} (0 Monday), and arithmetic over them — read
 * back as the days a comparison keeps: {@code strftime('%w', d) IN ('0', '6')} is "on Saturday or
 * Sunday". The expression is evaluated for each of the seven days, so any arithmetic that renumbers
 * the days reads the same.
 */
final class WeekDays {
    private WeekDays() {}

    /** A comparison's day-of-week side: the date it reads and the days for which the comparison holds. */
    record Selected(Expression date, List<DayOfWeek> days) {}

    /**
     * The days for which {@code holds} accepts the value {@code left} takes, when {@code left} is a
     * day of the week of a date; empty when it is anything else.
     */
    static Optional<Selected> selected(Expression left, IntPredicate holds, Dialect dialect) {
        Expression date = dateOf(left);
        if (date == null) {
            return Optional.empty();
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            Integer v = value(left, d, dialect);
            if (v == null) {
                return Optional.empty();
            }
            if (holds.test(v)) {
                days.add(d);
            }
        }
        return Optional.of(new Selected(date, days));
    }

    /** The date whose day of the week {@code e} takes, or null when {@code e} takes none. */
    private static Expression dateOf(Expression e) {
        return switch (e) {
            case Parenthesis p -> dateOf(p.getExpression());
            case ExpressionList<?> l when l.size() == 1 -> dateOf((Expression) l.getFirst());
            case CastExpression c -> dateOf(c.getLeftExpression());
            case Addition a -> firstNonNull(dateOf(a.getLeftExpression()), dateOf(a.getRightExpression()));
            case Subtraction s -> firstNonNull(dateOf(s.getLeftExpression()), dateOf(s.getRightExpression()));
            case Modulo m -> firstNonNull(dateOf(m.getLeftExpression()), dateOf(m.getRightExpression()));
            case Multiplication m -> firstNonNull(dateOf(m.getLeftExpression()), dateOf(m.getRightExpression()));
            case ExtractExpression x -> isDayPart(x.getName()) ? x.getExpression() : null;
            case Function f -> functionDate(f);
            default -> null;
        };
    }

    private static Expression functionDate(Function f) {
        List<Expression> args = args(f);
        String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "dayofweek", "dayofweekiso", "isodow", "weekday" -> args.size() == 1 ? args.getFirst() : null;
            case "strftime" ->
                args.size() == 2 && args.getFirst() instanceof StringValue s && isDayFormat(s.getValue())
                        ? args.get(1)
                        : null;
            case "date_part", "datepart" ->
                args.size() == 2 && isDayPart(partName(args.getFirst())) ? args.get(1) : null;
            case "mod" -> args.size() == 2 ? firstNonNull(dateOf(args.get(0)), dateOf(args.get(1))) : null;
            default -> null;
        };
    }

    /** The value {@code e} takes on day {@code d}, or null when it cannot be worked out. */
    private static Integer value(Expression e, DayOfWeek d, Dialect dialect) {
        return switch (e) {
            case Parenthesis p -> value(p.getExpression(), d, dialect);
            case ExpressionList<?> l when l.size() == 1 -> value((Expression) l.getFirst(), d, dialect);
            case CastExpression c -> value(c.getLeftExpression(), d, dialect);
            case LongValue v -> (int) v.getValue();
            case StringValue s -> s.getValue().matches("\\d{1,2}") ? Integer.parseInt(s.getValue()) : null;
            case Addition a -> apply(a.getLeftExpression(), a.getRightExpression(), d, dialect, Integer::sum);
            case Subtraction s -> apply(s.getLeftExpression(), s.getRightExpression(), d, dialect, (x, y) -> x - y);
            case Multiplication m -> apply(m.getLeftExpression(), m.getRightExpression(), d, dialect, (x, y) -> x * y);
            case Modulo m -> apply(m.getLeftExpression(), m.getRightExpression(), d, dialect, WeekDays::mod);
            case ExtractExpression x -> isDayPart(x.getName()) ? partValue(x.getName(), d, dialect) : null;
            case Function f -> functionValue(f, d, dialect);
            default -> null;
        };
    }

    private static Integer functionValue(Function f, DayOfWeek d, Dialect dialect) {
        List<Expression> args = args(f);
        String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "strftime" ->
                args.size() == 2 && args.getFirst() instanceof StringValue s && isDayFormat(s.getValue())
                        ? (s.getValue().equals("%u") ? d.getValue() : sundayZero(d))
                        : null;
            case "date_part", "datepart" -> args.size() == 2 ? partValue(partName(args.getFirst()), d, dialect) : null;
            case "mod" -> args.size() == 2 ? apply(args.get(0), args.get(1), d, dialect, WeekDays::mod) : null;
            default -> functionDate(f) == null ? null : partValue(name, d, dialect);
        };
    }

    /** The day numbered as a part name says: ISO names from 1 Monday, others as the engine counts. */
    private static Integer partValue(String part, DayOfWeek d, Dialect dialect) {
        String p = part == null ? "" : part.toLowerCase(Locale.ROOT);
        return switch (p) {
            case "isodow", "dayofweekiso" -> d.getValue();
            case "dow" -> sundayZero(d);
            // MySQL and BigQuery count from 1 on Sunday; DuckDB, PostgreSQL and Snowflake (by default) from 0
            case "dayofweek" ->
                dialect == Dialect.MYSQL || dialect == Dialect.BIGQUERY ? sundayZero(d) + 1 : sundayZero(d);
            // MySQL's WEEKDAY counts from 0 on Monday; DuckDB's is its DAYOFWEEK
            case "weekday" -> dialect == Dialect.DUCKDB ? sundayZero(d) : d.getValue() - 1;
            default -> null;
        };
    }

    private static boolean isDayPart(String part) {
        String p = partName(part);
        return p != null
                && (p.equals("dow") || p.equals("isodow") || p.equals("dayofweek") || p.equals("dayofweekiso"));
    }

    private static boolean isDayFormat(String format) {
        return format.equals("%w") || format.equals("%u");
    }

    private static String partName(Object part) {
        String s = part instanceof StringValue v ? v.getValue() : part == null ? null : part.toString();
        return s == null ? null : s.replace("'", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }

    private static int sundayZero(DayOfWeek d) {
        return d.getValue() % 7;
    }

    private static Integer apply(Expression l, Expression r, DayOfWeek d, Dialect dialect, BinaryOperator<Integer> op) {
        Integer x = value(l, d, dialect);
        Integer y = value(r, d, dialect);
        return x == null || y == null ? null : op.apply(x, y);
    }

    private static Integer mod(Integer x, Integer y) {
        return y == 0 ? null : Math.floorMod(x, y);
    }

    private static List<Expression> args(Function f) {
        ExpressionList<?> p = f.getParameters();
        return p == null ? List.of() : p.stream().map(x -> (Expression) x).toList();
    }

    private static Expression firstNonNull(Expression a, Expression b) {
        return a != null ? a : b;
    }
}
