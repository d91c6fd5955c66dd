package dev.querent.connectors.snowflake;

import java.util.Objects;

/**
 * Where and how to connect.
 *
 * @param account account identifier ({@code orgname-account} or locator), which names the host
 * @param endpoint an explicit {@code http(s)://host:port} instead of the account's host (tests)
 * @param password password, or {@code null} with key-pair authentication
 * @param privateKeyPem PKCS#8 private key in PEM, or {@code null} with a password
 */
public record SnowflakeSettings(
        String account,
        String endpoint,
        String warehouse,
        String role,
        String database,
        String schema,
        String user,
        String password,
        String privateKeyPem) {
    public SnowflakeSettings {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        // Never print the password or the key.
        return "SnowflakeSettings[" + user + "@" + account + (endpoint == null ? "" : " via " + endpoint) + "/"
                + database + "." + schema + ", warehouse=" + warehouse + ", role=" + role + "]";
    }
}
