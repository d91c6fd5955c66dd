package dev.querent.connectors.postgres;

import java.util.List;
import java.util.Objects;

/**
 * Where and how to connect.
 *
 * @param sslmode libpq/pgjdbc {@code sslmode}: disable, allow, prefer, require, verify-ca, verify-full
 * @param schemas schemas to introspect and to resolve unqualified names in, in order; empty means
 *     every non-system schema the user can read, resolved by the server's own search path
 * @param maxConnections pool size
 */
public record PostgresSettings(
        String host,
        int port,
        String database,
        String user,
        String password,
        String sslmode,
        List<String> schemas,
        int maxConnections) {
    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sslmode, "sslmode");
        schemas = List.copyOf(schemas);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "PostgresSettings[" + user + "@" + host + ":" + port + "/" + database + ", sslmode=" + sslmode
                + ", schemas=" + schemas + "]";
    }
}
