package dev.querent.agents.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the metadata store's migrations, tracked in their own history table. */
public final class MetadataMigrations {
    private MetadataMigrations() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/metadata")
                .table("flyway_history_metadata")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
