package dev.querent.agents.access;

import dev.querent.agents.access.store.AccountStore;
import dev.querent.agents.access.store.AccountStore.StoredKey;
import dev.querent.agents.access.store.AccountStore.StoredUser;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Local accounts, users vouched for by an identity provider, and API keys.
 *
 * <p>Passwords are hashed by the given {@link PasswordHasher}; an unknown user name costs the same
 * hash comparison as a wrong password, so timing does not reveal which names exist. API keys are
 * {@code qk_<id>_<secret>} with 256 random bits; only their SHA-256 is stored (a fast hash is
 * enough for random secrets and keeps each request cheap).
 */
public final class Accounts {
    public static final String KEY_PREFIX = "qk_";
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,59}");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who a valid API key speaks for, with the key's effective role. */
    public record KeyHolder(UserAccount user, ApiKey key, Role role) {}

    /** Changes to a user; null leaves a field as it is. */
    public record UserChange(
            String displayName, Role role, Boolean disabled, String password, Map<String, String> attributes) {}

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final String dummyHash;

    public Accounts(AccountStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /** The signed-in user for a name and password, if both are right and the account is enabled. */
    public Optional<UserAccount> authenticate(String username, String password) {
        if (username == null || password == null || password.getBytes(StandardCharsets.UTF_8).length > 200) {
            return Optional.empty();
        }
        Optional<StoredUser> found = store.findUserByName(username.strip());
        String hash = found.map(StoredUser::passwordHash).orElse(null);
        boolean matches = hasher.matches(password, hash == null ? dummyHash : hash);
        if (!matches || hash == null || found.get().account().disabled()) {
            return Optional.empty();
        }
        store.touchLogin(found.get().account().id());
        return Optional.of(found.get().account());
    }

    /** Creates the first administrator when there is no user yet; returns it, or empty when users exist. */
    public Optional<UserAccount> bootstrapAdmin(String username, String password) {
        synchronized (this) {
            if (store.countUsers() > 0) {
                return Optional.empty();
            }
            UserAccount admin = create(username, password, "Administrator", Role.ADMIN, Map.of());
            store.adoptOwnerlessChats(admin.username());
            return Optional.of(admin);
        }
    }

    public UserAccount create(
            String username, String password, String displayName, Role role, Map<String, String> attributes) {
        String name = requireUsername(username);
        requirePassword(password);
        if (role == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'role' is required.");
        }
        synchronized (this) {
            if (store.findUserByName(name).isPresent()) {
                throw new QuerentException(ErrorCode.CONFLICT, "A user named " + name + " exists already.");
            }
            String id = UUID.randomUUID().toString();
            store.insertUser(
                    id,
                    name,
                    displayName(displayName, name),
                    hasher.hash(password),
                    role,
                    attributes(attributes),
                    UserAccount.Origin.LOCAL);
            return require(id);
        }
    }

    /**
     * The local record of a user an identity provider vouched for: created on first sight, its role
     * and name refreshed from the token each time. Never has a password.
     */
    public UserAccount provisionExternal(
            String username, String displayName, Role role, Map<String, String> attributes) {
        String name = requireUsername(username);
        synchronized (this) {
            Optional<StoredUser> existing = store.findUserByName(name);
            if (existing.isEmpty()) {
                String id = UUID.randomUUID().toString();
                store.insertUser(
                        id,
                        name,
                        displayName(displayName, name),
                        null,
                        role,
                        attributes(attributes),
                        UserAccount.Origin.EXTERNAL);
                return require(id);
            }
            UserAccount u = existing.get().account();
            if (u.origin() != UserAccount.Origin.EXTERNAL) {
                throw new QuerentException(
                        ErrorCode.CONFLICT, "The token names " + name + ", which is a local account; refused.");
            }
            if (u.role() != role || !u.displayName().equals(displayName(displayName, name))) {
                store.updateUser(
                        u.id(), displayName(displayName, name), null, role, u.disabled(), attributes(attributes));
                u = require(u.id());
            }
            return u;
        }
    }

    public UserAccount update(String id, UserChange change) {
        StoredUser s = store.findUser(id).orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No user " + id));
        UserAccount u = s.account();
        String hash = s.passwordHash();
        if (change.password() != null) {
            if (u.origin() == UserAccount.Origin.EXTERNAL) {
                throw new QuerentException(
                        ErrorCode.VALIDATION_FAILED, "This user signs in through the identity provider; no password.");
            }
            requirePassword(change.password());
            hash = hasher.hash(change.password());
        }
        store.updateUser(
                id,
                change.displayName() == null ? u.displayName() : displayName(change.displayName(), u.username()),
                hash,
                change.role() == null ? u.role() : change.role(),
                change.disabled() == null ? u.disabled() : change.disabled(),
                change.attributes() == null ? u.attributes() : attributes(change.attributes()));
        return require(id);
    }

    public List<UserAccount> list() {
        return store.listUsers().stream().map(StoredUser::account).toList();
    }

    public Optional<UserAccount> find(String username) {
        return store.findUserByName(username).map(StoredUser::account);
    }

    public UserAccount require(String id) {
        return store.findUser(id)
                .map(StoredUser::account)
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No user " + id));
    }

    /** Makes a key for {@code owner}; its role may not exceed the owner's. */
    public ApiKey.Issued issueKey(UserAccount owner, String name, Role role, Integer expiresInDays) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'name' is required (at most 200 characters).");
        }
        Role r = role == null ? owner.role() : role;
        if (!owner.role().atLeast(r)) {
            throw new QuerentException(
                    ErrorCode.FORBIDDEN,
                    "A key cannot have a higher role (" + r + ") than its owner (" + owner.role() + ").");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "'expiresInDays' must be between 1 and 3650.");
        }
        byte[] idBytes = new byte[9];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secret);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String id = b64.encodeToString(idBytes).replace('-', 'x').replace('_', 'y');
        String key = KEY_PREFIX + id + "_" + b64.encodeToString(secret);
        Instant expires = expiresInDays == null ? null : clock.instant().plus(Duration.ofDays(expiresInDays));
        store.insertKey(id, owner.id(), name.strip(), KEY_PREFIX + id, sha256(key), r, expires);
        return new ApiKey.Issued(store.findKey(id).orElseThrow().key(), key);
    }

    /** Who a presented key speaks for, if it is valid, unrevoked, unexpired and its owner enabled. */
    public Optional<KeyHolder> authenticateKey(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        int sep = presented.indexOf('_', KEY_PREFIX.length());
        if (sep < 0) {
            return Optional.empty();
        }
        Optional<StoredKey> found = store.findKey(presented.substring(KEY_PREFIX.length(), sep));
        if (found.isEmpty()
                || !MessageDigest.isEqual(
                        found.get().secretHash().getBytes(StandardCharsets.US_ASCII),
                        sha256(presented).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ApiKey key = found.get().key();
        Instant now = clock.instant();
        if (key.revokedAt() != null || (key.expiresAt() != null && !now.isBefore(key.expiresAt()))) {
            return Optional.empty();
        }
        UserAccount user = require(found.get().userId());
        if (user.disabled()) {
            return Optional.empty();
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
            store.touchKey(key.id(), now);
        }
        return Optional.of(new KeyHolder(user, key, Role.min(key.role(), user.role())));
    }

    /** The keys of {@code owner}, or every key when {@code owner} is null. */
    public List<ApiKey> keys(UserAccount owner) {
        return store.listKeys(owner == null ? null : owner.id()).stream()
                .map(StoredKey::key)
                .toList();
    }

    /** Revokes a key of {@code owner} (any key when {@code owner} is null); another's key is not found. */
    public void revokeKey(String id, UserAccount owner) {
        StoredKey k = store.findKey(id)
                .filter(s -> owner == null || s.userId().equals(owner.id()))
                .orElseThrow(() -> new QuerentException(ErrorCode.NOT_FOUND, "No API key " + id));
        store.revokeKey(k.key().id());
    }

    private static String requireUsername(String username) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "'username' must be 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.");
        }
        return username.strip();
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "The password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "The password may have at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
    }

    private static String displayName(String displayName, String username) {
        if (displayName == null || displayName.isBlank()) {
            return username;
        }
        if (displayName.length() > 200 || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "'displayName' must be at most 200 characters without control characters.");
        }
        return displayName.strip();
    }

    private static Map<String, String> attributes(Map<String, String> attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        if (attributes == null) {
            return out;
        }
        if (attributes.size() > 50) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "At most 50 attributes per user.");
        }
        attributes.forEach((k, v) -> {
            if (k == null || !ATTRIBUTE.matcher(k).matches()) {
                throw new QuerentException(
                        ErrorCode.VALIDATION_FAILED, "Attribute names are letters, digits and '_' (got '" + k + "').");
            }
            if (v == null || v.length() > 500 || v.chars().anyMatch(Character::isISOControl)) {
                throw new QuerentException(
                        ErrorCode.VALIDATION_FAILED, "Attribute " + k + " needs a value of at most 500 characters.");
            }
            out.put(k, v);
        });
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
