package dev.querent.semantics;

import dev.querent.core.dialect.SqlDialect;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.semantics.QueryPlan.Filter;
import dev.querent.semantics.QueryPlan.ValueType;
import dev.querent.semantics.reading.SchemaIndex;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plan filter written as a SQL condition in one dialect: its values as literals of their type
 * (numbers checked, strings and dates quoted by the dialect), never spliced. The plan compiler and
 * the edits of a model's SQL ({@link SqlEdits}) both write filters this way.
 */
final class FilterSql {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private FilterSql() {}

    /**
     * @param expr the filtered column or expression as SQL
     * @param info the column's description, for the value type when the filter has none; may be null
     * @throws IllegalArgumentException when a value cannot be a literal of its type or the operator
     *     has the wrong number of values
     */
    static String predicate(SqlDialect engine, String expr, Filter f, ColumnInfo info) {
        if (f.op() == null) {
            throw new IllegalArgumentException("the filter on " + f.column() + " has no operator");
        }
        List<String> v = f.values();
        ValueType type = f.valueType() != null ? f.valueType() : inferType(info);
        return switch (f.op()) {
            case EQ -> expr + " = " + literal(engine, one(f), type);
            case NE -> expr + " <> " + literal(engine, one(f), type);
            case GT -> expr + " > " + literal(engine, one(f), type);
            case GTE -> expr + " >= " + literal(engine, one(f), type);
            case LT -> expr + " < " + literal(engine, one(f), type);
            case LTE -> expr + " <= " + literal(engine, one(f), type);
            case IN, NOT_IN -> {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(f.op() + " on " + f.column() + " needs at least one value");
                }
                String list = v.stream().map(x -> literal(engine, x, type)).collect(Collectors.joining(", "));
                yield expr + (f.op() == QueryPlan.FilterOp.IN ? " IN (" : " NOT IN (") + list + ")";
            }
            case LIKE -> engine.caseInsensitiveLike(expr, literal(engine, one(f), ValueType.STRING));
            case BETWEEN -> {
                if (v.size() != 2) {
                    throw new IllegalArgumentException("BETWEEN on " + f.column() + " needs two values");
                }
                yield expr + " BETWEEN " + literal(engine, v.get(0), type) + " AND " + literal(engine, v.get(1), type);
            }
            case IS_NULL -> expr + " IS NULL";
            case NOT_NULL -> expr + " IS NOT NULL";
            case DAY_OF_WEEK -> {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("DAY_OF_WEEK on " + f.column() + " needs at least one day");
                }
                String days = v.stream()
                        .map(d -> day(d).getValue())
                        .distinct()
                        .sorted()
                        .map(String::valueOf)
                        .collect(Collectors.joining(", "));
                yield engine.isoDayOfWeek(expr) + " IN (" + days + ")";
            }
        };
    }

    /** A day of the week from its English name, any case; nothing else is accepted. */
    static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a day of the week (MONDAY … SUNDAY)");
        }
    }

    private static String one(Filter f) {
        if (f.values().size() != 1) {
            throw new IllegalArgumentException(f.op() + " on " + f.column() + " needs exactly one value, got "
                    + f.values().size());
        }
        return f.values().getFirst();
    }

    private static ValueType inferType(ColumnInfo info) {
        if (info == null) {
            return ValueType.NUMBER;
        }
        if (SchemaIndex.isNumeric(info)) {
            return ValueType.NUMBER;
        }
        if (SchemaIndex.isBoolean(info)) {
            return ValueType.BOOLEAN;
        }
        return SchemaIndex.isDate(info) ? ValueType.DATE : ValueType.STRING;
    }

    private static String literal(SqlDialect engine, String value, ValueType type) {
        if (value == null) {
            throw new IllegalArgumentException("a filter value is null; use IS_NULL");
        }
        return switch (type) {
            case NUMBER -> {
                String v = value.trim();
                if (!NUMBER.matcher(v).matches()) {
                    throw new IllegalArgumentException("'" + value + "' is not a number");
                }
                yield v;
            }
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                boolean b =
                        switch (v) {
                            case "true", "t", "1", "yes" -> true;
                            case "false", "f", "0", "no" -> false;
                            default -> throw new IllegalArgumentException("'" + value + "' is not a boolean");
                        };
                yield engine.booleanLiteral(b);
            }
            case DATE -> date(engine, value.trim());
            case STRING -> engine.stringLiteral(value);
        };
    }

    private static String date(SqlDialect engine, String value) {
        boolean timestamp;
        try {
            if (value.length() == 10) {
                LocalDate.parse(value);
                timestamp = false;
            } else {
                LocalDateTime.parse(value.replace(' ', 'T'));
                timestamp = true;
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a date (yyyy-mm-dd)");
        }
        return engine.dateLiteral(value.replace('T', ' '), timestamp);
    }
}
