package dev.querent.connectors.bigquery;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.http.HttpTransportOptions;
import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.Settings;
import dev.querent.core.Dialect;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Type {@code bigquery}. Settings: {@code project} (billing and data project), {@code dataset}
 * (the one dataset the source shows), {@code location} (optional, e.g. {@code EU}),
 * {@code max_bytes_billed} (the cost cap, default 1 GiB), {@code auth} ({@code service_account}
 * with the secret {@code credentials_json}, or {@code application_default}: the server's own
 * identity) and {@code endpoint} (an {@code http(s)} base URL, for emulators and tests only; its
 * host is checked against the network policy). Without an endpoint the client talks to Google.
 */
public final class BigQueryConnectorFactory implements ConnectorFactory {
    public static final String TYPE = "bigquery";
    public static final long DEFAULT_MAX_BYTES_BILLED = 1L << 30;

    private static final Pattern PROJECT = Pattern.compile("([a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,62}");
    private static final List<String> AUTH = List.of("service_account", "application_default");

    private final SourcePolicy policy;

    public BigQueryConnectorFactory() {
        this(SourcePolicy.defaults());
    }

    public BigQueryConnectorFactory(SourcePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Dialect dialect() {
        return Dialect.BIGQUERY;
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                new ConfigField("project", "Project ID", true, false, null),
                new ConfigField("dataset", "Dataset", true, false, null),
                new ConfigField("location", "Location (e.g. US, EU)", false, false, null),
                new ConfigField(
                        "auth",
                        "Authentication (service_account or application_default)",
                        false,
                        false,
                        "service_account"),
                new ConfigField("credentials_json", "Service account key (JSON)", false, true, null),
                new ConfigField(
                        "max_bytes_billed",
                        "Cost cap: most bytes one query may process",
                        false,
                        false,
                        Long.toString(DEFAULT_MAX_BYTES_BILLED)),
                new ConfigField("endpoint", "API endpoint (emulators and tests only)", false, false, null));
    }

    /** Where credentials go: the project, the identity used and the endpoint. */
    @Override
    public Set<String> targetKeys() {
        return Set.of("project", "auth", "endpoint");
    }

    @Override
    public BigQueryConnector open(DataSourceConfig config) {
        String project = matching(config, "project", PROJECT, "a Google Cloud project ID such as my-project-123");
        String dataset = matching(config, "dataset", DATASET, "letters, digits and underscores");
        String location = Settings.optional(config, "location", null);
        if (location != null && !LOCATION.matcher(location).matches()) {
            throw Settings.invalid("location", "'location' must be a BigQuery location such as US, EU or europe-west1");
        }
        long maxBytes = maxBytesBilled(config);
        String auth = Settings.oneOf(config, "auth", "service_account", AUTH);
        URI endpoint = endpoint(config, policy);
        Credentials credentials = credentials(config, auth, endpoint != null);
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(project)
                .setCredentials(credentials)
                .setHeaderProvider(() -> java.util.Map.of("user-agent", "querent"))
                // Bounded retries: an unreachable endpoint fails in seconds, not after the client's default minutes.
                .setRetrySettings(RetrySettings.newBuilder()
                        .setMaxAttempts(3)
                        .setInitialRetryDelayDuration(Duration.ofMillis(200))
                        .setRetryDelayMultiplier(2)
                        .setMaxRetryDelayDuration(Duration.ofSeconds(2))
                        .setTotalTimeoutDuration(policy.connectTimeout().multipliedBy(3))
                        .build())
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout((int) policy.connectTimeout().toMillis())
                        .setReadTimeout(60_000)
                        .build());
        if (location != null) {
            options.setLocation(location);
        }
        if (endpoint != null) {
            options.setHost(endpoint.toString());
        }
        BigQuery client = options.build().getService();
        return new BigQueryConnector(client, project, dataset, location, maxBytes);
    }

    private static String matching(DataSourceConfig config, String key, Pattern pattern, String what) {
        String value = Settings.required(config, key);
        if (!pattern.matcher(value).matches()) {
            throw Settings.invalid(key, "'" + key + "' must be " + what);
        }
        return value;
    }

    private static long maxBytesBilled(DataSourceConfig config) {
        String value = Settings.optional(config, "max_bytes_billed", null);
        if (value == null) {
            return DEFAULT_MAX_BYTES_BILLED;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 1) {
                throw Settings.invalid("max_bytes_billed", "'max_bytes_billed' must be a positive number of bytes");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw Settings.invalid(
                    "max_bytes_billed", "'max_bytes_billed' must be a whole number of bytes, not '" + value + "'");
        }
    }

    /**
     * An absolute {@code http} or {@code https} URL of a host only (an optional port and path), no
     * user information, query or fragment; the host must be allowed by the network policy.
     */
    static URI endpoint(DataSourceConfig config, SourcePolicy policy) {
        String value = Settings.optional(config, "endpoint", null);
        if (value == null) {
            return null;
        }
        String message = "'endpoint' must be an http(s) URL such as http://localhost:9050 (no user, query or fragment)";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw Settings.invalid("endpoint", message);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || value.chars().anyMatch(c -> c <= ' ' || c == '\\')) {
            throw Settings.invalid("endpoint", message);
        }
        Settings.requirePermitted(policy, "endpoint", uri.getHost());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority()
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
    }

    private static Credentials credentials(DataSourceConfig config, String auth, boolean customEndpoint) {
        String json = Settings.secret(config, "credentials_json");
        if (customEndpoint && (auth.equals("application_default") || (json != null && !json.isBlank()))) {
            // The client would hand the endpoint a bearer token minted from these credentials.
            throw Settings.invalid(
                    "endpoint",
                    "An 'endpoint' (emulators and tests) takes no credentials: they would be sent to it."
                            + " Remove the endpoint to use a service account or application-default credentials.");
        }
        if (auth.equals("application_default")) {
            try {
                return GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw Settings.invalid("auth", "No application-default credentials on this server: " + e.getMessage());
            }
        }
        if (json == null || json.isBlank()) {
            if (customEndpoint) {
                // An emulator or test endpoint takes anonymous requests.
                return NoCredentials.getInstance();
            }
            throw Settings.invalid("credentials_json", "'credentials_json' (a service account key) is required");
        }
        try {
            return ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw Settings.invalid("credentials_json", "'credentials_json' is not a service account key (JSON)");
        }
    }
}
