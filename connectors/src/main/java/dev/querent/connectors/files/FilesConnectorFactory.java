package dev.querent.connectors.files;

import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.duckdb.DuckDbConnector;
import dev.querent.core.Dialect;
import java.util.List;
import java.util.Objects;

/**
 * Type {@value FileSources#TYPE}: a data source whose tables are loaded from files, uploaded or
 * read from an optional {@code folder} inside the allowed directories. Opening one creates its
 * empty database (and loads its folder when that setting is new); queries then read that database
 * read-only, exactly as a DuckDB source, with no file access.
 */
public final class FilesConnectorFactory implements ConnectorFactory {
    private final FileStorage storage;
    private final SourcePolicy policy;

    public FilesConnectorFactory(FileStorage storage, SourcePolicy policy) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String type() {
        return FileSources.TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.DUCKDB;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(new ConfigField(
                FileStorage.FOLDER, "Folder of files to read (optional; uploads need none)", false, false, null));
    }

    @Override
    public DuckDbConnector open(DataSourceConfig config) {
        String folder = config.settings().get(FileStorage.FOLDER);
        if (folder != null && !folder.isBlank()) {
            storage.folder(config); // refused before anything is created
        }
        storage.prepare(config);
        return new DuckDbConnector(FileSources.TYPE, storage.database(config.id()), policy.valueBufferBytes());
    }
}
