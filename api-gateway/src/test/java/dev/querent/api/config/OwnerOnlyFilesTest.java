package dev.querent.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.querent.api.properties.QuerentProperties;
import dev.querent.connectors.SourcePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What Querent creates in its data directory is readable by its own account only. */
class OwnerOnlyFilesTest {
    @TempDir
    Path tmp;

    private QuerentProperties props;
    private Path data;

    @BeforeEach
    void bind() {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        data = tmp.resolve("data");
        props = new Binder(new MapConfigurationPropertySource(Map.of("querent.data-dir", data.toString())))
                .bindOrCreate("querent", QuerentProperties.class);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void dataDirectoryKeyMetadataAndSourcesAreOwnerOnly() throws Exception {
        QuerentConfiguration config = new QuerentConfiguration();
        config.secretCipher(props);
        SourcePolicy policy = config.sourcePolicy(props);
        try (HikariDataSource meta = config.metadataDataSource(props)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("secret.key"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("querent.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("sources"))).isEqualTo("rwx------");
            for (String side : new String[] {"querent.db-wal", "querent.db-shm"}) {
                if (Files.exists(data.resolve(side))) {
                    assertThat(mode(data.resolve(side))).as(side).isEqualTo("rw-------");
                }
            }
        }
        assertThat(policy.allowedDirs()).containsExactly(data.resolve("sources"));
        assertThat(policy.protectedPaths())
                .contains(data.resolve("querent.db"), data.resolve("secret.key"), data.resolve("index"));
    }

    @Test
    void existingLooseFilesAreTightened() throws Exception {
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = data.resolve("secret.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        new QuerentConfiguration().secretCipher(props);
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(key)).isEqualTo("rw-------");

        Path index = OwnerOnlyFiles.directory(data.resolve("index").resolve("model"));
        assertThat(mode(index)).isEqualTo("rwx------");
        Path demo = data.resolve("sources").resolve("demo.duckdb");
        OwnerOnlyFiles.directory(demo.getParent());
        Files.writeString(demo, "x");
        Files.setPosixFilePermissions(demo, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.tighten(demo);
        assertThat(mode(demo)).isEqualTo("rw-------");
    }
}
