package dev.querent.core.sql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of the user a query runs for, bound into row filters as {@code :user.<name>}.
 * Values are strings, numbers (written as numbers only when they are valid finite numbers) or
 * collections of those (for {@code IN (:user.name)}); anything else is bound as its string form.
 */
public record UserAttributes(Map<String, Object> values) {
    public UserAttributes {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> copy.put(k, v instanceof Collection<?> c ? List.copyOf(c) : v));
        }
        values = Map.copyOf(copy);
    }

    public static UserAttributes none() {
        return new UserAttributes(Map.of());
    }

    public static UserAttributes of(Map<String, ?> values) {
        return new UserAttributes(Map.copyOf(values));
    }
}
