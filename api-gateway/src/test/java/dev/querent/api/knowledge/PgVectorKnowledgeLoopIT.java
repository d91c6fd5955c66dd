package dev.querent.api.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The product with its knowledge index in pgvector on the real PostgreSQL of {@code .ci/run}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class PgVectorKnowledgeLoopIT extends KnowledgeLoopContract {
    private static final String SCHEMA =
            "kb_it_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

    /** The app appends the embedding model to the configured schema name; drop every such schema. */
    @AfterAll
    static void dropSchemas() throws SQLException {
        String url = System.getenv("QUERENT_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(
                        url, envOr("QUERENT_TEST_PG_USER", "postgres"), envOr("QUERENT_TEST_PG_PASSWORD", ""));
                Statement s = c.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + SCHEMA + "%'")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            for (String schema : schemas) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws IOException {
        String url = serverFromEnvironment("QUERENT_TEST_PG_URL");
        r.add("querent.data-dir", Files.createTempDirectory("querent-pgvector-it")::toString);
        r.add("querent.knowledge.store", () -> "pgvector");
        r.add("querent.knowledge.pgvector.url", () -> url);
        r.add("querent.knowledge.pgvector.username", () -> envOr("QUERENT_TEST_PG_USER", "postgres"));
        r.add("querent.knowledge.pgvector.password", () -> envOr("QUERENT_TEST_PG_PASSWORD", ""));
        r.add("querent.knowledge.pgvector.schema", () -> SCHEMA);
    }

    private static String envOr(String key, String fallback) {
        String v = System.getenv(key);
        return v == null ? fallback : v;
    }
}
