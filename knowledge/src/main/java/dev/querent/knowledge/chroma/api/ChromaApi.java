package dev.querent.knowledge.chroma.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for Chroma's v2 REST API ({@code /api/v2/...}, Chroma 1.x): tenants, databases,
 * collections and their records. Only what a vector store needs; Chroma's own embedding functions
 * are never used, callers send vectors.
 *
 * <p>Every failure is an {@link IllegalStateException}: a {@link ChromaException} with the HTTP
 * status and Chroma's message when the server answers an error, a plain one naming the URL when the
 * server cannot be reached. Safe for concurrent use; {@link #close()} releases the HTTP client.
 */
public final class ChromaApi implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI baseUrl;
    private final HttpClient http;

    /** A client for the server at {@code baseUrl}, e.g. {@code http://127.0.0.1:8000}. */
    public ChromaApi(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("A Chroma URL starts with http:// or https://, not " + baseUrl);
        }
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The server's base URL, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Creates the tenant unless it exists. */
    public void ensureTenant(String tenant) {
        ensure("/api/v2/tenants/" + segment(tenant), "/api/v2/tenants", new NameRequest(tenant));
    }

    /** Creates the database in the tenant unless it exists. */
    public void ensureDatabase(String tenant, String database) {
        String databases = "/api/v2/tenants/" + segment(tenant) + "/databases";
        ensure(databases + "/" + segment(database), databases, new NameRequest(database));
    }

    /**
     * Returns the named collection, creating it with this metadata and distance function when
     * missing. An existing collection is returned as it is, with its own metadata and distance.
     */
    public Collection getOrCreateCollection(
            String tenant, String database, String name, Map<String, Object> metadata, String space) {
        CreateCollectionRequest request = new CreateCollectionRequest(
                name, metadata, new Configuration(new IndexConfiguration(space), null), true);
        return send("POST", collections(tenant, database), request, Collection.class);
    }

    /** The named collection, if it exists. */
    public Optional<Collection> getCollection(String tenant, String database, String name) {
        try {
            return Optional.of(
                    send("GET", collections(tenant, database) + "/" + segment(name), null, Collection.class));
        } catch (ChromaException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Deletes the named collection and all its records. */
    public void deleteCollection(String tenant, String database, String name) {
        send("DELETE", collections(tenant, database) + "/" + segment(name), null, Void.class);
    }

    /**
     * The server's limit on records per write ({@code max_batch_size} of its pre-flight checks).
     */
    public int maxBatchSize() {
        return send("GET", "/api/v2/pre-flight-checks", null, PreFlightChecks.class)
                .maxBatchSize();
    }

    /** Inserts the records, replacing those with the same ids. */
    public void upsert(String tenant, String database, String collectionId, UpsertRequest request) {
        send("POST", records(tenant, database, collectionId, "upsert"), request, Void.class);
    }

    /** Nearest neighbours of each query vector. */
    public QueryResponse query(String tenant, String database, String collectionId, QueryRequest request) {
        return send("POST", records(tenant, database, collectionId, "query"), request, QueryResponse.class);
    }

    /** Records by id and/or metadata filter. */
    public GetResponse get(String tenant, String database, String collectionId, GetRequest request) {
        return send("POST", records(tenant, database, collectionId, "get"), request, GetResponse.class);
    }

    /** Deletes records by id and/or metadata filter. */
    public void delete(String tenant, String database, String collectionId, DeleteRequest request) {
        send("POST", records(tenant, database, collectionId, "delete"), request, Void.class);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ChromaApi[" + baseUrl + "]";
    }

    /** GET the resource; on 404 create it, accepting 409 from a concurrent creator. */
    private void ensure(String resource, String createPath, NameRequest create) {
        if (exists(resource)) {
            return;
        }
        try {
            send("POST", createPath, create, Void.class);
        } catch (ChromaException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private boolean exists(String resource) {
        try {
            send("GET", resource, null, Void.class);
            return true;
        } catch (ChromaException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private <T> T send(String method, String path, Object body, Class<T> responseType) {
        // Appended, not resolved: a base URL with a path (behind a proxy) keeps it.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new IllegalStateException(
                    "Cannot connect to Chroma at " + baseUrl + " (is it running? scripts/start-chroma.sh starts one)",
                    e);
        } catch (IOException e) {
            throw new IllegalStateException("Chroma at " + baseUrl + " failed to answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Chroma at " + baseUrl, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ChromaException(
                    baseUrl, response.statusCode(), method + " " + path, errorMessage(response.body()));
        }
        if (responseType == Void.class) {
            return null;
        }
        try {
            return JSON.readValue(response.body(), responseType);
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "Chroma at " + baseUrl + " answered " + method + " " + path + " with unexpected JSON", e);
        }
    }

    /** Chroma answers errors as {@code {"error": kind, "message": text}}; anything else is shown raw. */
    private static String errorMessage(String body) {
        try {
            ErrorResponse error = JSON.readValue(body, ErrorResponse.class);
            if (error.message() != null) {
                return error.error() == null ? error.message() : error.error() + ": " + error.message();
            }
        } catch (JacksonException notJson) {
            // Fall through to the raw body.
        }
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    private static String collections(String tenant, String database) {
        return "/api/v2/tenants/" + segment(tenant) + "/databases/" + segment(database) + "/collections";
    }

    private static String records(String tenant, String database, String collectionId, String operation) {
        return collections(tenant, database) + "/" + segment(collectionId) + "/" + operation;
    }

    private static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Chroma answered with an error status; the message is Chroma's own. */
    public static final class ChromaException extends IllegalStateException {
        private final int status;

        ChromaException(URI server, int status, String request, String message) {
            super("Chroma at " + server + " answered " + status + " to " + request + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A collection as Chroma describes it. */
    public record Collection(
            String id, String name, Map<String, Object> metadata, Configuration configurationJson, Integer dimension) {
        /** The distance function of its vector index ({@code l2}, {@code cosine} or {@code ip}), if stated. */
        public Optional<String> space() {
            if (configurationJson == null) {
                return Optional.empty();
            }
            IndexConfiguration index =
                    configurationJson.hnsw() != null ? configurationJson.hnsw() : configurationJson.spann();
            return Optional.ofNullable(index == null ? null : index.space());
        }
    }

    /** A collection's index configuration; Chroma uses HNSW on a single node and SPANN distributed. */
    public record Configuration(IndexConfiguration hnsw, IndexConfiguration spann) {}

    /** The part of an index configuration this client sets and reads. */
    public record IndexConfiguration(String space) {}

    /** Records to insert or replace; the lists run in parallel. */
    public record UpsertRequest(
            List<String> ids, List<float[]> embeddings, List<String> documents, List<Map<String, Object>> metadatas) {}

    /** A nearest-neighbour query; {@code where} is a Chroma metadata filter, or {@code null}. */
    public record QueryRequest(
            List<float[]> queryEmbeddings, int nResults, Map<String, Object> where, List<String> include) {}

    /** One list per query vector, nearest first; a list is {@code null} when not included. */
    public record QueryResponse(
            List<List<String>> ids,
            List<List<String>> documents,
            List<List<Map<String, Object>>> metadatas,
            List<List<Double>> distances) {}

    /** Records by ids and/or filter; {@code null} leaves a criterion out. */
    public record GetRequest(List<String> ids, Map<String, Object> where, List<String> include) {}

    /** The records found; a list is {@code null} when not included. */
    public record GetResponse(List<String> ids, List<String> documents, List<Map<String, Object>> metadatas) {}

    /** Records to delete by ids and/or filter; {@code null} leaves a criterion out. */
    public record DeleteRequest(List<String> ids, Map<String, Object> where) {}

    private record NameRequest(String name) {}

    private record CreateCollectionRequest(
            String name, Map<String, Object> metadata, Configuration configuration, boolean getOrCreate) {}

    private record PreFlightChecks(int maxBatchSize) {}

    private record ErrorResponse(String error, String message) {}
}
