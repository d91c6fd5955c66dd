package dev.querent.connectors.sqlite;

import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.Dialect;
import java.util.List;
import java.util.Objects;

/**
 * Type {@code sqlite}; one setting, {@code path}, the database file, which must lie inside the
 * policy's allowed directories.
 */
public final class SqliteConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "sqlite";

    private final SourcePolicy policy;

    /** With {@link SourcePolicy#defaults()}: no directory is allowed, so every path is refused. */
    public SqliteConnectorFactory() {
        this(SourcePolicy.defaults());
    }

    public SqliteConnectorFactory(SourcePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(new ConfigField("path", "Database file path", true, false, null));
    }

    @Override
    public SqliteConnector open(DataSourceConfig config) {
        return new SqliteConnector(Settings.databaseFile(config, "path", policy), policy.valueBufferBytes());
    }
}
