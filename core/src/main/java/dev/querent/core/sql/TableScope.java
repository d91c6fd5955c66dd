package dev.querent.core.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link DataScope} allows of one table.
 *
 * @param allowedColumns the columns the user may see, case-insensitive; {@code null} for all. A
 *     column left out does not exist for the user's queries.
 * @param maskedColumns columns whose every value is replaced by the mask's literal before the query
 *     sees them (the name stays visible); a masked column that is not allowed stays hidden
 * @param rowFilters predicates every row read must satisfy (all of them)
 */
public record TableScope(
        Set<String> allowedColumns, Map<String, ColumnMask> maskedColumns, List<RowFilter> rowFilters) {
    public TableScope {
        allowedColumns = allowedColumns == null ? null : Set.copyOf(allowedColumns);
        maskedColumns = maskedColumns == null ? Map.of() : Map.copyOf(maskedColumns);
        rowFilters = rowFilters == null ? List.of() : List.copyOf(rowFilters);
    }

    /** Everything: all columns, no mask, no filter. */
    public static TableScope all() {
        return new TableScope(null, Map.of(), List.of());
    }

    public TableScope withAllowedColumns(Set<String> columns) {
        return new TableScope(columns, maskedColumns, rowFilters);
    }

    public TableScope withMask(String column, ColumnMask mask) {
        Map<String, ColumnMask> masks = new LinkedHashMap<>(maskedColumns);
        masks.put(column, mask);
        return new TableScope(allowedColumns, masks, rowFilters);
    }

    /** Adds a row filter. @throws IllegalArgumentException when it does not parse or is not allowed */
    public TableScope withRowFilter(String predicate) {
        List<RowFilter> filters = new ArrayList<>(rowFilters);
        filters.add(RowFilter.of(predicate));
        return new TableScope(allowedColumns, maskedColumns, filters);
    }
}
