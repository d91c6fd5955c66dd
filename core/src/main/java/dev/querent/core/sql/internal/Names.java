package dev.querent.core.sql.internal;

import java.util.Locale;

/** Identifier helpers shared by the AST checks. */
public final class Names {
    private Names() {}

    /** {@code "a""b"}, {@code `a`} or {@code [a]} to {@code a""b}'s value; plain names unchanged. */
    public static String unquote(String identifier) {
        if (identifier == null || identifier.length() < 2) {
            return identifier;
        }
        char first = identifier.charAt(0);
        char last = identifier.charAt(identifier.length() - 1);
        if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
            String inner = identifier.substring(1, identifier.length() - 1);
            String doubled = String.valueOf(first) + first;
            return inner.replace(doubled, String.valueOf(first));
        }
        if (first == '[' && last == ']') {
            return identifier.substring(1, identifier.length() - 1);
        }
        return identifier;
    }

    public static boolean isDoubleQuoted(String identifier) {
        return identifier != null
                && identifier.length() >= 2
                && identifier.startsWith("\"")
                && identifier.endsWith("\"");
    }

    /** The case-folded, unquoted form used for comparisons. */
    public static String key(String identifier) {
        return identifier == null ? null : unquote(identifier).toLowerCase(Locale.ROOT);
    }
}
