package dev.querent.knowledge.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

class OnnxEmbeddingModelTest {
    private static OnnxEmbeddingModel model;

    @BeforeAll
    static void load() {
        long start = System.nanoTime();
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
        model.embed("load");
        System.out.printf(
                "[figures] %s: load + first embedding %d ms%n", model, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void namesItselfAndItsLength() {
        assertThat(model.modelId()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(model.dimensions()).isEqualTo(384);
        assertThat(model.embed("orders per month")).hasSize(384);
    }

    @Test
    void keepsTheTokenizerLibraryOffline() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void vectorsAreDeterministicAndUnitLength() {
        float[] first = model.embed("orders per month");
        float[] second = model.embed("orders per month");
        float[] inBatch =
                model.embed(List.of("something else", "orders per month")).get(1);

        assertThat(second).containsExactly(first);
        assertThat(inBatch).containsExactly(first, within(1e-5f));
        assertThat(dot(first, first)).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void similarMeaningsAreCloser() {
        float[] question = model.embed("orders per month");

        double related = dot(question, model.embed("monthly order counts"));
        double unrelated = dot(question, model.embed("patient prescriptions"));

        System.out.printf(
                "[figures] cos(orders per month, monthly order counts)=%.3f, (…, patient prescriptions)=%.3f%n",
                related, unrelated);
        assertThat(related).isGreaterThan(unrelated);
    }

    @Test
    void answersSpringAiRequestsInOrder() {
        EmbeddingResponse response = model.call(new EmbeddingRequest(List.of("a", "b", "c"), null));

        assertThat(response.getResults()).hasSize(3);
        assertThat(response.getResults()).extracting(e -> e.getIndex()).containsExactly(0, 1, 2);
        assertThat(response.getMetadata().getModel()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(response.getResults().get(1).getOutput()).containsExactly(model.embed("b"), within(1e-5f));
        assertThat(model.call(new EmbeddingRequest(List.of(), null)).getResults())
                .isEmpty();
    }

    @Test
    void embedsTheTextOfADocumentWithoutItsMetadata() {
        Document document = Document.builder()
                .text("orders per month")
                .metadata("dataSourceId", "warehouse")
                .build();

        assertThat(model.embed(document)).containsExactly(model.embed("orders per month"), within(1e-6f));
    }

    @Test
    void refusesAnotherVectorLength() {
        EmbeddingOptions options = EmbeddingOptions.builder().dimensions(256).build();

        assertThatThrownBy(() -> model.call(new EmbeddingRequest(List.of("a"), options)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("384");
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String> texts = List.of("orders per month", "patient prescriptions", "unpaid invoices", "churned users");
        List<float[]> expected = texts.stream().map(model::embed).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String text : texts) {
                    futures.add(pool.submit(() -> model.embed(text)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).containsExactly(expected.get(i % texts.size()), within(1e-5f));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints per-text and batched embedding times; a test never asserts on wall-clock time. */
    @Test
    void printsEmbeddingFigures() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add("How many orders were placed per month in region " + i + "?");
        }
        long start = System.nanoTime();
        for (String text : texts) {
            model.embed(text);
        }
        double oneByOne = (System.nanoTime() - start) / 1e6 / texts.size();
        start = System.nanoTime();
        model.embed(texts);
        double batched = (System.nanoTime() - start) / 1e6 / texts.size();

        System.out.printf(
                "[figures] %s: %.2f ms per short text one by one, %.2f ms per text in a batch of %d (%d cores)%n",
                model.modelId(),
                oneByOne,
                batched,
                texts.size(),
                Runtime.getRuntime().availableProcessors());
        assertThat(texts).hasSize(64);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
