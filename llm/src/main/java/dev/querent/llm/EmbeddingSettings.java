package dev.querent.llm;

import dev.querent.llm.LlmSettings.Provider;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach the embedding model on an Ollama or OpenAI-compatible server. Blank values fall back
 * to the defaults below.
 *
 * @param provider {@code OLLAMA} or {@code OPENAI}
 * @param baseUrl the provider endpoint; for OpenAI-compatible servers it includes the API version
 *     path (e.g. {@code http://localhost:8000/v1}), to which {@code /embeddings} is appended
 * @param model the embedding model; {@value #DEFAULT_OLLAMA_MODEL} on Ollama and {@value
 *     #DEFAULT_OPENAI_MODEL} on OpenAI's own endpoint when blank. Other OpenAI-compatible servers
 *     serve models of their own, so they need it named.
 * @param apiKey the bearer key for OpenAI-compatible servers; {@code null} for none. Ollama does not
 *     use it.
 * @param timeout how long one HTTP call may take
 */
public record EmbeddingSettings(Provider provider, String baseUrl, String model, String apiKey, Duration timeout) {

    public static final String DEFAULT_OLLAMA_MODEL = "nomic-embed-text";
    public static final String DEFAULT_OPENAI_MODEL = "text-embedding-3-small";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddingSettings {
        if (provider == null || provider == Provider.NONE) {
            throw new IllegalArgumentException("the embedding provider must be ollama or openai");
        }
        baseUrl = blankToNull(baseUrl);
        if (baseUrl == null) {
            baseUrl = provider == Provider.OLLAMA ? LlmSettings.DEFAULT_OLLAMA_URL : LlmSettings.DEFAULT_OPENAI_URL;
        }
        checkUrl(baseUrl);
        baseUrl = baseUrl.replaceAll("/+$", "");
        model = blankToNull(model);
        if (model == null && provider == Provider.OLLAMA) {
            model = DEFAULT_OLLAMA_MODEL;
        }
        if (model == null && baseUrl.equals(LlmSettings.DEFAULT_OPENAI_URL)) {
            model = DEFAULT_OPENAI_MODEL;
        }
        if (model == null) {
            throw new IllegalArgumentException(
                    "the OpenAI-compatible embedding server at " + baseUrl + " needs a model name");
        }
        apiKey = blankToNull(apiKey);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the embedding timeout must be positive: " + timeout);
        }
    }

    /** The key is a secret: never print it. */
    @Override
    public String toString() {
        return "EmbeddingSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", timeout=" + timeout + "]";
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            uri = null;
        }
        String scheme =
                uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the embedding base URL must be an http or https URL with a host: '" + url + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
