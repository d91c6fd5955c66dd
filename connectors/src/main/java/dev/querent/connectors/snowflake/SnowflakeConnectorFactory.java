package dev.querent.connectors.snowflake;

import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.Dialect;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Type {@code snowflake}: {@code account}, {@code warehouse}, {@code role}, {@code database},
 * {@code schema}, {@code user}; secret {@code password} or {@code private_key} (PKCS#8 PEM, key-pair
 * authentication); an optional {@code endpoint} ({@code http(s)://host[:port]}) replaces the
 * account's host, for tests against a local fake.
 */
public final class SnowflakeConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "snowflake";
    private static final Pattern ACCOUNT =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}(\\.[A-Za-z0-9_-]{1,63}){0,3}");

    private final SourcePolicy policy;

    public SnowflakeConnectorFactory() {
        this(SourcePolicy.defaults());
    }

    public SnowflakeConnectorFactory(SourcePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Set<String> targetKeys() {
        return Set.of("account", "endpoint", "database", "schema", "user", "role", "warehouse");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SNOWFLAKE;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                new ConfigField("account", "Account identifier", true, false, null),
                new ConfigField("warehouse", "Warehouse", false, false, null),
                new ConfigField("role", "Role (read-only)", false, false, null),
                new ConfigField("database", "Database", true, false, null),
                new ConfigField("schema", "Schema", true, false, "PUBLIC"),
                new ConfigField("user", "User", true, false, null),
                new ConfigField("password", "Password", false, true, null),
                new ConfigField("private_key", "Private key (PKCS#8 PEM, key-pair auth)", false, true, null),
                new ConfigField("endpoint", "Endpoint (tests only)", false, false, null));
    }

    @Override
    public SnowflakeConnector open(DataSourceConfig config) {
        String account = Settings.required(config, "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw Settings.invalid(
                    "account", "'account' must be an account identifier (letters, digits, '-', '_' and '.')");
        }
        String endpoint = endpoint(Settings.optional(config, "endpoint", null));
        String host = endpoint == null
                ? account + ".snowflakecomputing.com"
                : URI.create(endpoint).getHost();
        Settings.requirePermitted(policy, endpoint == null ? "account" : "endpoint", host);
        String password = Settings.secret(config, "password");
        String key = Settings.secret(config, "private_key");
        boolean hasPassword = password != null && !password.isEmpty();
        boolean hasKey = key != null && !key.isBlank();
        if (hasPassword == hasKey) {
            throw Settings.invalid("password", "Give either a password or a private key (key-pair auth), not both");
        }
        if (hasKey && !key.strip().startsWith("-----BEGIN ")) {
            throw Settings.invalid("private_key", "'private_key' must be a PEM private key (-----BEGIN ...)");
        }
        String warehouse =
                Settings.optional(config, "warehouse", null) == null ? null : Settings.name(config, "warehouse", false);
        String role = Settings.optional(config, "role", null) == null ? null : Settings.name(config, "role", false);
        SnowflakeSettings settings = new SnowflakeSettings(
                account,
                endpoint,
                warehouse,
                role,
                Settings.name(config, "database", false),
                Settings.name(config, "schema", false),
                Settings.name(config, "user", true),
                hasPassword ? password : null,
                hasKey ? key.strip() : null);
        return new SnowflakeConnector(settings, policy);
    }

    /** {@code http(s)://host[:port]} and nothing else: no user info, path, query or fragment. */
    static String endpoint(String value) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw badEndpoint();
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getRawUserInfo() != null
                || uri.getHost() == null
                || !(uri.getRawPath() == null
                        || uri.getRawPath().isEmpty()
                        || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || !uri.getHost().matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]")) {
            throw badEndpoint();
        }
        return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static RuntimeException badEndpoint() {
        return Settings.invalid(
                "endpoint", "'endpoint' must be http(s)://host[:port] (no user, path, query or fragment)");
    }
}
