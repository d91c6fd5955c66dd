package dev.querent.knowledge;

import dev.querent.core.DataSourceId;
import java.util.List;
import java.util.Optional;

/** Persistence of question→SQL patterns. */
public interface PatternStore {

    /** Saves a new pattern (version 1) and returns it with its id. */
    QueryPattern add(
            DataSourceId dataSourceId,
            String question,
            String sql,
            PatternStatus status,
            String createdBy,
            String provenance);

    /** Replaces question and SQL, bumping the version. */
    QueryPattern update(String id, String question, String sql);

    QueryPattern setStatus(String id, PatternStatus status);

    Optional<QueryPattern> find(String id);

    /**
     * Patterns of a data source, newest first; {@code status} and {@code text} (a case-insensitive
     * substring of question or SQL) are optional filters.
     */
    List<QueryPattern> list(DataSourceId dataSourceIdOrNull, PatternStatus statusOrNull, String textOrNull);

    boolean delete(String id);
}
