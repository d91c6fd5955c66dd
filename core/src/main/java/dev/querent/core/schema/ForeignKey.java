package dev.querent.core.schema;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * A foreign key from the owning table's {@code columns} to {@code refTable}'s {@code refColumns}.
 *
 * @param inferred {@code false} when the database declares it; {@code true} when Querent inferred it
 *     from names, types and the data (the database declares nothing), so that prompts and people can
 *     tell the two apart; absent in JSON stored before it existed, which reads as {@code false}
 */
public record ForeignKey(
        List<String> columns,
        String refSchema,
        String refTable,
        List<String> refColumns,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean inferred) {
    public ForeignKey {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    /** A foreign key the database declares. */
    public ForeignKey(List<String> columns, String refSchema, String refTable, List<String> refColumns) {
        this(columns, refSchema, refTable, refColumns, false);
    }
}
