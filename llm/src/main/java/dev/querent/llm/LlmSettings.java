package dev.querent.llm;

import java.time.Duration;
import java.util.Locale;

/**
 * How to reach the chat model. Blank values fall back to the defaults below. The application builds
 * it from its {@code querent.llm.*} properties ({@code QUERENT_LLM_*} variables) in one place; this
 * module reads no environment itself.
 *
 * @param baseUrl the provider endpoint; for OpenAI-compatible servers it includes the API version
 *     path (e.g. {@code http://localhost:8000/v1})
 * @param apiKey the bearer key; {@code null} for servers without authentication
 * @param temperature the default sampling temperature, or {@code null} for 0.2 with one candidate and
 *     1.0 with several (candidates must differ to be worth voting over)
 * @param maxTokens the default generation budget per candidate
 * @param timeout how long one HTTP call may take; for streams, the longest wait for the next chunk
 * @param numCandidates how many candidates callers should ask for by default
 * @param promptStyle the prompt format the model expects
 */
public record LlmSettings(
        Provider provider,
        String baseUrl,
        String model,
        String apiKey,
        Double temperature,
        Integer maxTokens,
        Duration timeout,
        int numCandidates,
        PromptStyle promptStyle) {

    public static final String DEFAULT_OLLAMA_URL = "http://localhost:11434";
    public static final String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_OLLAMA_MODEL = "arctic-text2sql-r1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_TOKENS = 2048;

    /** Which client {@link LlmClients#create} builds. */
    public enum Provider {
        NONE,
        OLLAMA,
        OPENAI;

        /** Parses {@code none}, {@code ollama} or {@code openai}, ignoring case; blank means NONE. */
        public static Provider parse(String value) {
            if (value == null || value.isBlank()) {
                return NONE;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown LLM provider '" + value.strip() + "' (expected none, ollama or openai)");
            }
        }
    }

    public LlmSettings {
        provider = provider == null ? Provider.NONE : provider;
        baseUrl = blankToNull(baseUrl);
        if (baseUrl == null) {
            baseUrl = switch (provider) {
                case OLLAMA -> DEFAULT_OLLAMA_URL;
                case OPENAI -> DEFAULT_OPENAI_URL;
                case NONE -> null;
            };
        } else if (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        model = blankToNull(model);
        if (model == null && provider == Provider.OLLAMA) {
            model = DEFAULT_OLLAMA_MODEL;
        }
        if (model == null && provider == Provider.OPENAI) {
            throw new IllegalArgumentException("an OpenAI-compatible provider needs a model name");
        }
        apiKey = blankToNull(apiKey);
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
        }
        maxTokens = maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (numCandidates < 1 || numCandidates > LlmRequest.MAX_CANDIDATES) {
            throw new IllegalArgumentException(
                    "numCandidates must be between 1 and " + LlmRequest.MAX_CANDIDATES + ": " + numCandidates);
        }
        promptStyle = promptStyle == null ? PromptStyle.ARCTIC : promptStyle;
    }

    /** Settings in the Arctic prompt style. */
    public LlmSettings(
            Provider provider,
            String baseUrl,
            String model,
            String apiKey,
            Double temperature,
            Integer maxTokens,
            Duration timeout,
            int numCandidates) {
        this(provider, baseUrl, model, apiKey, temperature, maxTokens, timeout, numCandidates, PromptStyle.ARCTIC);
    }

    /** No LLM: Querent answers from its knowledge base only. */
    public static LlmSettings none() {
        return new LlmSettings(Provider.NONE, null, null, null, null, null, null, 1);
    }

    /** The key is a secret: never print it. */
    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", temperature=" + temperature + ", maxTokens=" + maxTokens
                + ", timeout=" + timeout + ", numCandidates=" + numCandidates + ", promptStyle=" + promptStyle
                + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
