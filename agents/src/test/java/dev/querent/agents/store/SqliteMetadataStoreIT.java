package dev.querent.agents.store;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteMetadataStoreIT extends MetadataStoreContractIT {
    @TempDir
    Path dir;

    @Override
    protected DataSource freshDatabase() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("meta.db") + "?foreign_keys=on");
        return ds;
    }
}
