package dev.querent.api.web;

import dev.querent.agents.Turn;
import dev.querent.agents.TurnState;
import dev.querent.agents.access.AuditEntry.Outcome;
import dev.querent.agents.access.AuditLog;
import dev.querent.core.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Audits what a confirmed turn did: the SQL that ran and its rows, or the SQL the guard refused. */
public final class SqlAudit {
    private static final Set<ErrorCode> REFUSALS =
            Set.of(ErrorCode.SQL_REJECTED, ErrorCode.SQL_PARSE_ERROR, ErrorCode.SQL_SCHEMA_MISMATCH);

    private final AuditLog audit;

    public SqlAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** Records the turn's outcome and returns it unchanged. Blocking. */
    public Turn ran(String actor, Turn turn) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("chatId", turn.chatId().value());
        detail.put("question", turn.question());
        detail.put("sql", turn.sql());
        if (turn.state() == TurnState.ANSWERED && turn.result() != null) {
            detail.put("rows", turn.result().rowCount());
            detail.put("truncated", turn.result().truncated());
            audit.record(actor, "sql.executed", turn.id().value(), Outcome.OK, detail);
        } else if (turn.error() != null) {
            detail.put("code", turn.error().code().name());
            detail.put("message", turn.error().message());
            boolean refused = REFUSALS.contains(turn.error().code());
            audit.record(
                    actor,
                    refused ? "sql.refused" : "sql.failed",
                    turn.id().value(),
                    refused ? Outcome.DENIED : Outcome.FAILED,
                    detail);
        }
        return turn;
    }
}
