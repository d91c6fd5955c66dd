package dev.querent.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.querent.core.ResultColumn;
import java.util.List;

/**
 * What happened in a turn, as its chat's stream carries it: one record per kind of event, named in
 * the past tense, each knowing its wire type ({@link ChatEventType}) and the payload clients receive
 * (documented in docs/api.md). The orchestrator can publish nothing else.
 */
public sealed interface TurnEvent {

    /** The wire type of this event. */
    default ChatEventType type() {
        return switch (this) {
            case TurnStarted e -> ChatEventType.TURN_STARTED;
            case PlanProposed e -> ChatEventType.PLAN_PROPOSED;
            case ClarificationAsked e -> ChatEventType.PLAN_CLARIFICATION;
            case SqlDrafted e -> ChatEventType.SQL_DRAFTING;
            case SqlGenerated e -> ChatEventType.SQL_GENERATED;
            case Validated e -> ChatEventType.VALIDATION_RESULT;
            case RowsFetched e -> ChatEventType.ROWS;
            case TurnFinished e -> ChatEventType.DONE;
            case TurnFailed e -> ChatEventType.ERROR;
        };
    }

    /** What is stored and sent: the record itself unless it only wraps one value. */
    default Object payload() {
        return switch (this) {
            case PlanProposed e -> e.turn();
            case ClarificationAsked e -> e.turn();
            case Validated e -> e.report();
            case TurnFinished e -> e.turn();
            case TurnFailed e -> e.error();
            case TurnStarted e -> e;
            case SqlDrafted e -> e;
            case SqlGenerated e -> e;
            case RowsFetched e -> e;
        };
    }

    /** A question was asked. */
    record TurnStarted(String turnId, String question, int seq, String clientMessageId) implements TurnEvent {}

    /** A plan waits for confirmation, or was edited; the payload is the turn. */
    record PlanProposed(Turn turn) implements TurnEvent {}

    /** The planner asked a clarifying question; the payload is the turn awaiting the answer. */
    record ClarificationAsked(Turn turn) implements TurnEvent {}

    /**
     * The model drafted SQL so far; the last one is {@code done} and carries the tokens spent (absent
     * before).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SqlDrafted(String text, boolean done, Integer promptTokens, Integer completionTokens) implements TurnEvent {
        public static SqlDrafted partly(String text) {
            return new SqlDrafted(text, false, null, null);
        }

        public static SqlDrafted fully(String text, int promptTokens, int completionTokens) {
            return new SqlDrafted(text, true, promptTokens, completionTokens);
        }
    }

    /** SQL was written for the confirmed plan. */
    record SqlGenerated(String sql, AnswerSource source, int promptTokens, int completionTokens) implements TurnEvent {}

    /** The validator reported on the SQL; the payload is the report. */
    record Validated(ValidationReport report) implements TurnEvent {}

    /** A batch of result rows, from row {@code offset}. */
    record RowsFetched(List<ResultColumn> columns, List<List<Object>> rows, int offset) implements TurnEvent {
        public RowsFetched {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** The turn reached a final state; the payload is the turn. */
    record TurnFinished(Turn turn) implements TurnEvent {}

    /** The turn failed; the payload is the error. */
    record TurnFailed(TurnError error) implements TurnEvent {}
}
