package dev.querent.agents;

import dev.querent.agents.store.SettingsStore;
import dev.querent.core.DataSourceId;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.KnowledgeNotes;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import dev.querent.knowledge.SchemaDescriptions;
import dev.querent.knowledge.SchemaDrift;
import dev.querent.knowledge.schema.SchemaIndexer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the knowledge index in line with the metadata store, which holds the truth: schemas (with
 * the descriptions people wrote), verified patterns, instructions and glossary. Indexes a data
 * source's schema on first use, incrementally on re-sync (reporting the drift and having the
 * Learning agent re-validate verified patterns), and re-embeds everything when the embedding model
 * changes. Answers retrieval for the agents.
 *
 * <p>Index failures never lose knowledge: writes reach the metadata store first, and the index is
 * rebuilt from it at the next start or re-sync.
 */
public final class KnowledgeService {
    /** Nearest verified patterns a model prompt shows as examples. */
    public static final int FEW_SHOT = 5;

    /** Instruction paragraphs a model prompt may show. */
    public static final int MAX_INSTRUCTIONS = 8;

    /** Glossary entries a model prompt may show. */
    public static final int MAX_TERMS = 10;

    private static final Logger log = LoggerFactory.getLogger(KnowledgeService.class);
    private static final String HASH_KEY = "kb.hash.";
    private static final String NOTES_HASH_KEY = "kb.notes.";

    private final KnowledgeIndex index;
    private final DataSourceService dataSources;
    private final PatternStore patterns;
    private final KnowledgeNotes notes;
    private final SettingsStore settings;
    private final LearningAgent learning;
    private final Map<DataSourceId, SchemaSnapshot> indexed = new ConcurrentHashMap<>();

    public KnowledgeService(
            KnowledgeIndex index,
            DataSourceService dataSources,
            PatternStore patterns,
            KnowledgeNotes notes,
            SettingsStore settings,
            LearningAgent learning) {
        this.index = index;
        this.dataSources = dataSources;
        this.patterns = patterns;
        this.notes = notes;
        this.settings = settings;
        this.learning = learning;
    }

    /** The outcome of re-introspecting a data source. */
    public record SyncReport(
            SchemaSnapshot schema,
            SchemaDrift drift,
            int patternsChecked,
            List<String> brokenPatternIds,
            String indexWarning) {
        public SyncReport {
            brokenPatternIds = List.copyOf(brokenPatternIds);
        }
    }

    /**
     * At start-up: every data source with a known schema is attached to the index when the index
     * already holds that schema for the current embedding model, and indexed otherwise; verified
     * patterns, instructions and glossary likewise, when they changed behind the index. Data sources
     * that cannot be read now are indexed on first use.
     */
    public void reconcile() {
        for (DataSourceView ds : dataSources.list()) {
            try {
                ensureIndexed(ds.id());
                reindexPatternsAndNotes(ds.id());
            } catch (RuntimeException e) {
                log.warn("knowledge index for data source {} deferred: {}", ds.id(), e.getMessage());
            }
        }
    }

    /** Indexes the data source's schema unless the index already holds it. */
    public void ensureIndexed(DataSourceId ds) {
        if (index.hasSchema(ds)) {
            return;
        }
        synchronized (this) {
            if (index.hasSchema(ds)) {
                return;
            }
            SchemaSnapshot described = described(ds, dataSources.schema(ds));
            String hash = SchemaIndexer.schemaHash(described);
            if (hash.equals(settings.get(hashKey(ds)).orElse(null))
                    && (described.tables().isEmpty() || index.holdsSchemaDocuments(ds))) {
                index.attachSchema(ds, described);
            } else {
                index.indexSchema(ds, null, described);
                settings.put(hashKey(ds), hash);
            }
            indexed.put(ds, described);
        }
    }

