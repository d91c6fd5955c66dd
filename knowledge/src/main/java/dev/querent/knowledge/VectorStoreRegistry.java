package dev.querent.knowledge;

import dev.querent.core.NamedRegistry;
import java.util.List;
import java.util.Set;
import org.springframework.ai.vectorstore.VectorStore;

/** Every known vector store provider, by name. */
public final class VectorStoreRegistry {
    private final NamedRegistry<VectorStoreProvider> providers;

    /** @throws IllegalArgumentException for two providers of one name */
    public VectorStoreRegistry(List<? extends VectorStoreProvider> providers) {
        this.providers = new NamedRegistry<>("vector store", providers, VectorStoreProvider::name);
    }

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public VectorStoreProvider provider(String name) {
        return providers.get(name);
    }

    public Set<String> names() {
        return providers.names();
    }

    public List<VectorStoreProvider> providers() {
        return providers.all();
    }

    /** The store {@code name} opens for the settings; see {@link VectorStoreProvider#create}. */
    public VectorStore create(String name, VectorStoreSettings settings) {
        return provider(name).create(settings);
    }
}
