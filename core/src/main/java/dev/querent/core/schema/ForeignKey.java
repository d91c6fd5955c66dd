package dev.querent.core.schema;

import java.util.List;

/** A foreign key from the owning table's {@code columns} to {@code refTable}'s {@code refColumns}. */
public record ForeignKey(List<String> columns, String refSchema, String refTable, List<String> refColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
