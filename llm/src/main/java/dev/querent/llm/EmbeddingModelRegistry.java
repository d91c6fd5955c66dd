package dev.querent.llm;

import dev.querent.core.NamedRegistry;
import java.util.List;
import java.util.Set;

/** Every known embedding model provider, by name. */
public final class EmbeddingModelRegistry {
    private final NamedRegistry<EmbeddingModelProvider> providers;

    /** @throws IllegalArgumentException for two providers of one name */
    public EmbeddingModelRegistry(List<? extends EmbeddingModelProvider> providers) {
        this.providers = new NamedRegistry<>("embedding model provider", providers, EmbeddingModelProvider::name);
    }

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public EmbeddingModelProvider provider(String name) {
        return providers.get(name);
    }

    public Set<String> names() {
        return providers.names();
    }

    public List<EmbeddingModelProvider> providers() {
        return providers.all();
    }

    /**
     * The model the settings describe.
     *
     * @throws IllegalArgumentException for an unknown provider, listing the known ones, or settings
     *     the provider cannot work with
     */
    public IdentifiedEmbeddingModel create(EmbeddingSettings settings) {
        return provider(settings.provider()).create(settings);
    }
}
