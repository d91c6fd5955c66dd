package dev.querent.connectors.postgres;

import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.Dialect;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Type {@code postgresql}: {@code host}, {@code port}, {@code database}, {@code user},
 * {@code password} (secret), {@code sslmode}, {@code schemas} (comma-separated, optional) and
 * {@code max_connections}.
 */
public final class PostgresConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "postgresql";
    static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final SourcePolicy policy;

    /** With {@link SourcePolicy#defaults()}: every host, default timeouts and buffers. */
    public PostgresConnectorFactory() {
        this(SourcePolicy.defaults());
    }

    public PostgresConnectorFactory(SourcePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Set<String> targetKeys() {
        return Set.of("host", "port", "database", "user", "sslmode");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                new ConfigField("host", "Host", true, false, null),
                new ConfigField("port", "Port", false, false, "5432"),
                new ConfigField("database", "Database", true, false, null),
                new ConfigField("user", "User", true, false, null),
                new ConfigField("password", "Password", false, true, null),
                new ConfigField("sslmode", "SSL mode", false, false, "prefer"),
                new ConfigField("schemas", "Schemas (comma-separated; empty for all)", false, false, null),
                new ConfigField("max_connections", "Maximum connections", false, false, "4"));
    }

    @Override
    public PostgresConnector open(DataSourceConfig config) {
        List<String> schemas = Settings.list(config, "schemas");
        for (String schema : schemas) {
            // Schema names travel in the startup options string, where whitespace and quotes are syntax.
            if (!schema.chars().allMatch(ch -> ch > ' ' && ch != '"' && ch != '\\' && ch != 0x7f)) {
                throw Settings.invalid(
                        "schemas", "Schema name '" + schema + "' has characters Querent does not accept");
            }
        }
        String host = Settings.host(config, "host");
        PostgresSettings settings = new PostgresSettings(
                host,
                Settings.port(config, "port", 5432),
                Settings.name(config, "database", false),
                Settings.name(config, "user", true),
                Settings.secret(config, "password"),
                Settings.oneOf(config, "sslmode", "prefer", SSL_MODES),
                schemas,
                Settings.integer(config, "max_connections", 4, 1, 64));
        Settings.requirePermitted(policy, "host", host);
        return new PostgresConnector(settings, policy);
    }
}
