package dev.querent.connectors;

import dev.querent.core.Dialect;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Opens data sources of one type. Registered in the {@link ConnectorRegistry} by {@link #type()}. */
public interface ConnectorFactory {
    /** Stable type key, e.g. {@code postgresql}, {@code sqlite}, {@code duckdb}. */
    String type();

    Dialect dialect();

    List<ConfigField> fields();

    /**
     * Opens (lazily connects) a data source; invalid settings, and targets the deployment's
     * {@link SourcePolicy} does not allow, throw a VALIDATION_FAILED error.
     */
    DataSourceInterface open(DataSourceConfig config);

    /**
     * The settings that say where credentials go (host, port, database, user, TLS mode, file
     * path): changing any of them requires entering the secrets again, so stored credentials are
     * never sent to a new target. By default every non-secret field.
     */
    default Set<String> targetKeys() {
        return fields().stream().filter(f -> !f.secret()).map(ConfigField::key).collect(Collectors.toUnmodifiableSet());
    }
}
