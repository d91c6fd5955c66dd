package dev.querent.core.schema;

import dev.querent.core.Dialect;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything introspected from one data source at one moment.
 *
 * @param defaultSchema the schema unqualified names resolve to (e.g. {@code public}, {@code main})
 */
public record SchemaSnapshot(Dialect dialect, String defaultSchema, List<TableInfo> tables, Instant takenAt) {
    public SchemaSnapshot {
        tables = List.copyOf(tables);
    }

    /**
     * Finds a table by its (optionally schema-qualified) name, case-insensitively. An unqualified
     * name matches the table in the default schema first, then a table of that name in any schema
     * when the name is unique.
     */
    public Optional<TableInfo> table(String schema, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (schema != null && !schema.isEmpty()) {
            String s = schema.toLowerCase(Locale.ROOT);
            return tables.stream()
                    .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(n)
                            && t.schema() != null
                            && t.schema().toLowerCase(Locale.ROOT).equals(s))
                    .findFirst();
        }
        List<TableInfo> byName = tables.stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(n))
                .toList();
        if (byName.size() == 1) {
            return Optional.of(byName.getFirst());
        }
        return byName.stream()
                .filter(t -> t.schema() == null
                        || defaultSchema == null
                        || t.schema().equalsIgnoreCase(defaultSchema))
                .findFirst();
    }
}
