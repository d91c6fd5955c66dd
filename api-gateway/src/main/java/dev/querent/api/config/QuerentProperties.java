package dev.querent.api.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything configurable, bound from {@code querent.*} properties or {@code QUERENT_*} environment
 * variables (see the README's configuration table).
 */
@ConfigurationProperties("querent")
public record QuerentProperties(
        @DefaultValue(".data") Path dataDir,
        @DefaultValue Metadata metadata,
        @DefaultValue Demo demo,
        @DefaultValue Llm llm,
        @DefaultValue Limits limits,
        @DefaultValue Review review,
        @DefaultValue Knowledge knowledge,
        @DefaultValue Sources sources) {

    /**
     * What data sources may reach.
     *
     * @param allowedDirs comma-separated directories database files (SQLite, DuckDB) may lie in,
     *     besides {@code <dataDir>/sources}, which is always allowed (and where relative paths and
     *     the demo warehouse go)
     * @param networkAllow comma-separated CIDR blocks, addresses or host patterns
     *     ({@code *.corp.example}) network data sources may connect to; empty = any not denied
     * @param networkDeny comma-separated CIDR blocks, addresses or host patterns refused
     * @param connectTimeout how long connecting (TCP plus login) to a network data source may take
     */
    public record Sources(
            @DefaultValue("") String allowedDirs,
            @DefaultValue("") String networkAllow,
            @DefaultValue("") String networkDeny,
            @DefaultValue("10s") Duration connectTimeout) {}

    /**
     * @param url JDBC URL of the metadata store; empty = SQLite file {@code <dataDir>/querent.db}
     * @param secretKey base64 of a 32-byte key for credentials at rest; empty = a key file generated
     *     in the data directory
     */
    public record Metadata(
            @DefaultValue("") String url,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("") String secretKey) {}

    public record Demo(@DefaultValue("true") boolean enabled) {}

    /** provider: none | ollama | openai. */
    public record Llm(
            @DefaultValue("none") String provider,
            @DefaultValue("") String baseUrl,
            @DefaultValue("") String model,
            @DefaultValue("") String apiKey,
            @DefaultValue("0.2") double temperature,
            @DefaultValue("2048") int maxTokens,
            @DefaultValue("1") int candidates,
            @DefaultValue("120s") Duration timeout,
            @DefaultValue("true") boolean arcticFormat) {}

    public record Limits(
            @DefaultValue("30s") Duration statementTimeout,
            @DefaultValue("5000") int maxRows,
            @DefaultValue("16777216") long maxResultBytes,
            @DefaultValue("1000") int defaultLimit,
            @DefaultValue("10000") int maxLimit,
            @DefaultValue("4000") int maxQuestionLength,
            @DefaultValue("8") int blockingThreads) {}

    public record Review(@DefaultValue("0.6") double belowConfidence) {}

    /**
     * @param store where vectors live: lucene (embedded, under the data directory) | pgvector | chroma
     * @param maxTables the most tables a model prompt shows
     * @param maxSchemaTokens the most estimated tokens the prompt's schema may take
     * @param paraphraseThreshold cosine similarity from which a verified pattern answers a paraphrase
     * @param autoVerify thumbs up on an answer the validator agreed with verifies it at once; false
     *     queues every thumbs-up as a candidate pattern for review
     */
    public record Knowledge(
            @DefaultValue("lucene") String store,
            @DefaultValue Embedding embedding,
            @DefaultValue Pgvector pgvector,
            @DefaultValue Chroma chroma,
            @DefaultValue("12") int maxTables,
            @DefaultValue("6000") int maxSchemaTokens,
            @DefaultValue("0.85") double paraphraseThreshold,
            @DefaultValue("true") boolean autoVerify) {}

    /** provider: onnx (in-process bge-small, offline) | ollama | openai. */
    public record Embedding(
            @DefaultValue("onnx") String provider,
            @DefaultValue("") String baseUrl,
            @DefaultValue("") String model,
            @DefaultValue("") String apiKey) {}

    /** url empty: the metadata store's database when that is PostgreSQL. */
    public record Pgvector(
            @DefaultValue("") String url,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("querent_kb") String schema) {}

    public record Chroma(
            @DefaultValue("http://127.0.0.1:8000") String url, @DefaultValue("querent") String collection) {}
}
