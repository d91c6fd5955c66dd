package dev.querent.knowledge.pgvector;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore.PgDistanceType;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore.PgIndexType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Opens Spring AI's {@link PgVectorStore} for the knowledge base.
 *
 * <p>The store's table lives in its own schema, but the {@code vector} extension is a database-wide
 * object: it is created (when missing) in the connection's default schema, normally {@code public},
 * before the store initialises. The data source must therefore keep that schema on its search path
 * (do not point {@code currentSchema} at the store's schema alone); the store qualifies its own table
 * with the schema name.
 */
public final class PgVectorStores {
    /** Serialises concurrent {@code CREATE EXTENSION} calls, which race on the catalogue otherwise. */
    private static final long EXTENSION_LOCK = 0x7175_6572_656e_7476L;

    private PgVectorStores() {}

    /**
     * Creates the {@code vector} extension in the current database unless it exists. pgvector 0.8 is
     * not a trusted extension: the first creation needs a superuser (later calls are no-ops). Spring
     * AI's store also creates {@code hstore} and {@code uuid-ossp}, both trusted.
     */
    public static void createExtension(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + EXTENSION_LOCK + ")");
                s.execute("CREATE EXTENSION IF NOT EXISTS vector");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new QuerentException(
                    ErrorCode.INVALID_STATE,
                    "Cannot create the pgvector extension (is pgvector installed on the server?): " + e.getMessage(),
                    e);
        }
    }

    /**
     * Opens (and creates when missing) the store's table and HNSW index in {@code schema}: vectors of
     * the model's dimensions compared by cosine distance. Existing documents are kept.
     */
    public static PgVectorStore open(DataSource dataSource, String schema, EmbeddingModel embeddingModel) {
        Objects.requireNonNull(schema, "schema");
        createExtension(dataSource);
        PgVectorStore store = PgVectorStore.builder(new JdbcTemplate(dataSource), embeddingModel)
                .schemaName(schema)
                .dimensions(embeddingModel.dimensions())
                .distanceType(PgDistanceType.COSINE_DISTANCE)
                .indexType(PgIndexType.HNSW)
                .initializeSchema(true)
                .removeExistingVectorStoreTable(false)
                .build();
        store.afterPropertiesSet();
        return store;
    }
}
