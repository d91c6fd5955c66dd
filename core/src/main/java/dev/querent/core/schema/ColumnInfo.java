package dev.querent.core.schema;

import java.util.List;

/**
 * One column as introspected.
 *
 * @param sampleValues a few distinct values of low-cardinality text columns, for value linking;
 *     empty otherwise
 */
public record ColumnInfo(String name, String type, boolean nullable, String comment, List<String> sampleValues) {
    public ColumnInfo {
        sampleValues = sampleValues == null ? List.of() : List.copyOf(sampleValues);
    }

    public ColumnInfo withSampleValues(List<String> values) {
        return new ColumnInfo(name, type, nullable, comment, values);
    }
}
