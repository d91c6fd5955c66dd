package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders values as SQL literals. A value never becomes SQL syntax: a number is written as digits
 * only when it is a valid finite number, everything else becomes one string literal as the
 * dialect escapes it (quotes doubled; backslashes too where the engine reads them as escapes), and
 * identifiers are always quoted.
 */
public final class SqlLiterals {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private SqlLiterals() {}

    /**
     * One literal for {@code value}: integers and decimals ({@link Number}s whose plain decimal form
     * is a number) as numbers, negative ones in parentheses; anything else as a string literal.
     */
    public static String literal(Object value, Dialect dialect) {
        if (value instanceof Number n) {
            String digits = plainNumber(n);
            if (digits != null) {
                return digits.startsWith("-") ? "(" + digits + ")" : digits;
            }
        }
        return dialect.sql().stringLiteral(String.valueOf(value));
    }

    /** A comma-separated list of literals, for {@code IN (...)}; {@code NULL} when empty (matches nothing). */
    public static String list(Collection<?> values, Dialect dialect) {
        if (values.isEmpty()) {
            return "NULL";
        }
        return values.stream().map(v -> literal(v, dialect)).collect(Collectors.joining(", "));
    }

    /** The identifier quoted for {@code dialect}, embedded quote characters escaped. */
    public static String identifier(String name, Dialect dialect) {
        return dialect.sql().quoteIdentifier(name);
    }

    /** {@code schema.name} (or {@code name}) with each part quoted. */
    public static String qualified(String schema, String name, Dialect dialect) {
        return schema == null || schema.isEmpty()
                ? identifier(name, dialect)
                : identifier(schema, dialect) + "." + identifier(name, dialect);
    }

    private static String plainNumber(Number n) {
        String text;
        if (n instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (n instanceof BigInteger
                || n instanceof Long
                || n instanceof Integer
                || n instanceof Short
                || n instanceof Byte) {
            text = n.toString();
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return null;
            }
            text = new BigDecimal(n.toString()).toPlainString();
        } else {
            // An unknown Number subclass could print anything: only trust what parses as a number.
            text = n.toString();
        }
        return PLAIN_NUMBER.matcher(text).matches() ? text : null;
    }
}
