package dev.querent.knowledge.chroma;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.knowledge.chroma.api.ChromaApi;
import dev.querent.knowledge.chroma.api.ChromaApi.Collection;
import dev.querent.knowledge.chroma.api.ChromaApi.DeleteRequest;
import dev.querent.knowledge.chroma.api.ChromaApi.GetRequest;
import dev.querent.knowledge.chroma.api.ChromaApi.GetResponse;
import dev.querent.knowledge.chroma.api.ChromaApi.QueryRequest;
import dev.querent.knowledge.chroma.api.ChromaApi.QueryResponse;
import dev.querent.knowledge.chroma.api.ChromaApi.UpsertRequest;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreProvider;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A {@link VectorStore} in a collection of a Chroma server (1.x, v2 REST API): one Chroma record
 * per Spring AI document, holding its text, metadata and vector.
 *
 * <p>The collection is created on first use (with its tenant and database) and compares vectors by
 * cosine distance; scores are cosine similarities ({@code 1 - distance}), as with pgvector and the
 * Lucene store. {@link #add} replaces a document with the same id. Metadata values must be strings,
 * numbers or booleans, the only ones Chroma stores; filters are translated as {@link ChromaFilters}
 * describes.
 *
 * <p>As in the Lucene store, the collection remembers which embedding model made its vectors and
 * how long they are, and the store refuses to open it with a different model: vectors of two models
 * are not comparable even at equal length. Each record also carries its model id (under {@value
 * #MODEL_KEY}, hidden from the returned metadata), so that a later re-embedding can find stale
 * entries.
 *
 * <p>Safe for concurrent use; {@link #close()} releases the HTTP client, the data stays on the server.
 */
public final class ChromaVectorStore extends AbstractObservationVectorStore implements AutoCloseable {
    /** Collection and record metadata key of the embedding model id. */
    public static final String MODEL_KEY = "querent:embedding_model";
    /** Collection metadata key of the vector length. */
    public static final String DIMENSIONS_KEY = "querent:dimensions";

    private static final String COSINE = "cosine";
    private static final List<String> INCLUDE = List.of("documents", "metadatas", "distances");

    private final ChromaApi api;
    private final String tenant;
    private final String database;
    private final String collectionName;
    private final String collectionId;
    private final String modelId;
    private final int dimensions;
    private final int maxBatchSize;

    private ChromaVectorStore(Builder builder) {
        super(builder);
        this.tenant = builder.tenant;
        this.database = builder.database;
        this.collectionName = builder.collectionName;
        this.modelId = builder.modelId != null ? builder.modelId : defaultModelId(builder.getEmbeddingModel());
        this.dimensions = embeddingModel.dimensions();
        this.api = new ChromaApi(builder.baseUrl);
        try {
            api.ensureTenant(tenant);
            api.ensureDatabase(tenant, database);
            Collection collection = api.getOrCreateCollection(
                    tenant, database, collectionName, Map.of(MODEL_KEY, modelId, DIMENSIONS_KEY, dimensions), COSINE);
            checkCollection(collection);
            this.collectionId = collection.id();
            this.maxBatchSize = api.maxBatchSize();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /**
     * A builder for the store of {@code collectionName} on the server at {@code baseUrl} (e.g.
     * {@code http://127.0.0.1:8000}), in tenant {@code default_tenant} and database {@code
     * default_database} unless set.
     */
    public static Builder builder(String baseUrl, String collectionName, EmbeddingModel embeddingModel) {
        return new Builder(baseUrl, collectionName, embeddingModel);
    }

    /** The model id this collection's vectors belong to. */
    public String embeddingModelId() {
        return modelId;
    }

    /** Which model embedded the stored document, if it exists. */
    public Optional<String> embeddingModelOf(String documentId) {
        GetResponse found = api.get(
                tenant, database, collectionId, new GetRequest(List.of(documentId), null, List.of("metadatas")));
        if (found.ids() == null || found.ids().isEmpty() || found.metadatas() == null) {
            return Optional.empty();
        }
        Map<String, Object> metadata = found.metadatas().get(0);
        return metadata != null && metadata.get(MODEL_KEY) instanceof String model
                ? Optional.of(model)
                : Optional.empty();
    }

    @Override
    public void doAdd(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        for (Document document : documents) {
            checkMetadata(document);
        }
        // Embed everything first: a failing model then leaves the collection untouched.
        List<float[]> vectors =
                embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
        if (vectors.size() != documents.size()) {
            throw new IllegalStateException(
                    modelId + " returned " + vectors.size() + " vectors for " + documents.size() + " documents");
        }
        vectors.forEach(this::checkLength);
        for (int from = 0; from < documents.size(); from += maxBatchSize) {
            int to = Math.min(documents.size(), from + maxBatchSize);
            List<Document> batch = documents.subList(from, to);
            List<Map<String, Object>> metadatas = new ArrayList<>(batch.size());
            for (Document document : batch) {
                Map<String, Object> metadata = new LinkedHashMap<>(document.getMetadata());
                metadata.put(MODEL_KEY, modelId);
                metadatas.add(metadata);
            }
            api.upsert(
                    tenant,
                    database,
                    collectionId,
                    new UpsertRequest(
                            batch.stream().map(Document::getId).toList(),
                            vectors.subList(from, to),
                            batch.stream().map(Document::getText).toList(),
                            metadatas));
        }
    }

    @Override
    public void doDelete(List<String> idList) {
        for (int from = 0; from < idList.size(); from += maxBatchSize) {
            List<String> batch = List.copyOf(idList.subList(from, Math.min(idList.size(), from + maxBatchSize)));
            api.delete(tenant, database, collectionId, new DeleteRequest(batch, null));
        }
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        Objects.requireNonNull(filterExpression, "filterExpression");
        api.delete(tenant, database, collectionId, new DeleteRequest(null, ChromaFilters.where(filterExpression)));
    }

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        if (request.getTopK() == 0) {
            return List.of();
        }
        float[] query = embeddingModel.embed(request.getQuery());
        checkLength(query);
        Map<String, Object> where =
                request.hasFilterExpression() ? ChromaFilters.where(request.getFilterExpression()) : null;
        QueryResponse response = api.query(
                tenant, database, collectionId, new QueryRequest(List.of(query), request.getTopK(), where, INCLUDE));
        List<String> ids = response.ids().get(0);
        double threshold = request.getSimilarityThreshold();
        List<Document> results = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            double similarity = 1.0 - response.distances().get(0).get(i);
            // 0 means "accept all" in Spring AI, even for negative similarities.
            if (threshold > SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL && similarity < threshold) {
                continue;
            }
            Map<String, Object> stored = response.metadatas().get(0).get(i);
            Map<String, Object> metadata = stored == null ? new LinkedHashMap<>() : new LinkedHashMap<>(stored);
            metadata.remove(MODEL_KEY);
            results.add(Document.builder()
                    .id(ids.get(i))
                    .text(response.documents().get(0).get(i))
                    .metadata(metadata)
                    .score(similarity)
                    .build());
        }
        return results;
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return VectorStoreObservationContext.builder(VectorStoreProvider.CHROMA.value(), operationName)
                .collectionName(collectionName)
                .dimensions(dimensions)
                .similarityMetric(VectorStoreSimilarityMetric.COSINE.value());
    }

    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "ChromaVectorStore[" + api.baseUrl() + ", " + tenant + "/" + database + "/" + collectionName + ", "
                + modelId + ", " + dimensions + " dimensions]";
    }

    /** Refuses a collection made for another model or vector length, or one that does not use cosine. */
    private void checkCollection(Collection collection) {
        String where = "The Chroma collection " + collectionName + " at " + api.baseUrl();
        String space = collection.space().orElse(null);
        if (!COSINE.equals(space)) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE,
                    where + " compares vectors by " + space + " distance, but scores need " + COSINE
                            + "; use a new collection.",
                    Map.of("collection", collectionName, "space", String.valueOf(space)),
                    null);
        }
        Map<String, Object> recorded = collection.metadata() == null ? Map.of() : collection.metadata();
        Object recordedModel = recorded.get(MODEL_KEY);
        Object recordedDimensions = recorded.get(DIMENSIONS_KEY);
        if (recordedModel == null || recordedDimensions == null) {
            return;
        }
        boolean sameLength = String.valueOf(recordedDimensions).equals(Integer.toString(dimensions));
        if (sameLength && recordedModel.equals(modelId)) {
            return;
        }
        String why = sameLength
                ? "vectors of different models are not comparable"
                : "vectors of different lengths cannot share one collection";
        throw new QuerentException(
                ErrorCode.INVALID_STATE,
                where + " holds " + recordedDimensions + "-dimensional vectors of " + recordedModel
                        + ", but the configured model is " + modelId + " (" + dimensions + " dimensions); " + why
                        + ". Re-embed into a new collection or configure " + recordedModel + ".",
                Map.of(
                        "collectionModel", recordedModel,
                        "collectionDimensions", recordedDimensions,
                        "model", modelId,
                        "dimensions", dimensions),
                null);
    }

    private void checkLength(float[] vector) {
        if (vector.length != dimensions) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE,
                    "The embedding model " + modelId + " returned a " + vector.length
                            + "-dimensional vector, but the Chroma collection " + collectionName + " holds "
                            + dimensions + "-dimensional vectors; they cannot be mixed.");
        }
    }

    /** Chroma stores strings, integers, floats and booleans; anything else fails before any write. */
    private static void checkMetadata(Document document) {
        for (Map.Entry<String, Object> entry : document.getMetadata().entrySet()) {
            Object value = entry.getValue();
            boolean storable = value instanceof String
                    || value instanceof Boolean
                    || value instanceof Integer
                    || value instanceof Long
                    || value instanceof Short
                    || value instanceof Byte
                    || value instanceof Float
                    || value instanceof Double;
            if (!storable) {
                throw new IllegalArgumentException("Metadata " + entry.getKey() + " of document " + document.getId()
                        + " is a " + (value == null ? "null" : value.getClass().getSimpleName())
                        + "; Chroma stores only strings, numbers and booleans");
            }
        }
    }

    private static String defaultModelId(EmbeddingModel model) {
        if (model instanceof OnnxEmbeddingModel onnx) {
            return onnx.modelId();
        }
        throw new IllegalArgumentException(
                "Name the embedding model with embeddingModelId(...): the collection records it to refuse mixing"
                        + " models");
    }

    /** Builder; the collection, its tenant and its database are created on {@link #build()} if missing. */
    public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
        private final String baseUrl;
        private final String collectionName;
        private String tenant = "default_tenant";
        private String database = "default_database";
        private String modelId;

        private Builder(String baseUrl, String collectionName, EmbeddingModel embeddingModel) {
            super(Objects.requireNonNull(embeddingModel, "embeddingModel"));
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.collectionName = Objects.requireNonNull(collectionName, "collectionName");
        }

        public Builder tenant(String tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        public Builder database(String database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * The name recorded with the collection and every vector. Required unless the model is an
         * {@link OnnxEmbeddingModel}, which names itself.
         */
        public Builder embeddingModelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        /** Connects to Chroma and opens (or creates) the collection. */
        @Override
        public ChromaVectorStore build() {
            return new ChromaVectorStore(this);
        }
    }
}
