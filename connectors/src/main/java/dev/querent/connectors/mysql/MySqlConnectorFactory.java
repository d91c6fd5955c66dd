package dev.querent.connectors.mysql;

import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.Dialect;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Type {@code mysql}, shown as "MySQL / MariaDB" (MySQL 8, MariaDB 10.6+): {@code host}, {@code port}, {@code database},
 * {@code user}, {@code password} (secret), {@code ssl_mode} and {@code max_connections}.
 */
public final class MySqlConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "mysql";
    static final List<String> SSL_MODES = List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY");
    // The host goes into the JDBC URL, where ',', '/', '?' and '@' would add hosts or options.
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");

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
        String host = Settings.required(config, "host");
        if (!HOST.matcher(host).matches()) {
            throw Settings.invalid("host", "'host' must be a host name or an IP address, not '" + host + "'");
        }
        return new MySqlConnector(new MySqlSettings(
                host,
                Settings.integer(config, "port", 3306, 1, 65_535),
                Settings.required(config, "database"),
                Settings.required(config, "user"),
                Settings.secret(config, "password"),
                Settings.oneOf(config, "ssl_mode", "PREFERRED", SSL_MODES),
                Settings.integer(config, "max_connections", 4, 1, 64)));
    }
}
