package dev.querent.agents.access;

import java.time.Instant;
import java.util.Map;

/** One line of the audit log: who did what to which target, and how it ended. */
public record AuditEntry(
        long seq, Instant at, String actor, String action, String target, Outcome outcome, Map<String, Object> detail) {
    public enum Outcome {
        OK,
        DENIED,
        FAILED
    }
}
