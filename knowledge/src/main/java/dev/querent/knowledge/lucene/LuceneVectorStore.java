package dev.querent.knowledge.lucene;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link VectorStore} in a Lucene index on local disk: one Lucene document per Spring AI document,
 * with an HNSW vector, a BM25-searchable text field and filterable metadata.
 *
 * <p>Scores are cosine similarities, as with pgvector: vectors are L2-normalised here and indexed
 * for dot product, which is the same ranking as cosine without Lucene's deprecated {@code COSINE}
 * function. {@link #add} replaces a document with the same id.
 *
 * <p>The index remembers which embedding model made its vectors and how long they are, and refuses
 * to open with a different model: vectors of two models are not comparable even at equal length.
 * Each document also records its model id, so that a later re-embedding can find stale entries.
 *
 * <p>Every write is committed before it returns, so a crash loses no acknowledged document. Safe
 * for concurrent use; call {@link #close()} to release the index's write lock.
 */
public final class LuceneVectorStore implements VectorStore, AutoCloseable {
    /** The constant of reciprocal-rank fusion (Cormack et al.): damps the weight of the top ranks. */
    static final int RRF_K = 60;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> METADATA_TYPE = new TypeReference<>() {};

    private final Path path;
    private final EmbeddingModel embeddingModel;
    private final String modelId;
    private final int dimensions;
    private final int embeddingBatchSize;
    private final int hybridCandidates;
    private final Analyzer analyzer = new SchemaTextAnalyzer();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneVectorStore(Builder builder) {
        this.path = builder.path;
        this.embeddingModel = builder.embeddingModel;
        this.modelId = builder.modelId != null ? builder.modelId : defaultModelId(builder.embeddingModel);
        this.dimensions = embeddingModel.dimensions();
        this.embeddingBatchSize = builder.embeddingBatchSize;
        this.hybridCandidates = builder.hybridCandidates;
        Directory dir = null;
        IndexWriter w = null;
        try {
            Files.createDirectories(path);
            dir = FSDirectory.open(path);
            checkRecordedModel(dir);
            w = new IndexWriter(
                    dir, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            w.setLiveCommitData(Map.of(
                            IndexFields.COMMIT_MODEL,
                            modelId,
                            IndexFields.COMMIT_DIMENSIONS,
                            Integer.toString(dimensions))
                    .entrySet());
            // Commit at once so that even an empty index records its model.
            w.commit();
            this.searchers = new SearcherManager(w, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(w, dir);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot open the vector index at " + path, io);
            }
            throw (RuntimeException) e;
        }
        this.directory = dir;
        this.writer = w;
    }

    public static Builder builder(Path directory, EmbeddingModel embeddingModel) {
        return new Builder(directory, embeddingModel);
    }

    /** The model id this index's vectors belong to. */
    public String embeddingModelId() {
        return modelId;
    }

    public int dimensions() {
        return dimensions;
    }

    /** Which model embedded the stored document, if it exists. */
    public Optional<String> embeddingModelOf(String documentId) {
        return withSearcher(searcher -> {
            TopDocs hits = searcher.search(new TermQuery(new Term(IndexFields.ID, documentId)), 1);
            if (hits.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.ofNullable(
                    searcher.storedFields().document(hits.scoreDocs[0].doc).get(IndexFields.EMBEDDING_MODEL));
        });
    }

    /** Number of live documents. */
    public int count() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    @Override
    public void add(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        for (Document document : documents) {
            if (!document.isText() || document.getText() == null) {
                throw new IllegalArgumentException("Only text documents can be stored: " + document.getId());
            }
        }
        // Embed everything first: a failing model then leaves the index untouched.
        List<float[]> vectors = embedAll(documents);
        try {
            for (int i = 0; i < documents.size(); i++) {
                Document document = documents.get(i);
                writer.updateDocument(new Term(IndexFields.ID, document.getId()), toLucene(document, vectors.get(i)));
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the vector index at " + path, e);
        }
    }

    @Override
    public void delete(List<String> idList) {
        Term[] terms = idList.stream().map(id -> new Term(IndexFields.ID, id)).toArray(Term[]::new);
        try {
            writer.deleteDocuments(terms);
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete from the vector index at " + path, e);
        }
    }

    @Override
    public void delete(Filter.Expression filterExpression) {
        Objects.requireNonNull(filterExpression, "filterExpression");
        try {
            writer.deleteDocuments(FilterQueries.toQuery(filterExpression));
            commit();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot delete from the vector index at " + path, e);
        }
    }

    @Override
    public List<Document> similaritySearch(SearchRequest request) {
        if (request.getTopK() == 0) {
            return List.of();
        }
        float[] query = normalized(embeddingModel.embed(request.getQuery()));
        Query filter = request.hasFilterExpression() ? FilterQueries.toQuery(request.getFilterExpression()) : null;
        double threshold = request.getSimilarityThreshold();
        return withSearcher(searcher -> {
            TopDocs hits = searcher.search(
                    new KnnFloatVectorQuery(IndexFields.VECTOR, query, request.getTopK(), filter), request.getTopK());
            StoredFields stored = searcher.storedFields();
            List<Document> results = new ArrayList<>(hits.scoreDocs.length);
            for (ScoreDoc hit : hits.scoreDocs) {
                double similarity = cosine(hit.score);
                // 0 means "accept all" in Spring AI, even for negative similarities.
                if (threshold > SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL && similarity < threshold) {
                    continue;
                }
                results.add(fromLucene(stored.document(hit.doc), similarity));
            }
            return results;
        });
    }

    /**
     * BM25 and vector search fused by reciprocal rank: exact words (table names, codes, column
     * identifiers) that an embedding blurs still surface, and paraphrases that share no word still
     * match by meaning. Ranks, not scores, are fused because BM25 and cosine live on different scales.
     * The returned score is the fused score, comparable only within one result list.
     */
    public List<Document> hybridSearch(String query, int topK, Filter.Expression filter) {
        Objects.requireNonNull(query, "query");
        if (topK <= 0) {
            return List.of();
        }
        int candidates = Math.max(topK, hybridCandidates);
        float[] vector = normalized(embeddingModel.embed(query));
        Query filterQuery = filter == null ? null : FilterQueries.toQuery(filter);
        Query textQuery = textQuery(query);
        return withSearcher(searcher -> {
            Map<Integer, Double> fused = new HashMap<>();
            ScoreDoc[] byVector = searcher.search(
                            new KnnFloatVectorQuery(IndexFields.VECTOR, vector, candidates, filterQuery), candidates)
                    .scoreDocs;
            addRanks(fused, byVector);
            if (textQuery != null) {
                Query bm25 = filterQuery == null
                        ? textQuery
                        : new BooleanQuery.Builder()
                                .add(textQuery, Occur.MUST)
                                .add(filterQuery, Occur.FILTER)
                                .build();
                addRanks(fused, searcher.search(bm25, candidates).scoreDocs);
            }
            StoredFields stored = searcher.storedFields();
            List<Map.Entry<Integer, Double>> ranked = fused.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(topK)
                    .toList();
            List<Document> results = new ArrayList<>(ranked.size());
            for (Map.Entry<Integer, Double> entry : ranked) {
                results.add(fromLucene(stored.document(entry.getKey()), entry.getValue()));
            }
            return results;
        });
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the vector index at " + path, e);
        }
    }

    @Override
    public String toString() {
        return "LuceneVectorStore[" + path + ", " + modelId + ", " + dimensions + " dimensions]";
    }

    private void checkRecordedModel(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return;
        }
        Map<String, String> recorded = SegmentInfos.readLatestCommit(dir).getUserData();
        String recordedModel = recorded.get(IndexFields.COMMIT_MODEL);
        String recordedDimensions = recorded.get(IndexFields.COMMIT_DIMENSIONS);
        if (recordedModel == null || recordedDimensions == null) {
            return;
        }
        boolean sameLength = recordedDimensions.equals(Integer.toString(dimensions));
        if (sameLength && recordedModel.equals(modelId)) {
            return;
        }
        String why = sameLength
                ? "vectors of different models are not comparable"
                : "vectors of different lengths cannot share one index";
        throw new QuerentException(
                ErrorCode.INVALID_STATE,
                "The vector index at " + path + " holds " + recordedDimensions + "-dimensional vectors of "
                        + recordedModel + ", but the configured model is " + modelId + " (" + dimensions
                        + " dimensions); " + why + ". Re-embed into a new directory or configure " + recordedModel
                        + ".",
                Map.of(
                        "indexModel", recordedModel,
                        "indexDimensions", recordedDimensions,
                        "model", modelId,
                        "dimensions", dimensions),
                null);
    }

    private List<float[]> embedAll(List<Document> documents) {
        List<float[]> vectors = new ArrayList<>(documents.size());
        for (int from = 0; from < documents.size(); from += embeddingBatchSize) {
            List<String> texts = documents.subList(from, Math.min(documents.size(), from + embeddingBatchSize)).stream()
                    .map(Document::getText)
                    .toList();
            List<float[]> batch = embeddingModel.embed(texts);
            if (batch.size() != texts.size()) {
                throw new IllegalStateException(
                        modelId + " returned " + batch.size() + " vectors for " + texts.size() + " texts");
            }
            for (float[] vector : batch) {
                vectors.add(normalized(vector));
            }
        }
        return vectors;
    }

    private float[] normalized(float[] vector) {
        if (vector.length != dimensions) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE,
                    "The embedding model " + modelId + " returned a " + vector.length
                            + "-dimensional vector, but the index at " + path + " holds " + dimensions
                            + "-dimensional vectors; they cannot be mixed.");
        }
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            throw new IllegalArgumentException(modelId + " returned a zero or non-finite vector");
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }

    private org.apache.lucene.document.Document toLucene(Document document, float[] unitVector) {
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        doc.add(new StringField(IndexFields.ID, document.getId(), Field.Store.YES));
        doc.add(new TextField(IndexFields.TEXT, document.getText(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(IndexFields.VECTOR, unitVector, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StringField(IndexFields.EMBEDDING_MODEL, modelId, Field.Store.YES));
        doc.add(new StoredField(IndexFields.METADATA_JSON, JSON.writeValueAsString(document.getMetadata())));
        IndexFields.addMetadata(doc, document.getMetadata());
        return doc;
    }

    private static Document fromLucene(org.apache.lucene.document.Document doc, double score) {
        String json = doc.get(IndexFields.METADATA_JSON);
        Map<String, Object> metadata = json == null ? Map.of() : JSON.readValue(json, METADATA_TYPE);
        return Document.builder()
                .id(doc.get(IndexFields.ID))
                .text(doc.get(IndexFields.TEXT))
                .metadata(metadata)
                .score(score)
                .build();
    }

    /** Lucene reports dot-product similarity of unit vectors as {@code (1 + cos) / 2}. */
    private static double cosine(float luceneScore) {
        return Math.max(-1.0, Math.min(1.0, 2.0 * luceneScore - 1.0));
    }

    private static void addRanks(Map<Integer, Double> fused, ScoreDoc[] ranked) {
        for (int rank = 0; rank < ranked.length; rank++) {
            fused.merge(ranked[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
        }
    }

    /** A disjunction of the analysed query terms; {@code null} when nothing is left (only stop words). */
    private Query textQuery(String query) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.TEXT, query)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String term : terms) {
            builder.add(new TermQuery(new Term(IndexFields.TEXT, term)), Occur.SHOULD);
        }
        return builder.build();
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private <T> T withSearcher(SearcherFunction<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the vector index at " + path, e);
        }
    }

    private static String defaultModelId(EmbeddingModel model) {
        if (model instanceof OnnxEmbeddingModel onnx) {
            return onnx.modelId();
        }
        throw new IllegalArgumentException(
                "Name the embedding model with embeddingModelId(...): the index records it to refuse mixing models");
    }

    private static void closeQuietly(IndexWriter writer, Directory directory) {
        try {
            if (writer != null) {
                writer.rollback();
            }
        } catch (IOException | RuntimeException ignored) {
            // Already failing; the original exception is the one worth reporting.
        }
        try {
            if (directory != null) {
                directory.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // As above.
        }
    }

    @FunctionalInterface
    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Builder; the directory is created if missing. */
    public static final class Builder {
        private final Path path;
        private final EmbeddingModel embeddingModel;
        private String modelId;
        private int embeddingBatchSize = 32;
        private int hybridCandidates = 50;

        private Builder(Path path, EmbeddingModel embeddingModel) {
            this.path = Objects.requireNonNull(path, "directory");
            this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
        }

        /**
         * The name recorded with every vector. Required unless the model is an {@link
         * OnnxEmbeddingModel}, which names itself.
         */
        public Builder embeddingModelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        /** Texts per call to the embedding model when adding documents. */
        public Builder embeddingBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("embeddingBatchSize must be positive");
            }
            this.embeddingBatchSize = size;
            return this;
        }

        /** How many hits each of BM25 and vector search contributes to a hybrid search's fusion. */
        public Builder hybridCandidates(int candidates) {
            if (candidates < 1) {
                throw new IllegalArgumentException("hybridCandidates must be positive");
            }
            this.hybridCandidates = candidates;
            return this;
        }

        public LuceneVectorStore build() {
            return new LuceneVectorStore(this);
        }
    }
}
