package dev.querent.agents.store;

import dev.querent.core.testing.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The same contract on a real PostgreSQL, in a throw-away schema per test. */
class PostgresMetadataStoreIT extends MetadataStoreContractIT {
    private TestPostgres.Schema schema;

    @Override
    protected DataSource freshDatabase() throws Exception {
        schema = TestPostgres.freshSchema("meta");
        return schema.dataSource();
    }

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
