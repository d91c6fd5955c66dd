package dev.querent.knowledge.schema;

import dev.querent.core.DataSourceId;
import dev.querent.core.schema.ColumnInfo;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.knowledge.SchemaDrift;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * Turns the {@link SchemaSnapshot} of a data source into searchable documents: one per table (its
 * name and column names split into words, and its comment) and one per column (table and column
 * words, type, comment, sample values).
 *
 * <p>Document ids are derived from the data source and the qualified name, so indexing a data
 * source again replaces its documents; {@link #index} also removes the documents of tables and
 * columns that have disappeared, and skips the work when the schema hash is unchanged.
 */
public final class SchemaIndexer {
    /** Metadata: the data source a document describes. */
    public static final String DATA_SOURCE_ID = "dataSourceId";
    /** Metadata: {@value #KIND_TABLE} or {@value #KIND_COLUMN}. */
    public static final String KIND = "kind";
    /** Metadata: the table's qualified name ({@code schema.table}, or {@code table}). */
    public static final String TABLE = "table";
    /** Metadata: the column name (column documents only). */
    public static final String COLUMN = "column";

    public static final String KIND_TABLE = "table";
    public static final String KIND_COLUMN = "column";

    private static final Pattern CAMEL_CASE = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_SAMPLE_VALUES = 10;

    private final VectorStore store;
    private final Map<DataSourceId, String> indexedHashes = new ConcurrentHashMap<>();

    public SchemaIndexer(VectorStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Indexes the schema of a data source, replacing what was indexed for it before. Does nothing
     * when this indexer already indexed the same schema (by {@link #schemaHash}).
     *
     * @return the schema hash
     */
    public String index(DataSourceId dataSource, SchemaSnapshot snapshot) {
        String hash = schemaHash(snapshot);
        if (hash.equals(indexedHashes.get(dataSource))) {
            return hash;
        }
        // Stable ids make add() replace; the delete also drops tables and columns that are gone.
        store.delete(schemaDocuments(dataSource).build());
        store.add(documents(dataSource, snapshot));
        indexedHashes.put(dataSource, hash);
        return hash;
    }

    /**
     * Re-indexes only the tables that differ between {@code previous} (what is in the index now, or
     * {@code null} to index from scratch) and {@code snapshot}: their documents are deleted and, for
     * tables that still exist, added again. Unchanged tables keep their vectors.
     *
     * @return what changed
     */
    public SchemaDrift reindex(DataSourceId dataSource, SchemaSnapshot previous, SchemaSnapshot snapshot) {
        if (previous == null) {
            indexedHashes.remove(dataSource);
            index(dataSource, snapshot);
            return SchemaDrift.between(null, snapshot);
        }
        SchemaDrift drift = SchemaDrift.between(previous, snapshot);
        if (!drift.isEmpty()) {
            FilterExpressionBuilder f = new FilterExpressionBuilder();
            // Drift matches tables case-insensitively: delete under the name the index holds too.
            Map<String, String> indexedNames = new HashMap<>();
            previous.tables().forEach(t -> indexedNames.put(lower(t.qualifiedName()), t.qualifiedName()));
            Set<String> changed = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (String table : drift.changedTables()) {
                changed.add(lower(table));
                names.add(table);
                names.add(indexedNames.getOrDefault(lower(table), table));
            }
            // One delete for all changed tables: each delete may be a commit (Lucene) or a round trip.
            store.delete(f.and(schemaDocuments(dataSource), f.in(TABLE, names.toArray()))
                    .build());
            List<Document> documents = new ArrayList<>();
            for (TableInfo table : snapshot.tables()) {
                if (changed.contains(lower(table.qualifiedName()))) {
                    documents.add(tableDocument(dataSource, table));
                    table.columns().forEach(c -> documents.add(columnDocument(dataSource, table, c)));
                }
            }
            if (!documents.isEmpty()) {
                store.add(documents);
            }
        }
        indexedHashes.put(dataSource, schemaHash(snapshot));
        return drift;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Removes every table and column document of a data source. */
    public void remove(DataSourceId dataSource) {
        store.delete(schemaDocuments(dataSource).build());
        indexedHashes.remove(dataSource);
    }

    /** The schema documents (not patterns or notes sharing the store) of a data source. */
    private static FilterExpressionBuilder.Op schemaDocuments(DataSourceId dataSource) {
        FilterExpressionBuilder f = new FilterExpressionBuilder();
        return f.and(f.eq(DATA_SOURCE_ID, dataSource.value()), f.in(KIND, KIND_TABLE, KIND_COLUMN));
    }

    /** The hash of the schema last indexed for the data source by this indexer. */
    public Optional<String> indexedHash(DataSourceId dataSource) {
        return Optional.ofNullable(indexedHashes.get(dataSource));
    }

    /** The documents of a schema: each table's document followed by its columns' documents. */
    public static List<Document> documents(DataSourceId dataSource, SchemaSnapshot snapshot) {
        List<Document> out = new ArrayList<>();
        for (TableInfo table : snapshot.tables()) {
            out.add(tableDocument(dataSource, table));
            for (ColumnInfo column : table.columns()) {
                out.add(columnDocument(dataSource, table, column));
            }
        }
        return out;
    }

    static Document tableDocument(DataSourceId dataSource, TableInfo table) {
        StringBuilder text = new StringBuilder();
        text.append("Table ")
                .append(words(table.qualifiedName()))
                .append(" (")
                .append(table.qualifiedName())
                .append(")");
        if (table.comment() != null && !table.comment().isBlank()) {
            text.append(": ").append(table.comment().strip());
        }
        text.append(". Columns: ");
        for (int i = 0; i < table.columns().size(); i++) {
            text.append(i == 0 ? "" : ", ").append(words(table.columns().get(i).name()));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(DATA_SOURCE_ID, dataSource.value());
        metadata.put(KIND, KIND_TABLE);
        metadata.put(TABLE, table.qualifiedName());
        return Document.builder()
                .id(id(dataSource, table.qualifiedName()))
                .text(text.toString())
                .metadata(metadata)
                .build();
    }

    static Document columnDocument(DataSourceId dataSource, TableInfo table, ColumnInfo column) {
        StringBuilder text = new StringBuilder();
        text.append("Column ")
                .append(words(column.name()))
                .append(" of table ")
                .append(words(table.name()))
                .append(" (")
                .append(table.qualifiedName())
                .append('.')
                .append(column.name())
                .append(")");
        if (column.type() != null && !column.type().isBlank()) {
            text.append(", type ").append(column.type().toLowerCase(Locale.ROOT));
        }
        if (column.comment() != null && !column.comment().isBlank()) {
            text.append(": ").append(column.comment().strip());
        }
        if (!column.sampleValues().isEmpty()) {
            text.append(". Values: ")
                    .append(String.join(
                            ", ",
                            column.sampleValues()
                                    .subList(
                                            0,
                                            Math.min(
                                                    MAX_SAMPLE_VALUES,
                                                    column.sampleValues().size()))));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(DATA_SOURCE_ID, dataSource.value());
        metadata.put(KIND, KIND_COLUMN);
        metadata.put(TABLE, table.qualifiedName());
        metadata.put(COLUMN, column.name());
        return Document.builder()
                .id(id(dataSource, table.qualifiedName() + "." + column.name()))
                .text(text.toString())
                .metadata(metadata)
                .build();
    }

    /** The stable document id of a table ({@code schema.table}) or column ({@code schema.table.column}). */
    public static String id(DataSourceId dataSource, String qualifiedName) {
        return UUID.nameUUIDFromBytes((dataSource.value() + "\u0000" + qualifiedName).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** An identifier as lower-case words: {@code orderItems}, {@code order_items} → {@code order items}. */
    public static String words(String identifier) {
        String spaced = CAMEL_CASE.matcher(identifier).replaceAll("$1 $2");
        return String.join(" ", SEPARATORS.split(spaced.toLowerCase(Locale.ROOT).strip()))
                .strip();
    }

    /**
     * A SHA-256 over what the documents are made of (names, types, comments, sample values, keys),
     * not over the snapshot time: equal schemas hash equally.
     */
    public static String schemaHash(SchemaSnapshot snapshot) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (TableInfo t : snapshot.tables()) {
                update(digest, "T", t.schema(), t.name(), t.kind().name(), t.comment());
                for (ColumnInfo c : t.columns()) {
                    update(digest, "C", c.name(), c.type(), c.comment(), String.join("\u0001", c.sampleValues()));
                }
                update(digest, "P", String.join("\u0001", t.primaryKey()));
                for (ForeignKey fk : t.foreignKeys()) {
                    update(
                            digest,
                            "F",
                            String.join("\u0001", fk.columns()),
                            fk.refSchema(),
                            fk.refTable(),
                            String.join("\u0001", fk.refColumns()));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String part : parts) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update((byte) '\n');
    }
}
