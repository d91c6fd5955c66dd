package dev.querent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.testing.TestPostgres;
import dev.querent.knowledge.embedding.OnnxEmbeddingModel;
import dev.querent.knowledge.pgvector.PgVectorStoreProvider;
import dev.querent.knowledge.pgvector.PgVectorStores;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore;
import org.springframework.ai.vectorstore.pgvector.PgVectorStore.PgDistanceType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring AI's PgVectorStore on a real PostgreSQL with pgvector against the shared contract, with the
 * real offline embedding model. The server comes from {@code QUERENT_TEST_PG_URL} (see {@code
 * .ci/run}); each test gets a fresh schema, dropped afterwards.
 */
class PgVectorStoreIT extends VectorStoreContractIT {
    private static OnnxEmbeddingModel model;

    private TestPostgres.Schema schema;
    private TestPostgres.Schema providerSchema;
    private TestPostgres.Schema providerStoreSchema;
    private DataSource dataSource;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.bgeSmallEnV15Quantized();
        model.embed("warm up");
    }

    /**
     * A fresh schema and the extension, before the store initialises. Called from {@link #openStore}
     * because the contract's {@code @BeforeEach} (which opens the store) runs before this class's own.
     */
    private void freshSchemaWithExtension() throws SQLException {
        schema = TestPostgres.freshSchema("vec");
        // The extension lives in the default schema (public), so the data source keeps the default
        // search path; the store qualifies its table with the fresh schema.
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(schema.url());
        ds.setUser(schema.user());
        ds.setPassword(schema.password());
        dataSource = ds;
        new JdbcTemplate(dataSource).execute("CREATE EXTENSION IF NOT EXISTS vector");
    }

    @Override
    protected VectorStoreProvider provider() {
        return new PgVectorStoreProvider();
    }

    /**
     * The application's database (no URL of the store's own), a fresh schema name; the provider
     * appends the model's name and opens its own pool.
     */
    @Override
    protected VectorStoreSettings providerSettings() throws SQLException {
        providerSchema = TestPostgres.freshSchema("prov");
        VectorStoreSettings settings = new VectorStoreSettings(
                model,
                () -> {
                    throw new AssertionError("pgvector keeps no local files");
                },
                Map.of("schema", providerSchema.name()),
                new VectorStoreSettings.Database(
                        providerSchema.url(), providerSchema.user(), providerSchema.password()));
        providerStoreSchema = new TestPostgres.Schema(
                providerSchema.name() + "_" + settings.indexName(),
                providerSchema.url(),
                providerSchema.user(),
                providerSchema.password());
        return settings;
    }

    @AfterEach
    void dropProviderSchemas() throws SQLException {
        for (TestPostgres.Schema s : new TestPostgres.Schema[] {providerStoreSchema, providerSchema}) {
            if (s != null) {
                s.close();
            }
        }
        providerStoreSchema = null;
        providerSchema = null;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }

    /** Called before each test and again, on the same schema, when the contract reopens the store. */
    @Override
    protected VectorStore openStore() throws SQLException {
        if (schema == null) {
            freshSchemaWithExtension();
        }
        return PgVectorStores.open(dataSource, schema.name(), model);
    }

    @Test
    void storesVectorsInTheFreshSchemaWithAnHnswCosineIndex() {
        store.add(corpus());

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + schema.name() + ".vector_store", Integer.class))
                .isEqualTo(corpus().size());
        assertThat(jdbc.queryForObject(
                        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                                + " WHERE attrelid = ?::regclass AND attname = 'embedding'",
                        String.class,
                        schema.name() + ".vector_store"))
                .isEqualTo("vector(384)");
        List<String> indexes = jdbc.queryForList(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = 'vector_store'",
                String.class,
                schema.name());
        assertThat(indexes).anySatisfy(def -> assertThat(def).contains("USING hnsw", "vector_cosine_ops"));
        assertThat(((PgVectorStore) store).getDistanceType()).isEqualTo(PgDistanceType.COSINE_DISTANCE);
    }
}
