package dev.querent.agents.access;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.Locale;

/** Roles in increasing power; each may do everything the ones before it may. */
public enum Role {
    /** Reads answers, chats shared with everyone, schemas and knowledge. */
    VIEWER,
    /** Asks questions, confirms and edits plans, gives feedback and corrections on own chats. */
    ANALYST,
    /** Decides the validation queue and edits knowledge. */
    REVIEWER,
    /** Manages data sources, users, API keys and settings; reads the audit log. */
    ADMIN;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Role min(Role a, Role b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    public static Role parse(String value) {
        if (value == null || value.isBlank()) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED, "'role' is required (VIEWER, ANALYST, REVIEWER or ADMIN).");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QuerentException(
                    ErrorCode.VALIDATION_FAILED,
                    "Unknown role '" + value + "': use VIEWER, ANALYST, REVIEWER or ADMIN.");
        }
    }
}
