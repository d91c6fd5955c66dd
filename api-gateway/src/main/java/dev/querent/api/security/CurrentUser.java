package dev.querent.api.security;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/** The caller of the current request. */
public final class CurrentUser {
    private CurrentUser() {}

    /** The signed-in user, or an UNAUTHENTICATED error. */
    public static Mono<QuerentUser> get() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(a -> a != null && a.getPrincipal() instanceof QuerentUser)
                .map(a -> (QuerentUser) a.getPrincipal())
                .switchIfEmpty(Mono.error(new QuerentException(ErrorCode.UNAUTHENTICATED, "Sign in first.")));
    }
}
