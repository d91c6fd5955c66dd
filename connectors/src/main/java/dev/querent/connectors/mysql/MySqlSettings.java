package dev.querent.connectors.mysql;

import java.util.Objects;

/**
 * Where and how to connect.
 *
 * @param database the database (MySQL's schema) to query and introspect
 * @param sslMode Connector/J {@code sslMode}: DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY
 * @param maxConnections pool size
 */
public record MySqlSettings(
        String host, int port, String database, String user, String password, String sslMode, int maxConnections) {
    public MySqlSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sslMode, "sslMode");
    }

    @Override
    public String toString() {
        // Never print the password.
        return "MySqlSettings[" + user + "@" + host + ":" + port + "/" + database + ", sslMode=" + sslMode + "]";
    }
}
