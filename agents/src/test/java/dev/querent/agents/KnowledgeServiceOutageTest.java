package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.querent.core.DataSourceId;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeNotes;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A knowledge index that cannot be reached (a Chroma or pgvector server down) must not stop
 * questions from being answered: retrieval degrades to nothing, and the rules people wrote still
 * reach the prompt from the metadata store.
 */
class KnowledgeServiceOutageTest {
    private static final DataSourceId DS = DataSourceId.of("ds");

    private final KnowledgeIndex down = (KnowledgeIndex) Proxy.newProxyInstance(
            KnowledgeIndex.class.getClassLoader(), new Class<?>[] {KnowledgeIndex.class}, (proxy, method, args) -> {
                throw new IllegalStateException("Chroma at http://127.0.0.1:8000 is not reachable");
            });

    private final KnowledgeNotes notes = new KnowledgeNotes() {
        @Override
        public List<Description> descriptions(DataSourceId dataSourceId) {
            return List.of();
        }

        @Override
        public Description saveDescription(DataSourceId d, String table, String column, String description) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> instructions(DataSourceId dataSourceId) {
            return Optional.of("Revenue excludes cancelled orders.");
        }

        @Override
        public void saveInstructions(DataSourceId dataSourceId, String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<GlossaryEntry> glossary(DataSourceId dataSourceId) {
            return List.of(new GlossaryEntry("g1", DS, "Q3", "fiscal quarter 3"));
        }

        @Override
        public GlossaryEntry addGlossaryEntry(DataSourceId dataSourceId, String term, String definition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<GlossaryEntry> glossaryEntry(String id) {
            return java.util.Optional.empty();
        }

        @Override
        public boolean deleteGlossaryEntry(String id) {
            throw new UnsupportedOperationException();
        }
    };

    private final KnowledgeService service = new KnowledgeService(down, null, null, notes, null, null);

    @Test
    void retrievalDegradesToNothingInsteadOfFailingTheQuestion() {
        assertThat(service.retrieveSchema("revenue per month", DS, 10, 1000).tables())
                .isEmpty();
        assertThat(service.similarPatterns("revenue per month", DS, 3)).isEmpty();
    }

    @Test
    void instructionsAndGlossaryComeFromTheMetadataStoreWhenTheIndexIsDown() {
        KnowledgeIndex.RelevantNotes relevant = service.relevantNotes("revenue in Q3", DS, 8, 10);

        assertThat(relevant.instructions()).containsExactly("Revenue excludes cancelled orders.");
        assertThat(relevant.glossary())
                .extracting(KnowledgeNotes.GlossaryEntry::term)
                .containsExactly("Q3");
    }

    @Test
    void removingADataSourceFromAnIndexThatIsDownDoesNotFail() {
        assertThatCode(() -> service.dataSourceRemoved(DS)).doesNotThrowAnyException();
        assertThatCode(() -> service.notesChanged(DS)).doesNotThrowAnyException();
        assertThatCode(() -> service.glossaryEntryDeleted("g1")).doesNotThrowAnyException();
    }
}
