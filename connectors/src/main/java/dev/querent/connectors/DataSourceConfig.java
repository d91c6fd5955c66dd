package dev.querent.connectors;

import dev.querent.core.DataSourceId;
import java.util.Map;

/**
 * What a factory needs to open a data source.
 *
 * @param settings non-secret fields (host, port, database, path, ...)
 * @param secrets secret fields (password, private key, service-account JSON); stored encrypted and
 *     never returned by the API
 */
public record DataSourceConfig(
        DataSourceId id, String type, String name, Map<String, String> settings, Map<String, String> secrets) {
    public DataSourceConfig {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }
}
