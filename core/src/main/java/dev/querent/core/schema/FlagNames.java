package dev.querent.core.schema;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words that make a column's name a flag's ({@code is_open}, {@code hasParking}, {@code
 * can_rent}, {@code was_cancelled}): one list for the connectors, which sample such columns, the
 * planner, which reads them as yes/no, and the validator, which describes them.
 */
public final class FlagNames {
    /** A flag's first word. */
    public static final Set<String> PREFIXES = Set.of("is", "has", "can", "was");

    private static final String ANY_PREFIX =
            String.join("|", PREFIXES.stream().sorted().toList());

    private static final Pattern NAMED =
            Pattern.compile("^(?:(?i:" + ANY_PREFIX + ")_[A-Za-z]|(?:" + ANY_PREFIX + ")[A-Z])");

    private FlagNames() {}

    /** Whether a column's name is a flag's: a prefix and a word, snake or camel case. */
    public static boolean named(String column) {
        return column != null && NAMED.matcher(column).find();
    }

    /** Whether a word of a name, any case, is a flag's first word. */
    public static boolean prefix(String word) {
        return word != null && PREFIXES.contains(word.toLowerCase(Locale.ROOT));
    }
}
