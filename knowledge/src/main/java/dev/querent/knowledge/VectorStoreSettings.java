package dev.querent.knowledge;

import dev.querent.llm.IdentifiedEmbeddingModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What a {@link VectorStoreProvider} opens a store with.
 *
 * @param model the embedding model whose vectors the store keeps
 * @param localDirectory a directory of this model's index on local disk, created (readable by the
 *     owner only) on the first call; for stores that keep their data in files
 * @param options the store's own settings, {@code querent.knowledge.<name>.*} with the prefix
 *     removed ({@code url}, {@code schema}, …); values are stripped, blank ones dropped
 * @param applicationDatabase the application's own (metadata) database, which a store may share
 */
public record VectorStoreSettings(
        IdentifiedEmbeddingModel model,
        Supplier<Path> localDirectory,
        Map<String, String> options,
        Database applicationDatabase) {

    /** A JDBC database; {@code url} empty when there is none. */
    public record Database(String url, String username, String password) {
        public Database {
            url = url == null ? "" : url.strip();
        }

        /** The password is a secret: never print it. */
        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password="
                    + (password == null || password.isEmpty() ? "none" : "***") + "]";
        }
    }

    public VectorStoreSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(localDirectory, "localDirectory");
        Map<String, String> kept = new TreeMap<>();
        if (options != null) {
            options.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    kept.put(k.strip().toLowerCase(Locale.ROOT), v.strip());
                }
            });
        }
        options = Map.copyOf(kept);
        applicationDatabase = applicationDatabase == null ? new Database("", null, null) : applicationDatabase;
    }

    /** The option's value, or {@code fallback} when it is not set. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /**
     * The model id as a lower-case identifier, to name this model's index (directory, schema,
     * collection): {@code openai:text-embedding-3-small} → {@code openai_text_embedding_3_small}.
     */
    public String indexName() {
        return indexName(model.modelId());
    }

    /** A model id as a lower-case identifier, as {@link #indexName()}. */
    public static String indexName(String modelId) {
        return modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** Options whose names suggest secrets are never printed. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        options.forEach(
                (k, v) -> shown.put(k, k.contains("password") || k.contains("key") || k.contains("token") ? "***" : v));
        return "VectorStoreSettings[model=" + model.modelId() + ", options=" + shown + ", applicationDatabase="
                + applicationDatabase + "]";
    }
}
