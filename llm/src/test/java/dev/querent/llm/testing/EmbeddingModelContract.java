package dev.querent.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.querent.llm.EmbeddingModelProvider;
import dev.querent.llm.EmbeddingModelRegistry;
import dev.querent.llm.EmbeddingSettings;
import dev.querent.llm.IdentifiedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

/**
 * What every embedding model of the knowledge base promises, whichever provider serves it (in-process
 * ONNX, Ollama, an OpenAI-compatible server): one vector per text, in order and of the model's
 * dimensions, the same vector for a text alone or in a batch, a document embedded by its text only,
 * nothing for an empty batch, texts that share words closer than unrelated ones, and a stable id.
 */
public abstract class EmbeddingModelContract {
    protected static final List<String> TEXTS =
            List.of("orders placed by customers", "customers who placed many orders", "the weather forecast says rain");

    /** The registered provider under test. */
    protected abstract EmbeddingModelProvider provider();

    /** Settings naming {@link #provider()} that reach the model under test. */
    protected abstract EmbeddingSettings settings();

    /** The model under test, ready to embed: the provider's model for the settings (subclasses may reuse one). */
    protected IdentifiedEmbeddingModel model() {
        return provider().create(settings());
    }

    /** What the application does: settings naming the provider → registry → the model. */
    @Test
    void theProviderBuildsTheModelFromSettingsThatNameIt() {
        EmbeddingModelRegistry registry = new EmbeddingModelRegistry(List.of(provider()));
        EmbeddingSettings s = settings();
        EmbeddingSettings shouted = new EmbeddingSettings(
                " " + s.provider().toUpperCase(java.util.Locale.ROOT), s.baseUrl(), s.model(), s.apiKey(), s.timeout());

        IdentifiedEmbeddingModel built = registry.create(shouted);

        assertThat(s.provider()).isEqualTo(provider().name());
        assertThat(registry.names()).containsExactly(provider().name());
        assertThat(built.modelId()).isEqualTo(model().modelId());
        assertThat(built.embed(TEXTS.get(2))).containsExactly(model().embed(TEXTS.get(2)), within(1e-5f));
    }

    @Test
    void aBatchGivesOneVectorPerTextInOrderOfTheModelsDimensions() {
        IdentifiedEmbeddingModel model = model();

        List<float[]> vectors = model.embed(TEXTS);

        assertThat(vectors).hasSize(TEXTS.size());
        assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(model.dimensions()));
        assertThat(vectors.get(2)).containsExactly(model.embed(TEXTS.get(2)), within(1e-5f));
    }

    @Test
    void aDocumentIsEmbeddedByItsTextOnly() {
        IdentifiedEmbeddingModel model = model();
        Document document = new Document(TEXTS.getFirst(), java.util.Map.of("dataSource", "shop"));

        assertThat(model.embed(document)).containsExactly(model.embed(TEXTS.getFirst()), within(1e-5f));
    }

    @Test
    void anEmptyBatchGivesNothing() {
        assertThat(model().embed(List.of())).isEmpty();
    }

    @Test
    void textsSharingWordsAreCloserThanUnrelatedOnes() {
        List<float[]> v = model().embed(TEXTS);

        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(1), v.get(2)));
    }

    @Test
    void theModelHasAStableId() {
        assertThat(model().modelId()).isNotBlank().isEqualTo(model().modelId());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
