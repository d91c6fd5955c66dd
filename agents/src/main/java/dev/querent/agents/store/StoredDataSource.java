package dev.querent.agents.store;

import dev.querent.core.DataSourceId;
import java.time.Instant;
import java.util.Map;

/** A data source row; {@code secretsEncrypted} is the AES-GCM ciphertext of the secrets map. */
public record StoredDataSource(
        DataSourceId id,
        String name,
        String type,
        Map<String, String> settings,
        String secretsEncrypted,
        boolean isDefault,
        String schemaJson,
        Instant schemaAt,
        Instant createdAt,
        Instant updatedAt) {}
