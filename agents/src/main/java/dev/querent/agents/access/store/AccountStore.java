package dev.querent.agents.access.store;

import dev.querent.agents.access.ApiKey;
import dev.querent.agents.access.Role;
import dev.querent.agents.access.UserAccount;
import dev.querent.agents.internal.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.core.type.TypeReference;

/** Users and API keys in the metadata store. */
public final class AccountStore {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    /** A user row with its password hash, which never leaves the access package. */
    public record StoredUser(UserAccount account, String passwordHash) {}

    /** A key row with the hash of its secret and the owner's id. */
    public record StoredKey(ApiKey key, String userId, String secretHash) {}

    private final Jdbi jdbi;
    private final Clock clock;

    public AccountStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public long countUsers() {
        return jdbi.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public void insertUser(
            String id,
            String username,
            String displayName,
            String passwordHash,
            Role role,
            Map<String, String> attributes,
            UserAccount.Origin origin) {
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (id, username, display_name, password_hash, role,"
                        + " attributes_json, disabled, origin, created_at, updated_at)"
                        + " VALUES (:id, :u, :d, :p, :r, :a, 0, :o, :now, :now)")
                .bind("id", id)
                .bind("u", username)
                .bind("d", displayName)
                .bind("p", passwordHash)
                .bind("r", role.name())
                .bind("a", Json.write(attributes))
                .bind("o", origin.name())
                .bind("now", now)
                .execute());
    }

    public void updateUser(
            String id,
            String displayName,
            String passwordHash,
            Role role,
            boolean disabled,
            Map<String, String> attributes) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET display_name = :d, password_hash = :p, role = :r,"
                        + " disabled = :x, attributes_json = :a, updated_at = :now WHERE id = :id")
                .bind("d", displayName)
                .bind("p", passwordHash)
                .bind("r", role.name())
                .bind("x", disabled ? 1 : 0)
                .bind("a", Json.write(attributes))
                .bind("now", clock.millis())
                .bind("id", id)
                .execute());
    }

    public void touchLogin(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET last_login_at = :now WHERE id = :id")
                .bind("now", clock.millis())
                .bind("id", id)
                .execute());
    }

    public Optional<StoredUser> findUserByName(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE username = :u")
                .bind("u", username)
                .map(AccountStore::mapUser)
                .findOne());
    }

    public Optional<StoredUser> findUser(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE id = :id")
                .bind("id", id)
                .map(AccountStore::mapUser)
                .findOne());
    }

    public List<StoredUser> listUsers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY username")
                .map(AccountStore::mapUser)
                .list());
    }

    public void insertKey(
            String id, String userId, String name, String prefix, String secretHash, Role role, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (id, user_id, name, prefix, secret_hash, role,"
                        + " created_at, expires_at) VALUES (:id, :u, :n, :p, :h, :r, :now, :e)")
                .bind("id", id)
                .bind("u", userId)
                .bind("n", name)
                .bind("p", prefix)
                .bind("h", secretHash)
                .bind("r", role.name())
                .bind("now", clock.millis())
                .bind("e", expiresAt == null ? null : expiresAt.toEpochMilli())
                .execute());
    }

    public Optional<StoredKey> findKey(String id) {
        return jdbi.withHandle(h -> h.createQuery(KEY_SELECT + " WHERE k.id = :id")
                .bind("id", id)
                .map(AccountStore::mapKey)
                .findOne());
    }

    /** Keys of one user, or of everyone when {@code userId} is null; newest first. */
    public List<StoredKey> listKeys(String userId) {
        String where = userId == null ? "" : " WHERE k.user_id = :u";
        return jdbi.withHandle(h -> {
            var q = h.createQuery(KEY_SELECT + where + " ORDER BY k.created_at DESC, k.id");
            if (userId != null) {
                q.bind("u", userId);
            }
            return q.map(AccountStore::mapKey).list();
        });
    }

    public void revokeKey(String id) {
        jdbi.useHandle(
                h -> h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                        .bind("now", clock.millis())
                        .bind("id", id)
                        .execute());
    }

    public void touchKey(String id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :at WHERE id = :id")
                .bind("at", at.toEpochMilli())
                .bind("id", id)
                .execute());
    }

    /** Gives chats made before sign-in existed to {@code username}. */
    public int adoptOwnerlessChats(String username) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE chats SET owner = :u WHERE owner IS NULL")
                .bind("u", username)
                .execute());
    }

    private static final String KEY_SELECT =
            "SELECT k.*, u.username AS owner FROM api_keys k JOIN users u ON u.id = k.user_id";

    private static StoredUser mapUser(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        return new StoredUser(
                new UserAccount(
                        rs.getString("id"),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")),
                        rs.getInt("disabled") != 0,
                        Json.read(rs.getString("attributes_json"), MAP),
                        UserAccount.Origin.valueOf(rs.getString("origin")),
                        instant(rs, "created_at"),
                        instant(rs, "last_login_at")),
                rs.getString("password_hash"));
    }

    private static StoredKey mapKey(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new StoredKey(
                new ApiKey(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("prefix"),
                        Role.valueOf(rs.getString("role")),
                        rs.getString("owner"),
                        instant(rs, "created_at"),
                        instant(rs, "last_used_at"),
                        instant(rs, "expires_at"),
                        instant(rs, "revoked_at")),
                rs.getString("user_id"),
                rs.getString("secret_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
