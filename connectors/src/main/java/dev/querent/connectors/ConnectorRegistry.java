package dev.querent.connectors;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every known connector factory, by type. */
public final class ConnectorRegistry {
    private final Map<String, ConnectorFactory> factories = new LinkedHashMap<>();

    public ConnectorRegistry(List<ConnectorFactory> factories) {
        for (ConnectorFactory f : factories) {
            if (this.factories.putIfAbsent(f.type(), f) != null) {
                throw new IllegalArgumentException("two connectors registered as " + f.type());
            }
        }
    }

    public ConnectorFactory factory(String type) {
        ConnectorFactory f = factories.get(type);
        if (f == null) {
            throw new QuerentException(
                    ErrorCode.UNKNOWN_DATA_SOURCE_TYPE,
                    "Unknown data source type '" + type + "'. Known: " + factories.keySet());
        }
        return f;
    }

    public Collection<ConnectorFactory> factories() {
        return factories.values();
    }

    public DataSourceInterface open(DataSourceConfig config) {
        return factory(config.type()).open(config);
    }
}
