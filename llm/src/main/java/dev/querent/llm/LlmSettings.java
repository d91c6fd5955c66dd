package dev.querent.llm;

import dev.querent.core.NamedRegistry;
import java.time.Duration;

/**
 * How to reach the chat model. The application builds it from its {@code querent.llm.*} properties
 * ({@code QUERENT_LLM_*} variables) in one place; this module reads no environment itself. Blank
 * values fall back to the defaults below; the endpoint and model defaults are the provider's own
 * ({@link ChatModelProvider#complete}).
 *
 * @param provider the name of a {@link ChatModelProvider} in lower case ({@code ollama}, {@code
 *     openai}), or {@value ChatModelRegistry#NONE}; {@link ChatModelRegistry} resolves it
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
        String provider,
        String baseUrl,
        String model,
        String apiKey,
        Double temperature,
        Integer maxTokens,
        Duration timeout,
        int numCandidates,
        PromptStyle promptStyle) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_TOKENS = 2048;

    public LlmSettings {
        provider = provider == null || provider.isBlank() ? ChatModelRegistry.NONE : NamedRegistry.normalize(provider);
        baseUrl = blankToNull(baseUrl);
        if (baseUrl != null) {
            baseUrl = baseUrl.replaceAll("/+$", "");
        }
        model = blankToNull(model);
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
            String provider,
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
        return new LlmSettings(ChatModelRegistry.NONE, null, null, null, null, null, null, 1);
    }

    /**
     * These settings with {@code baseUrl} and {@code model} where they are blank: how a provider
     * applies its defaults.
     */
    public LlmSettings withDefaults(String defaultBaseUrl, String defaultModel) {
        return new LlmSettings(
                provider,
                baseUrl == null ? defaultBaseUrl : baseUrl,
                model == null ? defaultModel : model,
                apiKey,
                temperature,
                maxTokens,
                timeout,
                numCandidates,
                promptStyle);
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
