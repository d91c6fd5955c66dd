package dev.querent.agents;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;

/** Why a turn failed, in words fit for the user; {@code retryable} offers a retry. */
public record TurnError(ErrorCode code, String message, boolean retryable) {
    public static TurnError of(QuerentException e) {
        return new TurnError(e.code(), e.getMessage(), e.code().retryable());
    }
}
