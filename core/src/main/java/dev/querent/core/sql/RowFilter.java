package dev.querent.core.sql;

import dev.querent.core.sql.internal.FilterTemplate;
import java.util.Objects;
import java.util.Set;

/**
 * A row-filter predicate of a {@link TableScope}: SQL over that table's own columns, written
 * unqualified, with named parameters {@code :user.<attribute>} bound from {@link UserAttributes},
 * e.g. {@code region = :user.region} or {@code region IN (:user.regions)}. Parsed once, here; no
 * subqueries, no other parameters. Attribute values are bound as literals, never as SQL.
 */
public final class RowFilter {
    private final FilterTemplate template;

    private RowFilter(FilterTemplate template) {
        this.template = template;
    }

    /**
     * @throws IllegalArgumentException when {@code predicate} does not parse or is not allowed
     */
    public static RowFilter of(String predicate) {
        return new RowFilter(FilterTemplate.compile(predicate));
    }

    /** The predicate as written. */
    public String sql() {
        return template.sql();
    }

    /** The user attributes it needs. */
    public Set<String> attributes() {
        return template.attributes();
    }

    FilterTemplate template() {
        return template;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowFilter other && other.sql().equals(sql());
    }

    @Override
    public int hashCode() {
        return Objects.hash(sql());
    }

    @Override
    public String toString() {
        return sql();
    }
}
