package dev.querent.agents;

import dev.querent.agents.internal.Json;
import dev.querent.agents.relationships.Relationships;
import dev.querent.agents.store.DataSourceStore;
import dev.querent.agents.store.SecretCipher;
import dev.querent.agents.store.StoredDataSource;
import dev.querent.connectors.ConfigField;
import dev.querent.connectors.ConnectionTestResult;
import dev.querent.connectors.ConnectorFactory;
import dev.querent.connectors.ConnectorRegistry;
import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.FileSources;
import dev.querent.connectors.FileSources.StagedFile;
import dev.querent.connectors.FileTable;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

/**
 * Registered data sources: CRUD with encrypted credentials, connection tests, and the introspected
 * schema, cached in the metadata store and in memory until a re-sync. Keeps one open connector per
 * data source.
 *
 * <p>With {@link Relationships}, every introspection (on create and on re-sync) also infers the join
 * keys the database does not declare, and {@link #schema} returns the snapshot with them merged in as
 * foreign keys marked {@code inferred}. The stored schema stays as introspected, so confirming or
 * removing a relationship takes effect without introspecting again.
 */
public final class DataSourceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataSourceService.class);
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final DataSourceStore store;
    private final ConnectorRegistry registry;
    private final SecretCipher cipher;
    private final Map<DataSourceId, DataSourceInterface> open = new ConcurrentHashMap<>();
    private final Map<DataSourceId, SchemaSnapshot> schemas = new ConcurrentHashMap<>();
    private final Relationships relationships;
    private final FileSources files;

    /** Without relationship inference: the schema is exactly what the database declares. */
    public DataSourceService(DataSourceStore store, ConnectorRegistry registry, SecretCipher cipher) {
        this(store, registry, cipher, null, null);
    }

    public DataSourceService(
            DataSourceStore store, ConnectorRegistry registry, SecretCipher cipher, Relationships relationships) {
        this(store, registry, cipher, relationships, null);
    }

    /**
     * @param files the write side of {@value FileSources#TYPE} sources, or {@code null} when that
     *     type is not registered
     */
    public DataSourceService(
            DataSourceStore store,
            ConnectorRegistry registry,
            SecretCipher cipher,
            Relationships relationships,
            FileSources files) {
        this.store = store;
        this.registry = registry;
        this.cipher = cipher;
        this.relationships = relationships;
        this.files = files;
    }

    public ConnectorRegistry registry() {
        return registry;
    }

    /**
     * Registers a data source after checking every key against the connector's fields (unknown
     * keys and secrets sent as settings are refused) and connecting to it once: nothing is stored
     * unless the connection test passes.
     */
    public DataSourceView create(String name, String type, Map<String, String> settings, Map<String, String> secrets) {
        ConnectorFactory factory = registry.factory(type);
        Map<String, String> cleanSettings = nonBlank(settings);
        Map<String, String> cleanSecrets = nonBlank(secrets);
        requireKnownKeys(factory, cleanSettings, cleanSecrets);
        requireFields(factory, cleanSettings, cleanSecrets);
        requireName(name);
        DataSourceId id = DataSourceId.random();
        DataSourceInterface connector =
                openTested(factory, new DataSourceConfig(id, type, name.strip(), cleanSettings, cleanSecrets));
        try {
            store.insert(id, name.strip(), type, cleanSettings, encrypt(cleanSecrets));
            if (store.list().size() == 1) {
                store.setDefault(id);
            }
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
        keepOpen(id, connector);
        if (relationships != null) {
            // Introspect and infer now, so that the first question already sees the relationships.
            try {
                sync(id);
            } catch (RuntimeException e) {
                log.warn("data source {} saved; introspection deferred to first use: {}", id, e.getMessage());
            }
        }
        return view(store.find(id).orElseThrow());
    }

    /**
     * Updates name, settings and secrets. Secrets given replace the stored ones key by key while the
     * target (the factory's {@link ConnectorFactory#targetKeys()}: host, port, database, user, TLS
     * mode, path) stays the same; a changed target needs its secrets in the request
     * ({@code SECRETS_REQUIRED} otherwise) and keeps none of the stored ones, so stored credentials
     * never go to a new target. Changed settings or secrets are connection-tested before anything
     * is stored.
     */
    public DataSourceView update(
            DataSourceId id, String name, Map<String, String> settings, Map<String, String> secrets) {
        StoredDataSource existing = require(id);
        ConnectorFactory factory = registry.factory(existing.type());
        Map<String, String> newSecrets = nonBlank(secrets);
        Map<String, String> cleanSettings = settings == null ? existing.settings() : nonBlank(settings);
        requireKnownKeys(factory, settings == null ? Map.of() : cleanSettings, newSecrets);
        Map<String, String> storedSecrets = decrypt(existing);
        List<String> changedTarget = changedTargetKeys(factory, existing.settings(), cleanSettings);
        Map<String, String> mergedSecrets;
        if (changedTarget.isEmpty()) {
            mergedSecrets = new HashMap<>(storedSecrets);
            mergedSecrets.putAll(newSecrets);
        } else {
            if (newSecrets.isEmpty() && !storedSecrets.isEmpty()) {
                throw new QuerentException(
                        ErrorCode.SECRETS_REQUIRED,
                        "Changing " + String.join(", ", changedTarget)
                                + " sends the credentials somewhere new: enter the secrets ("
                                + String.join(
                                        ", ",
                                        storedSecrets.keySet().stream().sorted().toList())
                                + ") again.",
                        Map.of(
                                "changed",
                                changedTarget,
                                "secrets",
                                storedSecrets.keySet().stream().sorted().toList()),
                        null);
            }
            mergedSecrets = newSecrets;
        }
        requireFields(factory, cleanSettings, mergedSecrets);
        String newName = name == null ? existing.name() : name;
        requireName(newName);
        boolean connectionChanged = !cleanSettings.equals(existing.settings()) || !mergedSecrets.equals(storedSecrets);
        DataSourceInterface connector = connectionChanged
                ? openTested(
                        factory,
                        new DataSourceConfig(id, existing.type(), newName.strip(), cleanSettings, mergedSecrets))
                : null;
        try {
            store.update(id, newName.strip(), cleanSettings, encrypt(mergedSecrets));
        } catch (RuntimeException e) {
            if (connector != null) {
                connector.close();
            }
            throw e;
        }
        evict(id);
        if (connector != null) {
            keepOpen(id, connector);
        }
        return view(require(id));
    }

    public void delete(DataSourceId id) {
        StoredDataSource ds = require(id);
        evict(id);
        if (relationships != null) {
            relationships.forget(id);
        }
        store.delete(id);
        if (files != null && FileSources.TYPE.equals(ds.type())) {
            files.remove(id);
        }
    }

    // --- files sources ---------------------------------------------------------------------

    /** The limits uploads must keep to; {@code null} when files sources are not available. */
    public FileSources.FileLimits fileLimits() {
        return files == null ? null : files.limits();
    }

    /**
     * Checks an upload's file name for a files source and returns where its bytes go, inside that
     * source's own folder.
     */
    public StagedFile stageFile(DataSourceId id, String fileName) {
        requireFiles(id);
        return files.stage(id, fileName);
    }

    /** Drops staged uploads that will not be loaded. */
    public void discardFiles(List<StagedFile> staged) {
        if (files != null) {
            files.discard(staged);
        }
    }

    /**
     * Loads staged uploads as tables (a file name seen before replaces its tables). The caller
     * re-syncs afterwards, which reports the drift.
     */
    public List<FileTable> loadFiles(DataSourceId id, List<StagedFile> staged) {
        try {
            requireFiles(id);
        } catch (RuntimeException e) {
            discardFiles(staged);
            throw e;
        }
        List<FileTable> loaded = files.load(id, staged);
        evict(id);
        return loaded;
    }

    /** The tables of a files source with their files and column types. */
    public List<FileTable> fileTables(DataSourceId id) {
        requireFiles(id);
        return files.tables(id);
    }

    /** Casts a column of a files source's table to another type (re-creating the table). */
    public FileTable retypeColumn(DataSourceId id, String table, String column, String type) {
        requireFiles(id);
        FileTable changed = files.retype(id, table, column, type);
        evict(id);
        return changed;
    }

    /**
     * Re-reads a files source's folder setting before a re-sync; nothing for other sources or one
     * without a folder.
     */
    public void refreshFiles(DataSourceId id) {
        StoredDataSource ds = require(id);
        if (files == null || !FileSources.TYPE.equals(ds.type())) {
            return;
        }
        files.refreshFolder(new DataSourceConfig(id, ds.type(), ds.name(), ds.settings(), decrypt(ds)));
        evict(id);
    }

    private void requireFiles(DataSourceId id) {
        StoredDataSource ds = require(id);
        if (files == null || !FileSources.TYPE.equals(ds.type())) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "Only data sources of type " + FileSources.TYPE + " take files.",
                    Map.of("field", "type"),
                    null);
        }
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

    /** The cached schema (with inferred relationships merged in), introspecting on first use. */
    public SchemaSnapshot schema(DataSourceId id) {
        SchemaSnapshot cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        StoredDataSource ds = require(id);
        if (ds.schemaJson() != null) {
            SchemaSnapshot s = merged(id, Json.read(ds.schemaJson(), SchemaSnapshot.class));
            schemas.put(id, s);
            return s;
        }
        return sync(id);
    }

    /**
     * Re-introspects now, stores the result, infers the relationships the database does not declare
     * (bounded in queries and time), and returns the merged snapshot. Blocks: call it off the event
     * loop.
     */
    public SchemaSnapshot sync(DataSourceId id) {
        DataSourceInterface connector = connector(id);
        SchemaSnapshot raw = connector.getSchema();
        store.saveSchema(id, Json.write(raw), raw.takenAt());
        if (relationships != null) {
            relationships.refresh(id, raw, connector);
        }
        SchemaSnapshot s = merged(id, raw);
        schemas.put(id, s);
        return s;
    }

    /** Inferred relationships of a data source, removed ones included (as tombstones). */
    public List<InferredRelationship> relationships(DataSourceId id) {
        require(id);
        return relationships == null ? List.of() : relationships.list(id);
    }

    /** Keeps an inferred relationship on every re-sync. */
    public InferredRelationship confirmRelationship(DataSourceId id, String relationshipId) {
        require(id);
        InferredRelationship r = requireRelationships().confirm(id, relationshipId);
        schemas.remove(id);
        return r;
    }

    /** Takes an inferred relationship out of the schema; a re-sync does not infer it again. */
    public InferredRelationship removeRelationship(DataSourceId id, String relationshipId) {
        require(id);
        InferredRelationship r = requireRelationships().remove(id, relationshipId);
        schemas.remove(id);
        return r;
    }

    private Relationships requireRelationships() {
        if (relationships == null) {
            throw new QuerentException(ErrorCode.NOT_FOUND, "Relationship inference is off");
        }
        return relationships;
    }

    private SchemaSnapshot merged(DataSourceId id, SchemaSnapshot raw) {
        return relationships == null ? raw : relationships.merge(id, raw);
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
                shownSettings(factory, ds.settings()),
                decrypt(ds).keySet().stream().sorted().toList(),
                ds.isDefault(),
                ds.createdAt());
    }

    /**
     * Only the connector's own non-secret fields: rows stored before keys were checked may hold a
     * password typed into the settings, which must not be shown back.
     */
    private static Map<String, String> shownSettings(ConnectorFactory factory, Map<String, String> settings) {
        Set<String> shown = new HashSet<>();
        factory.fields().stream().filter(f -> !f.secret()).forEach(f -> shown.add(f.key()));
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (shown.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private String encrypt(Map<String, String> secrets) {
        return secrets.isEmpty() ? null : cipher.encrypt(Json.write(secrets));
    }

    private Map<String, String> decrypt(StoredDataSource ds) {
        return ds.secretsEncrypted() == null ? Map.of() : Json.read(cipher.decrypt(ds.secretsEncrypted()), MAP);
    }

    /** Opens a connector for {@code config} and tests it; a failed test closes it and refuses. */
    private static DataSourceInterface openTested(ConnectorFactory factory, DataSourceConfig config) {
        DataSourceInterface connector = factory.open(config);
        ConnectionTestResult result;
        try {
            result = connector.testConnection();
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
        if (!result.ok()) {
            connector.close();
            throw new QuerentException(
                    ErrorCode.CONNECTION_TEST_FAILED,
                    "The data source was not saved: " + result.error(),
                    Map.of(),
                    null);
        }
        return connector;
    }

    private void keepOpen(DataSourceId id, DataSourceInterface connector) {
        DataSourceInterface previous = open.put(id, connector);
        if (previous != null && previous != connector) {
            previous.close();
        }
    }

    /** Target keys whose effective value (the field's default when absent) differs. */
    private static List<String> changedTargetKeys(
            ConnectorFactory factory, Map<String, String> before, Map<String, String> after) {
        Map<String, String> defaults = new HashMap<>();
        factory.fields().forEach(f -> {
            if (f.defaultValue() != null) {
                defaults.put(f.key(), f.defaultValue());
            }
        });
        return factory.targetKeys().stream()
                .filter(k -> !Objects.equals(
                        effective(before.get(k), defaults.get(k)), effective(after.get(k), defaults.get(k))))
                .sorted()
                .toList();
    }

    private static String effective(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /**
     * Settings and secrets must be the connector's own fields, each on its side: an unknown key is
     * refused (it would be stored and shown back, or read by nobody), and so is a secret field sent
     * as a setting, which would be stored in clear and returned by the API.
     */
    private static void requireKnownKeys(
            ConnectorFactory factory, Map<String, String> settings, Map<String, String> secrets) {
        Set<String> settingKeys = new HashSet<>();
        Set<String> secretKeys = new HashSet<>();
        for (ConfigField f : factory.fields()) {
            (f.secret() ? secretKeys : settingKeys).add(f.key());
        }
        List<String> secretsAsSettings =
                settings.keySet().stream().filter(secretKeys::contains).sorted().toList();
        if (!secretsAsSettings.isEmpty()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "Secret field(s) " + String.join(", ", secretsAsSettings)
                            + " must be sent in 'secrets', never in 'settings'.",
                    Map.of("fields", secretsAsSettings),
                    null);
        }
        List<String> unknown = new ArrayList<>();
        settings.keySet().stream()
                .filter(k -> !settingKeys.contains(k))
                .sorted()
                .forEach(k -> unknown.add("settings." + k));
        secrets.keySet().stream()
                .filter(k -> !secretKeys.contains(k))
                .sorted()
                .forEach(k -> unknown.add("secrets." + k));
        if (!unknown.isEmpty()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "Unknown field(s) for " + factory.type() + ": " + String.join(", ", unknown) + ". Known: "
                            + factory.fields().stream().map(ConfigField::key).toList(),
                    Map.of("unknown", unknown),
                    null);
        }
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
