package dev.querent.api.properties;

import dev.querent.llm.LlmSettings;
import dev.querent.llm.PromptStyle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

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
        @DefaultValue Security security,
        @DefaultValue Sources sources,
        @DefaultValue Uploads uploads) {

    /**
     * Files sources.
     *
     * @param maxBytes the largest file an upload (or a source's folder) may hold
     * @param maxFiles the most files one files source may hold
     */
    public record Uploads(@DefaultValue("104857600") long maxBytes, @DefaultValue("50") int maxFiles) {}

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

    /**
     * The chat model: the one place the application turns its {@code QUERENT_LLM_*} settings into
     * {@link LlmSettings}.
     *
     * @param provider the name of a registered chat model provider ({@code ollama}, {@code openai}),
     *     any case, or {@code none}; resolved through the application's {@code ChatModelRegistry}
     * @param temperature {@code null} (unset): 0.2 with one candidate, 1.0 with several (candidates
     *     must differ to be worth voting over)
     * @param timeout a bare number means seconds
     */
    public record Llm(
            @DefaultValue("none") String provider,
            @DefaultValue("") String baseUrl,
            @DefaultValue("") String model,
            @DefaultValue("") String apiKey,
            Double temperature,
            @DefaultValue("2048") int maxTokens,
            @DefaultValue("1") int candidates,
            @DefaultValue("120s") @DurationUnit(ChronoUnit.SECONDS) Duration timeout,
            @DefaultValue("arctic") PromptStyle promptStyle) {

        /**
         * The settings as configured; the provider's defaults (endpoint, model) are applied when the
         * registry resolves them.
         *
         * @throws IllegalArgumentException naming what is invalid (a temperature above 2…)
         */
        public LlmSettings settings() {
            return new LlmSettings(
                    provider, baseUrl, model, apiKey, temperature, maxTokens, timeout, candidates, promptStyle);
        }
    }

    /**
     * @param blockingThreads threads for cheap blocking work (metadata reads and writes)
     * @param queryThreads threads for work that runs queries (confirm, retry, row pages, previews,
     *     connection tests, schema syncs), apart from the cheap work
     * @param maxConcurrentQueriesPerSource queries one data source runs at once
     * @param maxConcurrentQueriesPerUser queries one user runs at once (across data sources); 0 = no bound
     * @param queryAdmissionWait how long a query waits for a slot before {@code DATA_SOURCE_BUSY}
     * @param previewRows / previewBytes the most rows and JSON bytes stored (and replayed) per answer
     * @param maxPageRows the most rows one {@code GET /api/turns/{id}/rows} page returns
     * @param maxFrameBytes the largest WebSocket frame answered with an error frame rather than a close
     */
    public record Limits(
            @DefaultValue("30s") Duration statementTimeout,
            @DefaultValue("5000") int maxRows,
            @DefaultValue("16777216") long maxResultBytes,
            @DefaultValue("1000") int defaultLimit,
            @DefaultValue("10000") int maxLimit,
            @DefaultValue("4000") int maxQuestionLength,
            @DefaultValue("8") int blockingThreads,
            @DefaultValue("16") int queryThreads,
            @DefaultValue("4") int maxConcurrentQueriesPerSource,
            @DefaultValue("2") int maxConcurrentQueriesPerUser,
            @DefaultValue("2s") Duration queryAdmissionWait,
            @DefaultValue("200") int previewRows,
            @DefaultValue("262144") long previewBytes,
            @DefaultValue("1000") int maxPageRows,
            @DefaultValue("1048576") int maxFrameBytes) {}

    /**
     * @param belowConfidence the precision target: answers whose calibrated confidence is below it are
     *     labelled unverified and go to the review queue
     * @param calibrationFile a {@code querent eval --fit} output to use instead of the shipped one
     */
    public record Review(@DefaultValue("0.9") double belowConfidence, String calibrationFile) {}

    /**
     * @param store the name of a registered vector store provider, any case: lucene (embedded, under
     *     the data directory), pgvector, chroma; its own settings are {@code
     *     querent.knowledge.<store>.*} (e.g. {@code querent.knowledge.pgvector.url})
     * @param maxTables the most tables a model prompt shows
     * @param maxSchemaTokens the most estimated tokens the prompt's schema may take
     * @param paraphraseThreshold cosine similarity from which a verified pattern answers a paraphrase
     * @param autoVerify thumbs up on an answer the validator agreed with verifies it at once; false
     *     queues every thumbs-up as a candidate pattern for review
     */
    public record Knowledge(
            @DefaultValue("lucene") String store,
            @DefaultValue Embedding embedding,
            @DefaultValue("12") int maxTables,
            @DefaultValue("6000") int maxSchemaTokens,
            @DefaultValue("0.85") double paraphraseThreshold,
            @DefaultValue("true") boolean autoVerify) {

        public Knowledge {
            store = store == null || store.isBlank() ? "lucene" : store; // QUERENT_KNOWLEDGE_STORE set but empty
        }
    }

    /**
     * The embedding model: in-process bge-small (offline) or one served by Ollama or an
     * OpenAI-compatible server.
     *
     * @param provider the name of a registered embedding model provider, any case: onnx, ollama, openai
     */
    public record Embedding(
            @DefaultValue("onnx") String provider,
            @DefaultValue("") String baseUrl,
            @DefaultValue("") String model,
            @DefaultValue("") String apiKey) {

        public Embedding {
            provider = provider == null || provider.isBlank() ? "onnx" : provider; // set but empty
        }
    }

    /**
     * @param adminPassword the first administrator's password; empty = generated, printed once and
     *     written to {@code <dataDir>/initial-admin-password}
     * @param allowedHosts Host header values this server answers to (DNS rebinding); {@code *} = any
     * @param allowedOrigins extra browser origins allowed to call the API and open the WebSocket
     *     (the server's own origin always is)
     */
    public record Security(
            @DefaultValue("admin") String adminUsername,
            @DefaultValue("") String adminPassword,
            @DefaultValue("localhost,127.0.0.1,[::1]") java.util.List<String> allowedHosts,
            @DefaultValue("") java.util.List<String> allowedOrigins,
            @DefaultValue Jwt jwt,
            @DefaultValue RateLimit rateLimit) {}

    /**
     * Resource-server mode: bearer JWTs from an identity provider, checked against its issuer, JWK
     * set or a public key. Empty = off.
     *
     * @param usernameClaim the claim naming the user
     * @param roleClaim a claim holding a role name or a list of names (the highest known one wins)
     * @param defaultRole the role of a token without a known role; empty = such tokens are refused
     */
    public record Jwt(
            @DefaultValue("") String issuerUri,
            @DefaultValue("") String jwkSetUri,
            @DefaultValue("") String publicKeyLocation,
            @DefaultValue("") String audience,
            @DefaultValue("preferred_username") String usernameClaim,
            @DefaultValue("querent_role") String roleClaim,
            @DefaultValue("") String defaultRole) {
        public boolean enabled() {
            return !issuerUri.isBlank() || !jwkSetUri.isBlank() || !publicKeyLocation.isBlank();
        }
    }

    /**
     * @param requestsPerMinute API requests per user or API key
     * @param asksPerMinute questions asked per user or API key
     * @param loginsPerMinute sign-in attempts per user name (a client address gets five times as many)
     * @param modelTokensPerHour language-model tokens (prompt + completion) per user; checked before
     *     each question and confirmation, charged with what the model actually used
     * @param redisUrl empty = buckets in memory (one instance); else shared through Redis
     */
    public record RateLimit(
            @DefaultValue("600") long requestsPerMinute,
            @DefaultValue("30") long asksPerMinute,
            @DefaultValue("10") long loginsPerMinute,
            @DefaultValue("500000") long modelTokensPerHour,
            @DefaultValue("") String redisUrl) {}
}
