package dev.querent.knowledge;

import dev.querent.core.NamedRegistry;
import java.util.List;
import java.util.Set;

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
}
