package dev.querent.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeIndex.PatternHit;
import dev.querent.knowledge.KnowledgeMigrations;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.SchemaDrift;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.jdbi.JdbiPatternStore;
import dev.querent.knowledge.lucene.LuceneVectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.sqlite.SQLiteDataSource;

class IndexedPatternStoreTest {
    private static final DataSourceId SHOP = DataSourceId.of("shop");
    private static final String MONTHLY = "How many orders were placed per month in 2024?";
    private static final String REVENUE = "Total revenue by product category";

    private static OnnxEmbeddingModel model;

    @TempDir
    Path tempDir;

    private JdbiPatternStore delegate;
    private LuceneVectorStore vectors;
    private VectorKnowledgeIndex index;
    private IndexedPatternStore patterns;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
    }

    @BeforeEach
    void open() {
        SQLiteDataSource db = new SQLiteDataSource();
        db.setUrl("jdbc:sqlite:" + tempDir.resolve("knowledge.db"));
        KnowledgeMigrations.migrate(db);
        delegate = new JdbiPatternStore(Jdbi.create(db), Clock.systemUTC());
        vectors = LuceneVectorStore.builder(tempDir.resolve("index"), model).build();
        index = new VectorKnowledgeIndex(vectors, model.modelId());
        patterns = new IndexedPatternStore(delegate, index);
    }

    @AfterEach
    void close() {
        vectors.close();
    }

    @Test
    void addedVerifiedPatternsAreIndexedAndCandidatesAreNot() {
        QueryPattern verified = patterns.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.VERIFIED, "admin", "admin");
        QueryPattern candidate = patterns.add(SHOP, REVENUE, "SELECT 2", PatternStatus.CANDIDATE, "bob", "feedback:1");

        assertThat(delegate.find(verified.id())).contains(verified);
        assertThat(delegate.find(candidate.id())).contains(candidate);
        assertThat(hits("Monthly order count for 2024")).containsExactly(verified.id());
        assertThat(hits(REVENUE)).containsExactly(verified.id());
    }

    @Test
    void anUpdatedQuestionIsWhatTheIndexMatches() {
        QueryPattern monthly = patterns.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.VERIFIED, "admin", "admin");
        patterns.add(SHOP, REVENUE, "SELECT 2", PatternStatus.VERIFIED, "admin", "admin");
        String paris = "Which customers live in Paris?";
        assertThat(score(paris, monthly.id())).isLessThan(0.9);

        QueryPattern updated = patterns.update(monthly.id(), paris, "SELECT name FROM customers WHERE city = 'Paris'");

        assertThat(updated.version()).isEqualTo(2);
        assertThat(delegate.find(monthly.id()).orElseThrow().question()).isEqualTo(paris);
        assertThat(score(paris, monthly.id())).isGreaterThan(0.99);
        assertThat(index.similarPatterns(paris, SHOP, 10)).hasSize(2);
    }

    @Test
    void statusChangesAddAndDropThePattern() {
        QueryPattern pattern = patterns.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.CANDIDATE, "bob", "feedback:1");
        assertThat(hits(MONTHLY)).isEmpty();

        patterns.setStatus(pattern.id(), PatternStatus.VERIFIED);
        assertThat(hits(MONTHLY)).containsExactly(pattern.id());

        QueryPattern broken = patterns.setStatus(pattern.id(), PatternStatus.BROKEN);
        assertThat(broken.status()).isEqualTo(PatternStatus.BROKEN);
        assertThat(hits(MONTHLY)).isEmpty();
        assertThat(delegate.find(pattern.id()).orElseThrow().status()).isEqualTo(PatternStatus.BROKEN);
    }

    @Test
    void deletingAPatternRemovesItFromTheIndex() {
        QueryPattern monthly = patterns.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.VERIFIED, "admin", "admin");
        QueryPattern revenue = patterns.add(SHOP, REVENUE, "SELECT 2", PatternStatus.VERIFIED, "admin", "admin");

        assertThat(patterns.delete(monthly.id())).isTrue();

        assertThat(delegate.find(monthly.id())).isEmpty();
        assertThat(hits(MONTHLY)).containsExactly(revenue.id());
        assertThat(vectors.count()).isEqualTo(1);
    }

    @Test
    void readsGoToTheDelegate() {
        QueryPattern monthly = patterns.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.VERIFIED, "admin", "admin");
        patterns.add(DataSourceId.of("hr"), REVENUE, "SELECT 2", PatternStatus.VERIFIED, "admin", "admin");

        assertThat(patterns.find(monthly.id())).contains(monthly);
        assertThat(patterns.list(SHOP, PatternStatus.VERIFIED, "per month")).containsExactly(monthly);
        assertThat(patterns.list(null, null, null)).hasSize(2);
    }

    @Test
    void aFailingIndexDoesNotFailTheStore() {
        RecordingFailingIndex failing = new RecordingFailingIndex();
        IndexedPatternStore store = new IndexedPatternStore(delegate, failing);

        QueryPattern added = store.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.VERIFIED, "admin", "admin");
        QueryPattern updated = store.update(added.id(), REVENUE, "SELECT 2");
        QueryPattern rejected = store.setStatus(added.id(), PatternStatus.REJECTED);

        assertThat(delegate.find(added.id())).contains(rejected);
        assertThat(updated.question()).isEqualTo(REVENUE);
        assertThat(rejected.question()).isEqualTo(REVENUE);
        assertThat(rejected.version()).isEqualTo(2);

        assertThat(store.delete(added.id())).isTrue();
        assertThat(delegate.find(added.id())).isEmpty();
        assertThat(failing.calls)
                .containsExactly(
                        "indexPattern " + added.id(),
                        "indexPattern " + added.id(),
                        "indexPattern " + added.id(),
                        "removePattern " + added.id());
    }

    @Test
    void aFailingVectorStoreDoesNotFailTheStore() {
        IndexedPatternStore store =
                new IndexedPatternStore(delegate, new VectorKnowledgeIndex(new BrokenVectorStore(), "broken"));

        QueryPattern added = store.add(SHOP, MONTHLY, "SELECT 1", PatternStatus.VERIFIED, "admin", "admin");
        store.setStatus(added.id(), PatternStatus.CANDIDATE);

        assertThat(delegate.find(added.id()).orElseThrow().status()).isEqualTo(PatternStatus.CANDIDATE);
        assertThat(store.delete(added.id())).isTrue();
        assertThat(delegate.find(added.id())).isEmpty();
    }

    @Test
    void delegateErrorsStillReachTheCallerAndTheIndexIsLeftAlone() {
        RecordingFailingIndex recording = new RecordingFailingIndex();
        IndexedPatternStore store = new IndexedPatternStore(delegate, recording);

        assertThatThrownBy(() -> store.update("missing", MONTHLY, "SELECT 1"))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> store.setStatus("missing", PatternStatus.VERIFIED))
                .isInstanceOf(QuerentException.class);
        assertThat(store.delete("missing")).isFalse();
        assertThat(recording.calls).isEmpty();
    }

    private List<String> hits(String question) {
        return index.similarPatterns(question, SHOP, 10).stream()
                .map(PatternHit::patternId)
                .toList();
    }

    private double score(String question, String patternId) {
        return index.similarPatterns(question, SHOP, 10).stream()
                .filter(h -> h.patternId().equals(patternId))
                .findFirst()
                .orElseThrow()
                .score();
    }

    /** An index whose every write fails, as an unreachable vector database would. */
    private static final class RecordingFailingIndex implements KnowledgeIndex {
        final List<String> calls = new ArrayList<>();

        @Override
        public void indexPattern(QueryPattern pattern) {
            calls.add("indexPattern " + pattern.id());
            throw new IllegalStateException("index down");
        }

        @Override
        public void indexPatterns(List<QueryPattern> patterns) {
            patterns.forEach(this::indexPattern);
        }

        @Override
        public boolean holdsPatternDocuments(DataSourceId dataSource) {
            throw new IllegalStateException("not used");
        }

        @Override
        public void removePattern(String patternId) {
            calls.add("removePattern " + patternId);
            throw new IllegalStateException("index down");
        }

        @Override
        public String embeddingModelId() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SchemaDrift indexSchema(DataSourceId dataSource, SchemaSnapshot previousOrNull, SchemaSnapshot current) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean holdsSchemaDocuments(DataSourceId dataSource) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void attachSchema(DataSourceId dataSource, SchemaSnapshot indexed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasSchema(DataSourceId dataSource) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeDataSource(DataSourceId dataSource) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RetrievedSchema retrieveSchema(
                String question, DataSourceId dataSource, int maxTables, int tokenBudget) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PatternHit> similarPatterns(String question, DataSourceId dataSource, int k) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void indexNotes(
                DataSourceId dataSource, String instructionsOrNull, List<KnowledgeNotes.GlossaryEntry> glossary) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeGlossaryEntry(String glossaryId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RelevantNotes relevantNotes(
                String question, DataSourceId dataSource, int maxInstructions, int maxTerms) {
            throw new UnsupportedOperationException();
        }
    }

    /** A vector store that cannot be written to, as a full disk or a dropped connection would make it. */
    private static final class BrokenVectorStore implements VectorStore {
        @Override
        public void add(List<Document> documents) {
            throw new UncheckedIOException(new IOException("disk full"));
        }

        @Override
        public void delete(List<String> idList) {
            throw new UncheckedIOException(new IOException("disk full"));
        }

        @Override
        public void delete(Filter.Expression filterExpression) {
            throw new UncheckedIOException(new IOException("disk full"));
        }

        @Override
        public List<Document> similaritySearch(SearchRequest request) {
            throw new UncheckedIOException(new IOException("disk full"));
        }
    }
}
