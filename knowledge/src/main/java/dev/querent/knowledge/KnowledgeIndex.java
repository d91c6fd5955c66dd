package dev.querent.knowledge;

import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import java.util.List;

/**
 * The searchable side of the knowledge base: embeddings of schemas, verified patterns, custom
 * instructions and glossary entries in one vector store. It is derived data: the metadata store
 * holds the truth, so the index can always be rebuilt from it (and is, when the embedding model
 * changes).
 */
public interface KnowledgeIndex {

    /** The tables retrieved for a question, best first, with the estimated prompt tokens of their DDL. */
    record RetrievedSchema(List<TableInfo> tables, int estimatedTokens) {
        public RetrievedSchema {
            tables = List.copyOf(tables);
        }
    }

    /** A verified pattern whose question is close to the asked one; higher scores are closer. */
    record PatternHit(String patternId, double score) {}

    /** The instructions and glossary entries worth putting in a prompt for a question. */
    record RelevantNotes(List<String> instructions, List<KnowledgeNotes.GlossaryEntry> glossary) {
        public RelevantNotes {
            instructions = List.copyOf(instructions);
            glossary = List.copyOf(glossary);
        }
    }

    /** Which embedding model made the vectors. */
    String embeddingModelId();

    /**
     * Indexes a data source's schema: only the tables that differ from {@code previousOrNull} (what
     * the index holds now; {@code null} indexes everything) are embedded again.
     */
    SchemaDrift indexSchema(DataSourceId dataSource, SchemaSnapshot previousOrNull, SchemaSnapshot current);

    /** Whether the store holds any schema document of the data source (a cheap check after a restart). */
    boolean holdsSchemaDocuments(DataSourceId dataSource);

    /** Whether the store holds any pattern document of the data source. */
    boolean holdsPatternDocuments(DataSourceId dataSource);

    /** Declares that the index already holds this schema (after a restart): nothing is embedded. */
    void attachSchema(DataSourceId dataSource, SchemaSnapshot indexed);

    /** Whether retrieval can answer for this data source. */
    boolean hasSchema(DataSourceId dataSource);

    /** Removes everything indexed for a data source. */
    void removeDataSource(DataSourceId dataSource);

    /**
     * Hybrid (lexical + vector) retrieval of tables with foreign-key closure, cut to {@code maxTables}
     * and to the token budget. Empty when the data source is not indexed.
     */
    RetrievedSchema retrieveSchema(String question, DataSourceId dataSource, int maxTables, int tokenBudget);

    /** Indexes a pattern when it is verified, removes it from the index otherwise. */
    void indexPattern(QueryPattern pattern);

    /** {@link #indexPattern} for many patterns in one write (the store commits once). */
    void indexPatterns(List<QueryPattern> patterns);

    void removePattern(String patternId);

    /** Verified patterns of the data source with questions closest to {@code question}, best first. */
    List<PatternHit> similarPatterns(String question, DataSourceId dataSource, int k);

    /** Replaces the indexed instructions (split into paragraphs) and glossary of a data source. */
    void indexNotes(DataSourceId dataSource, String instructionsOrNull, List<KnowledgeNotes.GlossaryEntry> glossary);

    /** Removes one glossary entry from the index. */
    void removeGlossaryEntry(String glossaryId);

    /** The instruction paragraphs (in their written order) and glossary entries most relevant to the question. */
    RelevantNotes relevantNotes(String question, DataSourceId dataSource, int maxInstructions, int maxTerms);
}
