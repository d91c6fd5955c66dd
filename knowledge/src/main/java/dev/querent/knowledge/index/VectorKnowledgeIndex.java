package dev.querent.knowledge.index;

import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.SchemaDrift;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import dev.querent.knowledge.schema.SchemaIndexer;
import dev.querent.knowledge.schema.SchemaRetriever;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * The knowledge index over any Spring AI {@link VectorStore}: schema documents (by {@link
 * SchemaIndexer}), verified patterns (their questions), instruction paragraphs and glossary entries
 * share the store and are told apart by the {@code kind} metadata. Searches use the Lucene store's
 * hybrid (BM25 + vector) search when that is the store, plain vector search otherwise.
 */
public final class VectorKnowledgeIndex implements KnowledgeIndex {
    static final String KIND_PATTERN = "pattern";
    static final String KIND_INSTRUCTION = "instruction";
    static final String KIND_GLOSSARY = "glossary";
    static final String PATTERN_ID = "patternId";
    static final String GLOSSARY_ID = "glossaryId";
    static final String TERM = "term";
    static final String DEFINITION = "definition";
    static final String POSITION = "position";

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern LINES = Pattern.compile("\\n");

    private final VectorStore store;
    private final String modelId;
    private final SchemaIndexer indexer;
    private final SchemaRetriever retriever;
    private final Set<DataSourceId> indexed = ConcurrentHashMap.newKeySet();

    /**
     * @param store where the vectors live
     * @param modelId the id of the embedding model the store embeds with
     */
    public VectorKnowledgeIndex(VectorStore store, String modelId) {
        this.store = Objects.requireNonNull(store, "store");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.indexer = new SchemaIndexer(store);
        this.retriever = new SchemaRetriever(store, Map.of());
    }

    @Override
    public String embeddingModelId() {
        return modelId;
    }

    @Override
    public SchemaDrift indexSchema(DataSourceId dataSource, SchemaSnapshot previousOrNull, SchemaSnapshot current) {
        SchemaDrift drift = indexer.reindex(dataSource, previousOrNull, current);
        attachSchema(dataSource, current);
        return drift;
    }

    @Override
    public boolean holdsSchemaDocuments(DataSourceId dataSource) {
        return holds(dataSource, SchemaIndexer.KIND_TABLE);
    }

    @Override
    public boolean holdsPatternDocuments(DataSourceId dataSource) {
        return holds(dataSource, KIND_PATTERN);
    }

    private boolean holds(DataSourceId dataSource, String kind) {
        return !store.similaritySearch(SearchRequest.builder()
                        .query(kind)
                        .topK(1)
                        .filterExpression(of(dataSource, kind))
                        .build())
                .isEmpty();
    }

    @Override
    public void attachSchema(DataSourceId dataSource, SchemaSnapshot indexedSnapshot) {
        retriever.put(dataSource, indexedSnapshot);
        indexed.add(dataSource);
    }

    @Override
    public boolean hasSchema(DataSourceId dataSource) {
        return indexed.contains(dataSource);
    }

    @Override
    public void removeDataSource(DataSourceId dataSource) {
        indexed.remove(dataSource);
        retriever.remove(dataSource);
        indexer.remove(dataSource);
        // What is left of the data source: its patterns, instructions and glossary.
        store.delete(new FilterExpressionBuilder()
                .eq(SchemaIndexer.DATA_SOURCE_ID, dataSource.value())
                .build());
    }

    @Override
    public RetrievedSchema retrieveSchema(String question, DataSourceId dataSource, int maxTables, int tokenBudget) {
        if (!hasSchema(dataSource)) {
            return new RetrievedSchema(List.of(), 0);
        }
        SchemaRetriever.Retrieval r = retriever.retrieve(question, dataSource, maxTables, tokenBudget);
        return new RetrievedSchema(
                r.tables().stream().map(SchemaRetriever.RankedTable::table).toList(), r.estimatedTokens());
    }

    @Override
    public void indexPattern(QueryPattern pattern) {
        indexPatterns(List.of(pattern));
    }

    @Override
    public void indexPatterns(List<QueryPattern> patterns) {
        List<String> unverified = patterns.stream()
                .filter(p -> p.status() != PatternStatus.VERIFIED)
                .map(p -> patternDocumentId(p.id()))
                .toList();
        if (!unverified.isEmpty()) {
            store.delete(unverified);
        }
        List<Document> documents = patterns.stream()
                .filter(p -> p.status() == PatternStatus.VERIFIED)
                .map(p -> Document.builder()
                        .id(patternDocumentId(p.id()))
                        .text(p.question())
                        .metadata(Map.of(
                                SchemaIndexer.DATA_SOURCE_ID,
                                p.dataSourceId().value(),
                                SchemaIndexer.KIND,
                                KIND_PATTERN,
                                PATTERN_ID,
                                p.id()))
                        .build())
                .toList();
        if (!documents.isEmpty()) {
            store.add(documents);
        }
    }

    @Override
    public void removePattern(String patternId) {
        store.delete(List.of(patternDocumentId(patternId)));
    }

