package dev.querent.connectors.mysql;

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
 * Type {@code mysql}, shown as "MySQL / MariaDB" (MySQL 8, MariaDB 10.6+): {@code host}, {@code port}, {@code database},
 * {@code user}, {@code password} (secret), {@code ssl_mode} and {@code max_connections}.
 */
public final class MySqlConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "mysql";
    static final List<String> SSL_MODES = List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY");

    private final SourcePolicy policy;

    /** With {@link SourcePolicy#defaults()}: every host, default timeouts and buffers. */
    public MySqlConnectorFactory() {
        this(SourcePolicy.defaults());
    }

    public MySqlConnectorFactory(SourcePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Set<String> targetKeys() {
        return Set.of("host", "port", "database", "user", "ssl_mode");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                new ConfigField("host", "Host", true, false, null),
                new ConfigField("port", "Port", false, false, "3306"),
                new ConfigField("database", "Database", true, false, null),
                new ConfigField("user", "User", true, false, null),
                new ConfigField("password", "Password", false, true, null),
                new ConfigField("ssl_mode", "SSL mode", false, false, "PREFERRED"),
                new ConfigField("max_connections", "Maximum connections", false, false, "4"));
    }

    @Override
    public MySqlConnector open(DataSourceConfig config) {
        // The host goes into the JDBC URL, where ',', '/', '?' and '@' would add hosts or options.
        String host = Settings.host(config, "host");
        MySqlSettings settings = new MySqlSettings(
                host,
                Settings.port(config, "port", 3306),
                Settings.name(config, "database", false),
                Settings.name(config, "user", true),
                Settings.secret(config, "password"),
                Settings.oneOf(config, "ssl_mode", "PREFERRED", SSL_MODES),
                Settings.integer(config, "max_connections", 4, 1, 64));
        Settings.requirePermitted(policy, "host", host);
        return new MySqlConnector(settings, policy);
    }
}
