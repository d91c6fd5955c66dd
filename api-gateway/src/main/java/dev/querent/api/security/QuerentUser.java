package dev.querent.api.security;

import dev.querent.agents.access.Role;
import dev.querent.agents.access.UserAccount;
import java.io.Serializable;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authenticated caller as every handler sees it. {@code role} is the effective role: an API key
 * may carry less than its owner.
 */
public record QuerentUser(
        String id,
        String username,
        String displayName,
        Role role,
        Map<String, String> attributes,
        Method method,
        String apiKeyId)
        implements Principal, Serializable {
    public enum Method {
        SESSION,
        API_KEY,
        JWT
    }

    public static QuerentUser of(UserAccount u, Role role, Method method) {
        return new QuerentUser(u.id(), u.username(), u.displayName(), role, u.attributes(), method, null);
    }

    public static QuerentUser ofKey(UserAccount u, Role role, String apiKeyId) {
        return new QuerentUser(u.id(), u.username(), u.displayName(), role, u.attributes(), Method.API_KEY, apiKeyId);
    }

    /** The rate-limit bucket: each API key has its own, sessions and tokens share the user's. */
    public String bucketKey() {
        return apiKeyId == null ? "user:" + id : "key:" + apiKeyId;
    }

    @Override
    public String getName() {
        return username;
    }

    /** {@code ROLE_X} for the role and every role below it, so rules name the least role they need. */
    public List<GrantedAuthority> authorities() {
        List<GrantedAuthority> out = new ArrayList<>();
        for (Role r : Role.values()) {
            if (role.atLeast(r)) {
                out.add(new SimpleGrantedAuthority("ROLE_" + r.name()));
            }
        }
        return out;
    }

    public boolean can(Role needed) {
        return role.atLeast(needed);
    }
}
