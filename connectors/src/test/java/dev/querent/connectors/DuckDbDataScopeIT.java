package dev.querent.connectors;

import dev.querent.connectors.duckdb.DuckDbConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/** Data scopes on DuckDB in process: the real data and the pre-filtered copy are two database files. */
class DuckDbDataScopeIT extends DataScopeContractIT {
    private Path dir;

    @Override
    protected DataSourceInterface createReal(List<String> statements) throws Exception {
        dir = Files.createTempDirectory("querent-duckdb-scope");
        return new DuckDbConnector(create("real.duckdb", statements));
    }

    @Override
    protected DataSourceInterface createCopy(List<String> statements) throws Exception {
        return new DuckDbConnector(create("copy.duckdb", statements));
    }

    private Path create(String name, List<String> statements) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
        return file;
    }

    @Override
    protected String realSchemaName() {
        return "main";
    }

    @Override
    protected String copySchemaName() {
        return "main";
    }

    @Override
    protected void dropFixtures() throws Exception {
        TestFiles.deleteRecursively(dir);
    }
}
