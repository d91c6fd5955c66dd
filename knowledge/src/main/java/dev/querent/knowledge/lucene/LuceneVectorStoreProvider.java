package dev.querent.knowledge.lucene;

import dev.querent.knowledge.VectorStoreProvider;
import dev.querent.knowledge.VectorStoreSettings;
import org.springframework.ai.vectorstore.VectorStore;

/** {@code lucene}: an embedded index per model under the data directory ({@code <data>/index/<model>}). No options. */
public final class LuceneVectorStoreProvider implements VectorStoreProvider {
    public static final String NAME = "lucene";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VectorStore create(VectorStoreSettings settings) {
        return LuceneVectorStore.builder(settings.localDirectory().get(), settings.model())
                .embeddingModelId(settings.model().modelId())
                .build();
    }
}
