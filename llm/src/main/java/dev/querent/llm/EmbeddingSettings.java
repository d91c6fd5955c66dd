package dev.querent.llm;

import dev.querent.core.NamedRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Which embedding model to use and how to reach it. The application builds it from its {@code
 * querent.knowledge.embedding.*} properties; the provider applies its own defaults where a value is
 * blank ({@link EmbeddingModelProvider#create}).
 *
 * @param provider the name of an {@link EmbeddingModelProvider} in lower case ({@code onnx}, {@code
 *     ollama}, {@code openai}); {@link EmbeddingModelRegistry} resolves it
 * @param baseUrl the server's endpoint, {@code null} for the provider's default; for
 *     OpenAI-compatible servers it includes the API version path (e.g. {@code
 *     http://localhost:8000/v1}), to which {@code /embeddings} is appended
 * @param model the embedding model, {@code null} for the provider's default (OpenAI-compatible
 *     servers other than OpenAI's own serve models of their own, so they need it named)
 * @param apiKey the bearer key for servers that want one; {@code null} for none
 * @param timeout how long one HTTP call may take
 */
public record EmbeddingSettings(String provider, String baseUrl, String model, String apiKey, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public EmbeddingSettings {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("no embedding provider is named");
        }
        provider = NamedRegistry.normalize(provider);
        baseUrl = blankToNull(baseUrl);
        if (baseUrl != null) {
            checkUrl(baseUrl);
            baseUrl = baseUrl.replaceAll("/+$", "");
        }
        model = blankToNull(model);
        apiKey = blankToNull(apiKey);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the embedding timeout must be positive: " + timeout);
        }
    }

    /** Settings naming only the provider: every value its default. */
    public static EmbeddingSettings of(String provider) {
        return new EmbeddingSettings(provider, null, null, null, null);
    }

    /** These settings with {@code baseUrl} and {@code model} where they are blank: how a provider applies its defaults. */
    public EmbeddingSettings withDefaults(String defaultBaseUrl, String defaultModel) {
        return new EmbeddingSettings(
                provider,
                baseUrl == null ? defaultBaseUrl : baseUrl,
                model == null ? defaultModel : model,
                apiKey,
                timeout);
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