    /**
     * Re-introspects the data source, re-indexes what changed, and — when tables or columns were
     * removed or retyped — has the Learning agent re-validate its verified patterns.
     */
    public synchronized SyncReport resync(DataSourceId ds) {
        SchemaSnapshot before = dataSources.schema(ds);
        SchemaSnapshot after = dataSources.sync(ds);
        SchemaSnapshot described = described(ds, after);
        SchemaDrift drift = SchemaDrift.between(before, after);
        String warning = null;
        try {
            // Only what changed since the index was last written is embedded again.
            index.indexSchema(ds, indexed.get(ds), described);
            settings.put(hashKey(ds), SchemaIndexer.schemaHash(described));
            indexed.put(ds, described);
        } catch (RuntimeException e) {
            log.warn("re-indexing data source {} failed: {}", ds, e.getMessage());
            warning = "The schema was saved, but the knowledge index could not be updated: " + e.getMessage();
        }
        LearningAgent.Revalidation revalidation =
                drift.breaking() ? learning.revalidate(ds, after) : new LearningAgent.Revalidation(0, List.of());
        return new SyncReport(after, drift, revalidation.checked(), revalidation.brokenPatternIds(), warning);
    }

    /**
     * Re-embeds the tables whose descriptions changed. A failing index is logged: the description
     * is already saved and the schema is re-indexed at the next start or sync.
     */
    public synchronized void descriptionsChanged(DataSourceId ds) {
        try {
            SchemaSnapshot described = described(ds, dataSources.schema(ds));
            index.indexSchema(ds, indexed.get(ds), described);
            settings.put(hashKey(ds), SchemaIndexer.schemaHash(described));
            indexed.put(ds, described);
        } catch (RuntimeException e) {
            log.warn("descriptions of {} saved, but not yet indexed: {}", ds, e.getMessage());
        }
    }

    /**
     * Re-indexes the schema after an inferred relationship was confirmed or removed: retrieval
     * follows foreign keys (inferred ones included) to bring joined tables along.
     */
    public void relationshipsChanged(DataSourceId ds) {
        descriptionsChanged(ds);
    }

    /** Re-indexes the instructions and glossary of a data source (logged, not thrown, on failure). */
    public void notesChanged(DataSourceId ds) {
        try {
            index.indexNotes(ds, notes.instructions(ds).orElse(null), notes.glossary(ds));
        } catch (RuntimeException e) {
            log.warn("notes of {} saved, but not yet indexed: {}", ds, e.getMessage());
        }
    }

    public void glossaryEntryDeleted(String glossaryId) {
        try {
            index.removeGlossaryEntry(glossaryId);
        } catch (RuntimeException e) {
            log.warn("glossary entry {} deleted, but not yet from the index: {}", glossaryId, e.getMessage());
        }
    }

    /** Drops a deleted data source from the index (logged, not thrown: its rows are gone already). */
    public void dataSourceRemoved(DataSourceId ds) {
        indexed.remove(ds);
        try {
            index.removeDataSource(ds);
        } catch (RuntimeException e) {
            log.warn("data source {} deleted, but its documents are still in the index: {}", ds, e.getMessage());
        }
    }

    /**
     * The tables to show a model for a question, retrieved within the budget; empty when the index
     * cannot answer (callers then fall back to the plan's tables or the whole schema).
     */
    public KnowledgeIndex.RetrievedSchema retrieveSchema(
            String question, DataSourceId ds, int maxTables, int tokenBudget) {
        try {
            ensureIndexed(ds);
            return index.retrieveSchema(question, ds, maxTables, tokenBudget);
        } catch (RuntimeException e) {
            log.warn("schema retrieval for {} unavailable, answering without it: {}", ds, e.getMessage());
            return new KnowledgeIndex.RetrievedSchema(List.of(), 0);
        }
    }

    /**
     * Verified patterns whose questions are nearest to the question, best first, with their scores;
     * empty when the index cannot answer (word alignment over the metadata store still works).
     */
    public List<ScoredPattern> similarPatterns(String question, DataSourceId ds, int k) {
        List<KnowledgeIndex.PatternHit> hits;
        try {
            hits = index.similarPatterns(question, ds, k);
        } catch (RuntimeException e) {
            log.warn("pattern search for {} unavailable, answering without it: {}", ds, e.getMessage());
            return List.of();
        }
        return hits.stream()
                .map(hit -> patterns.find(hit.patternId())
                        .filter(p -> p.status() == PatternStatus.VERIFIED)
                        .map(p -> new ScoredPattern(p, hit.score())))
                .flatMap(Optional::stream)
                .toList();
    }

