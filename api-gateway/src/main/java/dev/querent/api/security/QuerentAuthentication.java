package dev.querent.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated {@link QuerentUser}, however they proved who they are. */
public final class QuerentAuthentication extends AbstractAuthenticationToken {
    private final QuerentUser user;

    public QuerentAuthentication(QuerentUser user) {
        super(user.authorities());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public QuerentUser getPrincipal() {
        return user;
    }
}
