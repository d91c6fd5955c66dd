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
        @DefaultValue Review review) {

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
}
