package dev.querent.agents;

import dev.querent.agents.internal.Json;
import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.SecretCipher;
import dev.querent.agents.store.StoredDataSource;
import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.type.TypeReference;

/**
 * Registered data sources: CRUD with encrypted credentials, connection tests, and the introspected
 * schema, cached in the metadata store and in memory until a re-sync. Keeps one open connector per
 * data source.
 */
public final class DataSourceService implements AutoCloseable {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final DataSourceStore store;
    private final ConnectorRegistry registry;
    private final SecretCipher cipher;
    private final Map<DataSourceId, DataSourceInterface> open = new ConcurrentHashMap<>();
    private final Map<DataSourceId, SchemaSnapshot> schemas = new ConcurrentHashMap<>();

    public DataSourceService(DataSourceStore store, ConnectorRegistry registry, SecretCipher cipher) {
        this.store = store;
        this.registry = registry;
        this.cipher = cipher;
    }

    public ConnectorRegistry registry() {
        return registry;
    }

    public DataSourceView create(String name, String type, Map<String, String> settings, Map<String, String> secrets) {
        ConnectorFactory factory = registry.factory(type);
        Map<String, String> cleanSettings = nonBlank(settings);
        Map<String, String> cleanSecrets = nonBlank(secrets);
        requireFields(factory, cleanSettings, cleanSecrets);
        requireName(name);
        DataSourceId id = DataSourceId.random();
        store.insert(id, name.strip(), type, cleanSettings, encrypt(cleanSecrets));
        if (store.list().size() == 1) {
            store.setDefault(id);
        }
        return view(store.find(id).orElseThrow());
    }

    /** Updates name and settings; secrets given replace the stored ones key by key, absent keys are kept. */
    public DataSourceView update(
            DataSourceId id, String name, Map<String, String> settings, Map<String, String> secrets) {
        StoredDataSource existing = require(id);
        ConnectorFactory factory = registry.factory(existing.type());
        Map<String, String> mergedSecrets = new HashMap<>(decrypt(existing));
        mergedSecrets.putAll(nonBlank(secrets));
        Map<String, String> cleanSettings = settings == null ? existing.settings() : nonBlank(settings);
        requireFields(factory, cleanSettings, mergedSecrets);
        String newName = name == null ? existing.name() : name;
        requireName(newName);
        store.update(id, newName.strip(), cleanSettings, encrypt(mergedSecrets));
        evict(id);
        return view(require(id));
    }

    public void delete(DataSourceId id) {
        require(id);
        evict(id);
        store.delete(id);
    }

    public List<DataSourceView> list() {
        return store.list().stream().map(this::view).toList();
    }

    public DataSourceView get(DataSourceId id) {
        return view(require(id));
    }

    public Optional<DataSourceId> defaultId() {
        return store.list().stream()
                .filter(StoredDataSource::isDefault)
                .map(StoredDataSource::id)
                .findFirst();
    }

    public void makeDefault(DataSourceId id) {
        require(id);
        store.setDefault(id);
    }

    public ConnectionTestResult test(DataSourceId id) {
        return connector(id).testConnection();
    }

    /** The cached schema, introspecting on first use. */
    public SchemaSnapshot schema(DataSourceId id) {
        SchemaSnapshot cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        StoredDataSource ds = require(id);
        if (ds.schemaJson() != null) {
            SchemaSnapshot s = Json.read(ds.schemaJson(), SchemaSnapshot.class);
            schemas.put(id, s);
            return s;
        }
        return sync(id);
    }

    /** Re-introspects now and stores the result. */
    public SchemaSnapshot sync(DataSourceId id) {
        SchemaSnapshot s = connector(id).getSchema();
        store.saveSchema(id, Json.write(s), s.takenAt());
        schemas.put(id, s);
        return s;
    }

    /** The open connector of a data source (opened on first use). */
    public DataSourceInterface connector(DataSourceId id) {
        DataSourceInterface c = open.get(id);
        if (c != null) {
            return c;
        }
        StoredDataSource ds = require(id);
        return open.computeIfAbsent(
                id, k -> registry.open(new DataSourceConfig(id, ds.type(), ds.name(), ds.settings(), decrypt(ds))));
    }

    @Override
    public void close() {
        open.keySet().forEach(this::evict);
    }

    private void evict(DataSourceId id) {
        schemas.remove(id);
        DataSourceInterface c = open.remove(id);
        if (c != null) {
            c.close();
        }
    }

    private StoredDataSource require(DataSourceId id) {
        return store.find(id).orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No data source " + id));
    }

    private DataSourceView view(StoredDataSource ds) {
        ConnectorFactory factory = registry.factory(ds.type());
        return new DataSourceView(
                ds.id(),
                ds.name(),
                ds.type(),
                factory.dialect(),
                ds.settings(),
                decrypt(ds).keySet().stream().sorted().toList(),
                ds.isDefault(),
                ds.createdAt());
    }

    private String encrypt(Map<String, String> secrets) {
        return secrets.isEmpty() ? null : cipher.encrypt(Json.write(secrets));
    }

    private Map<String, String> decrypt(StoredDataSource ds) {
        return ds.secretsEncrypted() == null ? Map.of() : Json.read(cipher.decrypt(ds.secretsEncrypted()), MAP);
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "A data source needs a name of 1 to 200 characters");
        }
    }

    private static void requireFields(ConnectorFactory f, Map<String, String> settings, Map<String, String> secrets) {
        List<String> missing = f.fields().stream()
                .filter(ConfigField::required)
                .filter(field -> field.defaultValue() == null)
                .map(ConfigField::key)
                .filter(k -> !settings.containsKey(k) && !secrets.containsKey(k))
                .toList();
        if (!missing.isEmpty()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "Missing required field(s) for " + f.type() + ": " + String.join(", ", missing),
                    Map.of("missing", missing),
                    null);
        }
    }

    private static Map<String, String> nonBlank(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
