package dev.querent.knowledge.index;

import dev.querent.core.DataSourceId;
import dev.querent.knowledge.KnowledgeIndex;
import dev.querent.knowledge.PatternStatus;
import dev.querent.knowledge.PatternStore;
import dev.querent.knowledge.QueryPattern;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PatternStore} that mirrors every change into the knowledge index after the metadata
 * store has it. An index failure is logged, not thrown: the pattern is safe in the metadata store,
 * still answers by word alignment, and is indexed again at the next start.
 */
public final class IndexedPatternStore implements PatternStore {
    private static final Logger log = LoggerFactory.getLogger(IndexedPatternStore.class);

    private final PatternStore delegate;
    private final KnowledgeIndex index;

    public IndexedPatternStore(PatternStore delegate, KnowledgeIndex index) {
        this.delegate = delegate;
        this.index = index;
    }

    @Override
    public QueryPattern add(
            DataSourceId dataSourceId,
            String question,
            String sql,
            PatternStatus status,
            String createdBy,
            String provenance) {
        return indexed(delegate.add(dataSourceId, question, sql, status, createdBy, provenance));
    }

    @Override
    public QueryPattern update(String id, String question, String sql) {
        return indexed(delegate.update(id, question, sql));
    }

    @Override
    public QueryPattern setStatus(String id, PatternStatus status) {
        return indexed(delegate.setStatus(id, status));
    }

    @Override
    public Optional<QueryPattern> find(String id) {
        return delegate.find(id);
    }

    @Override
    public List<QueryPattern> list(DataSourceId dataSourceIdOrNull, PatternStatus statusOrNull, String textOrNull) {
        return delegate.list(dataSourceIdOrNull, statusOrNull, textOrNull);
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = delegate.delete(id);
        if (deleted) {
            try {
                index.removePattern(id);
            } catch (RuntimeException e) {
                log.warn("pattern {} deleted, but not yet from the knowledge index: {}", id, e.getMessage());
            }
        }
        return deleted;
    }

    private QueryPattern indexed(QueryPattern pattern) {
        try {
            index.indexPattern(pattern);
        } catch (RuntimeException e) {
            log.warn("pattern {} saved, but not yet indexed: {}", pattern.id(), e.getMessage());
        }
        return pattern;
    }
}
