package dev.querent.agents;

import dev.querent.core.DataSourceId;
import dev.querent.core.schema.ForeignKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One undeclared join key: {@code fromTable.fromColumn} holds values of {@code toTable.toColumn},
 * which is unique.
 *
 * @param containment the share of the sampled distinct values of the referencing column that the
 *     referenced column holds (0..1)
 * @param sampled how many distinct values were sampled
 * @param rule the naming rule that proposed it ({@code JoinKeyCandidates.Rule})
 */
public record InferredRelationship(
        String id,
        DataSourceId dataSourceId,
        String fromSchema,
        String fromTable,
        String fromColumn,
        String toSchema,
        String toTable,
        String toColumn,
        RelationshipStatus status,
        double containment,
        int sampled,
        String rule,
        Instant createdAt,
        Instant updatedAt) {

    /** The foreign key the owning ({@code from}) table gets in a merged snapshot. */
    public ForeignKey toForeignKey() {
        return new ForeignKey(List.of(fromColumn), toSchema, toTable, List.of(toColumn), true);
    }

    /** Identity of the pair, case-insensitively: the same key means the same relationship. */
    public String key() {
        return key(fromSchema, fromTable, fromColumn, toSchema, toTable, toColumn);
    }

    /** {@link #key()} of the relationship between these two columns. */
    public static String key(
            String fromSchema, String fromTable, String fromColumn, String toSchema, String toTable, String toColumn) {
        return String.join(
                        "\u0000",
                        fromSchema == null ? "" : fromSchema,
                        fromTable,
                        fromColumn,
                        toSchema == null ? "" : toSchema,
                        toTable,
                        toColumn)
                .toLowerCase(Locale.ROOT);
    }
}
