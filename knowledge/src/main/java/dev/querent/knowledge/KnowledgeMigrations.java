package dev.querent.knowledge;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the knowledge base's own migrations, tracked in their own history table. */
public final class KnowledgeMigrations {
    private KnowledgeMigrations() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/knowledge")
                .table("flyway_history_knowledge")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
