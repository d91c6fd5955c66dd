package dev.querent.connectors;

import dev.querent.core.Dialect;
import java.util.List;

/** Opens data sources of one type. Registered in the {@link ConnectorRegistry} by {@link #type()}. */
public interface ConnectorFactory {
    /** Stable type key, e.g. {@code postgresql}, {@code sqlite}, {@code duckdb}. */
    String type();

    Dialect dialect();

    List<ConfigField> fields();

    /** Opens (lazily connects) a data source; invalid settings throw a VALIDATION_FAILED error. */
    DataSourceInterface open(DataSourceConfig config);
}
