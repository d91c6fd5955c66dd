package dev.querent.connectors.duckdb;

import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.Dialect;
import java.util.List;
import java.util.Objects;

/**
 * Type {@code duckdb}; one setting, {@code path}, the database file, which must lie inside the
 * policy's allowed directories.
 */
public final class DuckDbConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "duckdb";

    private final SourcePolicy policy;

    /** With {@link SourcePolicy#defaults()}: no directory is allowed, so every path is refused. */
    public DuckDbConnectorFactory() {
        this(SourcePolicy.defaults());
    }

    public DuckDbConnectorFactory(SourcePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.DUCKDB;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(new ConfigField("path", "Database file path", true, false, null));
    }

    @Override
    public DuckDbConnector open(DataSourceConfig config) {
        return new DuckDbConnector(Settings.databaseFile(config, "path", policy), policy.valueBufferBytes());
    }
}
