package dev.querent.agents.store;

import dev.querent.agents.ProjectSettings;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Small key/value settings (project name, ...). */
public final class SettingsStore implements ProjectSettings {
    private final Jdbi jdbi;

    public SettingsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<String> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM settings WHERE key = :k")
                .bind("k", key)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public void put(String key, String value) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE settings SET value = :v WHERE key = :k")
                    .bind("k", key)
                    .bind("v", value)
                    .execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO settings (key, value) VALUES (:k, :v)")
                        .bind("k", key)
                        .bind("v", value)
                        .execute();
            }
        });
    }
}
