package dev.querent.knowledge.chroma;

import dev.querent.knowledge.VectorStoreProvider;
import dev.querent.knowledge.VectorStoreSettings;
import java.util.regex.Pattern;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * {@code chroma}: a collection per model, {@code <collection>_<model>}, on a Chroma server. Options
 * ({@code querent.knowledge.chroma.*}): {@code url} (default {@value #DEFAULT_URL}), {@code
 * collection} (default {@value #DEFAULT_COLLECTION}).
 */
public final class ChromaVectorStoreProvider implements VectorStoreProvider {
    public static final String NAME = "chroma";
    public static final String DEFAULT_URL = "http://127.0.0.1:8000";
    public static final String DEFAULT_COLLECTION = "querent";
    /** Chroma's own rule, kept short so the model's suffix still fits. */
    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VectorStore create(VectorStoreSettings settings) {
        String collection = settings.option("collection", DEFAULT_COLLECTION);
        if (!COLLECTION.matcher(collection).matches()) {
            throw new IllegalArgumentException("querent.knowledge.chroma.collection is letters, digits, '.', '_'"
                    + " and '-' starting with a letter or digit (at most 200), not '" + printable(collection) + "'");
        }
        return ChromaVectorStore.builder(
                        settings.option("url", DEFAULT_URL), collection + "_" + settings.indexName(), settings.model())
                .embeddingModelId(settings.model().modelId())
                .build();
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