    /** A verified pattern and how close its question is to the asked one (cosine similarity). */
    public record ScoredPattern(QueryPattern pattern, double score) {}

    /**
     * The instructions and glossary entries relevant to the question. When the index cannot answer,
     * all of them from the metadata store (capped): rules people wrote are never silently dropped.
     */
    public KnowledgeIndex.RelevantNotes relevantNotes(
            String question, DataSourceId ds, int maxInstructions, int maxTerms) {
        try {
            return index.relevantNotes(question, ds, maxInstructions, maxTerms);
        } catch (RuntimeException e) {
            log.warn("note search for {} unavailable, using the stored notes: {}", ds, e.getMessage());
            List<String> instructions = notes.instructions(ds).map(List::of).orElse(List.of());
            return new KnowledgeIndex.RelevantNotes(
                    instructions, notes.glossary(ds).stream().limit(maxTerms).toList());
        }
    }

    /**
     * The data source's glossary as definitions the offline rules read, one "TERM = definition" a
     * line; empty when there is none or the store cannot answer (logged: a question is still planned,
     * without them).
     */
    public String glossaryDefinitions(DataSourceId ds) {
        try {
            StringBuilder sb = new StringBuilder();
            for (KnowledgeNotes.GlossaryEntry e : notes.glossary(ds)) {
                sb.append(oneLine(e.term()))
                        .append(" = ")
                        .append(oneLine(e.definition()))
                        .append('\n');
            }
            return sb.toString();
        } catch (RuntimeException e) {
            log.warn("glossary of {} unavailable to the rules: {}", ds, e.getMessage());
            return "";
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** The schema with descriptions, as indexed and as prompts should see it. */
    public SchemaSnapshot described(DataSourceId ds, SchemaSnapshot raw) {
        return SchemaDescriptions.apply(raw, notes.descriptions(ds));
    }

    /**
     * Re-embeds the verified patterns, instructions and glossary of a data source unless the index
     * already holds exactly these (by a hash kept in the settings for the current model). Changes
     * made while the app runs reach the index as they happen; the hash catches what did not (a store
     * that was down, a new model), at the next start.
     */
    private void reindexPatternsAndNotes(DataSourceId ds) {
        List<QueryPattern> verified = patterns.list(ds, PatternStatus.VERIFIED, null);
        String instructions = notes.instructions(ds).orElse(null);
        List<KnowledgeNotes.GlossaryEntry> glossary = notes.glossary(ds);
        String hash = notesHash(verified, instructions, glossary);
        String key = NOTES_HASH_KEY + index.embeddingModelId() + "." + ds.value();
        if (hash.equals(settings.get(key).orElse(null)) && (verified.isEmpty() || index.holdsPatternDocuments(ds))) {
            return;
        }
        index.indexPatterns(verified);
        index.indexNotes(ds, instructions, glossary);
        settings.put(key, hash);
    }

    private static String notesHash(
            List<QueryPattern> verified, String instructions, List<KnowledgeNotes.GlossaryEntry> glossary) {
        StringBuilder text = new StringBuilder();
        verified.stream().sorted(Comparator.comparing(QueryPattern::id)).forEach(p -> text.append("P\u0000")
                .append(p.id())
                .append('\u0000')
                .append(p.version())
                .append('\u0000')
                .append(p.question())
                .append('\n'));
        text.append("I\u0000").append(instructions).append('\n');
        glossary.stream()
                .sorted(Comparator.comparing(KnowledgeNotes.GlossaryEntry::id))
                .forEach(g -> text.append("G\u0000")
                        .append(g.id())
                        .append('\u0000')
                        .append(g.term())
                        .append('\u0000')
                        .append(g.definition())
                        .append('\n'));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private String hashKey(DataSourceId ds) {
        return HASH_KEY + index.embeddingModelId() + "." + ds.value();
    }
}