    @Override
    public List<PatternHit> similarPatterns(String question, DataSourceId dataSource, int k) {
        if (k <= 0) {
            return List.of();
        }
        // Vector scores only: thresholds need cosine similarities, which BM25 fusion does not give.
        List<Document> hits = store.similaritySearch(SearchRequest.builder()
                .query(question)
                .topK(k)
                .filterExpression(of(dataSource, KIND_PATTERN))
                .build());
        return hits.stream()
                .filter(d -> d.getMetadata().get(PATTERN_ID) != null)
                .map(d -> new PatternHit(
                        d.getMetadata().get(PATTERN_ID).toString(), d.getScore() == null ? 0 : d.getScore()))
                .toList();
    }

    @Override
    public void indexNotes(
            DataSourceId dataSource, String instructionsOrNull, List<KnowledgeNotes.GlossaryEntry> glossary) {
        FilterExpressionBuilder f = new FilterExpressionBuilder();
        store.delete(f.and(
                        f.eq(SchemaIndexer.DATA_SOURCE_ID, dataSource.value()),
                        f.in(SchemaIndexer.KIND, KIND_INSTRUCTION, KIND_GLOSSARY))
                .build());
        List<Document> documents = new ArrayList<>();
        List<String> paragraphs = paragraphs(instructionsOrNull);
        for (int i = 0; i < paragraphs.size(); i++) {
            documents.add(Document.builder()
                    .id(noteDocumentId(dataSource, KIND_INSTRUCTION, Integer.toString(i)))
                    .text(paragraphs.get(i))
                    .metadata(Map.of(
                            SchemaIndexer.DATA_SOURCE_ID,
                            dataSource.value(),
                            SchemaIndexer.KIND,
                            KIND_INSTRUCTION,
                            POSITION,
                            i))
                    .build());
        }
        for (KnowledgeNotes.GlossaryEntry g : glossary) {
            documents.add(Document.builder()
                    .id(noteDocumentId(dataSource, KIND_GLOSSARY, g.id()))
                    .text(g.term() + ": " + g.definition())
                    .metadata(Map.of(
                            SchemaIndexer.DATA_SOURCE_ID,
                            dataSource.value(),
                            SchemaIndexer.KIND,
                            KIND_GLOSSARY,
                            GLOSSARY_ID,
                            g.id(),
                            TERM,
                            g.term(),
                            DEFINITION,
                            g.definition()))
                    .build());
        }
        if (!documents.isEmpty()) {
            store.add(documents);
        }
    }

    @Override
    public void removeGlossaryEntry(String glossaryId) {
        store.delete(new FilterExpressionBuilder().eq(GLOSSARY_ID, glossaryId).build());
    }

    @Override
    public RelevantNotes relevantNotes(String question, DataSourceId dataSource, int maxInstructions, int maxTerms) {
        List<String> instructions = maxInstructions <= 0
                ? List.of()
                : search(question, of(dataSource, KIND_INSTRUCTION), maxInstructions).stream()
                        .sorted(Comparator.comparingInt(
                                d -> position(d.getMetadata().get(POSITION))))
                        .map(Document::getText)
                        .toList();
        List<KnowledgeNotes.GlossaryEntry> glossary = maxTerms <= 0
                ? List.of()
                : search(question, of(dataSource, KIND_GLOSSARY), maxTerms).stream()
                        .map(d -> new KnowledgeNotes.GlossaryEntry(
                                String.valueOf(d.getMetadata().get(GLOSSARY_ID)),
                                dataSource,
                                String.valueOf(d.getMetadata().get(TERM)),
                                String.valueOf(d.getMetadata().get(DEFINITION))))
                        .toList();
        return new RelevantNotes(instructions, glossary);
    }

    /** Instructions split into paragraphs, or into lines when written as one block of lines. */
    static List<String> paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String normalized = text.replace("\r\n", "\n").strip();
        Pattern splitter = PARAGRAPHS.matcher(normalized).find() ? PARAGRAPHS : LINES;
        return splitter.splitAsStream(normalized)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .toList();
    }

    private List<Document> search(String query, Filter.Expression filter, int k) {
        if (store instanceof LuceneVectorStore lucene) {
            return lucene.hybridSearch(query, k, filter);
        }
        return store.similaritySearch(SearchRequest.builder()
                .query(query)
                .topK(k)
                .filterExpression(filter)
                .build());
    }

    private static Filter.Expression of(DataSourceId dataSource, String kind) {
        FilterExpressionBuilder f = new FilterExpressionBuilder();
        return f.and(f.eq(SchemaIndexer.DATA_SOURCE_ID, dataSource.value()), f.eq(SchemaIndexer.KIND, kind))
                .build();
    }

    private static int position(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }

    private static String patternDocumentId(String patternId) {
        return uuid("pattern\u0000" + patternId);
    }

    private static String noteDocumentId(DataSourceId dataSource, String kind, String key) {
        return uuid(dataSource.value() + "\u0000" + kind + "\u0000" + key);
    }

    private static String uuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
