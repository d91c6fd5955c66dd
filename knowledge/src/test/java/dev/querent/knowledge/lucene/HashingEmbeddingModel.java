package dev.querent.knowledge.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/** A fake model of any length: words hashed into buckets. Enough to test what the store refuses. */
class HashingEmbeddingModel implements EmbeddingModel {
    private final int dimensions;

    HashingEmbeddingModel(int dimensions) {
        this.dimensions = dimensions;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<Embedding> embeddings = new ArrayList<>();
        for (String text : request.getInstructions()) {
            float[] vector = new float[dimensions];
            vector[0] = 1;
            for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
            }
            embeddings.add(new Embedding(vector, embeddings.size()));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return embed(document.getText());
    }

    @Override
    public int dimensions() {
        return dimensions;
    }
}
