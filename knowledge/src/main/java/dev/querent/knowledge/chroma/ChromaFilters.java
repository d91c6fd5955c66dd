package dev.querent.knowledge.chroma;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Turns Spring AI's portable filter expressions into Chroma {@code where} clauses.
 *
 * <p>Chroma has no {@code $not}: a negation is pushed down to the comparisons (De Morgan, {@code
 * ==}↔{@code !=}, {@code <}↔{@code >=}, {@code IN}↔{@code NIN}). {@code !=} and {@code NIN} also
 * match records that lack the key, as in the Lucene store, so negated equality and membership are
 * exact; a negated range ({@code NOT (rows > 5)}) does not match records without {@code rows}.
 * Chroma compares only numbers with {@code <, <=, >, >=} and cannot test whether a key exists, so
 * string ranges, {@code IS NULL} and {@code IS NOT NULL} are refused.
 */
final class ChromaFilters {
    private ChromaFilters() {}

    static Map<String, Object> where(Filter.Operand operand) {
        return where(operand, false);
    }

    /**
     * Carries a pending negation down the tree. (Spring AI's {@code FilterHelper.negate} is not used:
     * it turns {@code NOT (NOT a)} into {@code NOT a}.)
     */
    private static Map<String, Object> where(Filter.Operand operand, boolean negated) {
        return switch (operand) {
            case Filter.Expression expression -> expression(expression, negated);
            case Filter.Group group -> where(group.content(), negated);
            default -> throw new IllegalArgumentException("Not a filter expression: " + operand);
        };
    }

    private static Map<String, Object> expression(Filter.Expression e, boolean negated) {
        return switch (e.type()) {
            case NOT -> where(e.left(), !negated);
            case AND, OR -> {
                boolean and = (e.type() == Filter.ExpressionType.AND) != negated;
                yield Map.of(and ? "$and" : "$or", List.of(where(e.left(), negated), where(e.right(), negated)));
            }
            case EQ -> compare(e, negated ? "$ne" : "$eq", value(e));
            case NE -> compare(e, negated ? "$eq" : "$ne", value(e));
            case GT -> compare(e, negated ? "$lte" : "$gt", number(e));
            case GTE -> compare(e, negated ? "$lt" : "$gte", number(e));
            case LT -> compare(e, negated ? "$gte" : "$lt", number(e));
            case LTE -> compare(e, negated ? "$gt" : "$lte", number(e));
            case IN -> compare(e, negated ? "$nin" : "$in", values(e));
            case NIN -> compare(e, negated ? "$in" : "$nin", values(e));
            case ISNULL, ISNOTNULL ->
                throw new IllegalArgumentException("Chroma cannot test whether a metadata key exists: " + e);
        };
    }

    private static Map<String, Object> compare(Filter.Expression e, String operator, Object value) {
        return Map.of(key(e), Map.of(operator, value));
    }

    private static String key(Filter.Expression e) {
        if (!(e.left() instanceof Filter.Key key)) {
            throw new IllegalArgumentException(e.type() + " needs a metadata key on the left: " + e);
        }
        String k = key.key();
        // The text parser keeps the quotes of a quoted key ('data source'); the stored key has none.
        if (k.length() >= 2 && (k.startsWith("'") && k.endsWith("'") || k.startsWith("\"") && k.endsWith("\""))) {
            return k.substring(1, k.length() - 1);
        }
        return k;
    }

    private static Object value(Filter.Expression e) {
        if (!(e.right() instanceof Filter.Value value) || value.value() == null) {
            throw new IllegalArgumentException(e.type() + " needs a value on the right: " + e);
        }
        return scalar(e, value.value());
    }

    private static Number number(Filter.Expression e) {
        if (value(e) instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("Chroma compares only numbers with <, <=, > and >=: " + e);
    }

    private static List<Object> values(Filter.Expression e) {
        if (!(e.right() instanceof Filter.Value value) || value.value() == null) {
            throw new IllegalArgumentException(e.type() + " needs a list of values on the right: " + e);
        }
        Collection<?> list = value.value() instanceof Collection<?> c ? c : List.of(value.value());
        if (list.isEmpty()) {
            throw new IllegalArgumentException(e.type() + " needs at least one value: " + e);
        }
        return list.stream().map(v -> scalar(e, v)).toList();
    }

    /** Chroma's metadata values: strings, integers, floats and booleans. */
    private static Object scalar(Filter.Expression e, Object value) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case Float f -> f.doubleValue();
            case Double d -> d;
            case null, default ->
                throw new IllegalArgumentException(
                        "Chroma filters on strings, numbers and booleans, not " + describe(value) + ": " + e);
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
