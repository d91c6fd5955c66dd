package dev.querent.knowledge.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class SchemaTextAnalyzerTest {
    private final Analyzer analyzer = new SchemaTextAnalyzer();

    @Test
    void identifiersAndProseMeet() throws IOException {
        assertThat(terms("orders.order_items")).containsExactly("order", "order", "item");
        assertThat(terms("orderItems")).containsExactly("order", "item");
        assertThat(terms("Which order items were returned?"))
                .containsExactly("which", "order", "item", "were", "return");
    }

    @Test
    void dropsStopWords() throws IOException {
        assertThat(terms("the number of customers")).containsExactly("number", "custom");
    }

    private List<String> terms(String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
