package dev.querent.knowledge;

import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Folds the descriptions people wrote in the knowledge base into a schema's comments. */
public final class SchemaDescriptions {
    private SchemaDescriptions() {}

    /**
     * The snapshot with each described table's and column's description appended to (or standing
     * in for) the engine's comment, so that indexing, retrieval and prompts all see it.
     */
    public static SchemaSnapshot apply(SchemaSnapshot snapshot, List<KnowledgeNotes.Description> descriptions) {
        if (descriptions == null || descriptions.isEmpty()) {
            return snapshot;
        }
        Map<String, String> byKey = new HashMap<>();
        for (KnowledgeNotes.Description d : descriptions) {
            if (d.description() != null && !d.description().isBlank()) {
                byKey.put(key(d.table(), d.column()), d.description().strip());
            }
        }
        List<TableInfo> tables = snapshot.tables().stream()
                .map(t -> {
                    // The UI names tables of the default schema without it (orders for public.orders).
                    List<String> names = inDefaultSchema(t, snapshot.defaultSchema())
                            ? List.of(t.qualifiedName(), t.name())
                            : List.of(t.qualifiedName());
                    List<ColumnInfo> columns = t.columns().stream()
                            .map(c -> new ColumnInfo(
                                    c.name(),
                                    c.type(),
                                    c.nullable(),
                                    merge(c.comment(), find(byKey, names, c.name())),
                                    c.sampleValues()))
                            .toList();
                    return new TableInfo(
                            t.schema(),
                            t.name(),
                            t.kind(),
                            merge(t.comment(), find(byKey, names, null)),
                            columns,
                            t.primaryKey(),
                            t.foreignKeys(),
                            t.rowEstimate());
                })
                .toList();
        return new SchemaSnapshot(snapshot.dialect(), snapshot.defaultSchema(), tables, snapshot.takenAt());
    }

    private static boolean inDefaultSchema(TableInfo t, String defaultSchema) {
        return t.schema() == null || t.schema().isEmpty() || t.schema().equalsIgnoreCase(defaultSchema);
    }

    private static String find(Map<String, String> byKey, List<String> tableNames, String column) {
        for (String name : tableNames) {
            String d = byKey.get(key(name, column));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String merge(String comment, String description) {
        if (description == null) {
            return comment;
        }
        if (comment == null || comment.isBlank() || comment.strip().equalsIgnoreCase(description)) {
            return description;
        }
        return comment.strip() + " — " + description;
    }

    private static String key(String table, String column) {
        return (table + "\u0000" + (column == null ? "" : column)).toLowerCase(Locale.ROOT);
    }
}
