package dev.querent.agents.access;

import dev.querent.agents.access.store.AccountStore;
import dev.querent.agents.internal.Json;
import dev.querent.agents.store.SettingsStore;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.sql.ColumnMask;
import dev.querent.core.sql.DataScope;
import dev.querent.core.sql.RowFilter;
import dev.querent.core.sql.TableScope;
import dev.querent.core.sql.UserAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.type.TypeReference;

/**
 * Per data source, who sees what: rules for a role ({@code role:ANALYST}) or one user
 * ({@code user:alice}). A user's own rule wins over their role's; with neither, they see everything.
 * Kept in the settings store, checked (filters parsed, names valid) when saved.
 */
public final class DataScopes implements ScopeResolver {
    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {};
    private static final int MAX_RULES = 200;

    /**
     * @param subject {@code role:<ROLE>} or {@code user:<username>}
     * @param allowedTables the only tables this subject may read (null: all)
     * @param tables per table: allowed columns, masked columns, row filters over {@code :user.<attr>}
     * @param databaseRoleAttribute when set, queries run as the database role named by this user
     *     attribute (PostgreSQL {@code SET LOCAL ROLE}), so the database's own row-level security
     *     applies as well; a user without the attribute is refused
     */
    public record Rule(
            String subject, Set<String> allowedTables, Map<String, TableRule> tables, String databaseRoleAttribute) {
        public Rule(String subject, Set<String> allowedTables, Map<String, TableRule> tables) {
            this(subject, allowedTables, tables, null);
        }
    }

    /**
     * @param allowedColumns null: all columns
     * @param masked column → {@code NULL} or {@code REDACTED}
     * @param rowFilters SQL predicates over the table's columns, e.g. {@code region = :user.region}
     */
    public record TableRule(Set<String> allowedColumns, Map<String, ColumnMask> masked, List<String> rowFilters) {}

    private final SettingsStore settings;
    private final AccountStore accounts;

    public DataScopes(SettingsStore settings, AccountStore accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    public List<Rule> rules(DataSourceId ds) {
        return settings.get(key(ds)).map(j -> Json.read(j, RULES)).orElse(List.of());
    }

    /** Replaces the rules of {@code ds}; each is checked first, nothing is stored if one is wrong. */
    public List<Rule> setRules(DataSourceId ds, List<Rule> rules) {
        if (rules == null) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "Send a list of rules (may be empty).");
        }
        if (rules.size() > MAX_RULES) {
            throw new QuerentException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_RULES + " rules per data source.");
        }
        Set<String> subjects = new HashSet<>();
        for (Rule r : rules) {
            String subject = subject(r.subject());
            if (!subjects.add(subject)) {
                throw new QuerentException(ErrorCode.VALIDATION_FAILED, "Two rules for " + subject + ".");
            }
            toScope(r);
        }
        settings.put(key(ds), Json.write(rules));
        return rules(ds);
    }

    @Override
    public Grant grant(String username, DataSourceId ds) {
        if (username == null) {
            return Grant.UNRESTRICTED;
        }
        List<Rule> rules = rules(ds);
        if (rules.isEmpty()) {
            return Grant.UNRESTRICTED;
        }
        Optional<UserAccount> user = accounts.findUserByName(username).map(AccountStore.StoredUser::account);
        if (user.isEmpty()) {
            // A chat whose owner is gone: the most restrictive reading is to show nothing.
            return new Grant(DataScope.unrestricted().withAllowedTables(Set.of()), UserAttributes.none());
        }
        UserAccount u = user.get();
        Optional<Rule> rule = find(rules, "user:" + u.username().toLowerCase(Locale.ROOT))
                .or(() -> find(rules, "role:" + u.role().name().toLowerCase(Locale.ROOT)));
        return rule.map(r -> new Grant(toScope(r), UserAttributes.of(u.attributes()), databaseRole(r, u)))
                .orElse(Grant.UNRESTRICTED);
    }

    private static String databaseRole(Rule r, UserAccount u) {
        String attribute = r.databaseRoleAttribute();
        if (attribute == null || attribute.isBlank()) {
            return null;
        }
        String role = u.attributes().get(attribute.strip());
        if (role == null || role.isBlank()) {
            throw new QuerentException(
                    ErrorCode.FORBIDDEN,
                    "This data source runs queries as each user's database role, and your account has none ("
                            + attribute.strip() + "); ask an administrator.");
        }
        return role.strip();
    }

    private static Optional<Rule> find(List<Rule> rules, String subject) {
        return rules.stream().filter(r -> subject(r.subject()).equals(subject)).findFirst();
    }

    static DataScope toScope(Rule r) {
        DataScope scope = DataScope.unrestricted();
        if (r.allowedTables() != null) {
            scope = scope.withAllowedTables(r.allowedTables());
        }
        if (r.tables() != null) {
            for (Map.Entry<String, TableRule> e : r.tables().entrySet()) {
                TableRule t = e.getValue();
                TableScope ts = TableScope.all();
                if (t.allowedColumns() != null) {
                    ts = ts.withAllowedColumns(t.allowedColumns());
                }
                if (t.masked() != null) {
                    for (Map.Entry<String, ColumnMask> m : t.masked().entrySet()) {
                        ts = ts.withMask(m.getKey(), m.getValue() == null ? ColumnMask.REDACTED : m.getValue());
                    }
                }
                if (t.rowFilters() != null) {
                    for (String f : t.rowFilters()) {
                        try {
                            RowFilter.of(f);
                        } catch (RuntimeException ex) {
                            throw new QuerentException(
                                    ErrorCode.VALIDATION_FAILED,
                                    "Row filter on " + e.getKey() + " is not usable: " + ex.getMessage());
                        }
                        ts = ts.withRowFilter(f);
                    }
                }
                scope = scope.withTable(e.getKey(), ts);
            }
        }
        return scope;
    }

    private static String subject(String s) {
        if (s == null) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "Each rule needs a subject: role:<ROLE> or user:<name>.");
        }
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("role:")) {
            Role.parse(v.substring(5));
            return v;
        }
        if (v.startsWith("user:") && v.length() > 5 && v.length() <= 105) {
            return v;
        }
        throw new QuerentException(
                ErrorCode.VALIDATION_FAILED, "A rule's subject is role:<ROLE> or user:<name>, not '" + s + "'.");
    }

    private static String key(DataSourceId ds) {
        return "data-scope:" + ds.value();
    }
}
