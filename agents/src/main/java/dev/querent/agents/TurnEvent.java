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

    ChatEventType type();

    /** What is stored and sent: the record itself unless it only wraps one value. */
    default Object payload() {
        return this;
    }

    /** A question was asked. */
    record TurnStarted(String turnId, String question, int seq, String clientMessageId) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.TURN_STARTED;
        }
    }

    /** A plan waits for confirmation, or was edited; the payload is the turn. */
    record PlanProposed(Turn turn) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.PLAN_PROPOSED;
        }

        @Override
        public Object payload() {
            return turn;
        }
    }

    /** The planner asked a clarifying question; the payload is the turn awaiting the answer. */
    record ClarificationAsked(Turn turn) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.PLAN_CLARIFICATION;
        }

        @Override
        public Object payload() {
            return turn;
        }
    }

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

        @Override
        public ChatEventType type() {
            return ChatEventType.SQL_DRAFTING;
        }
    }

    /** SQL was written for the confirmed plan. */
    record SqlGenerated(String sql, AnswerSource source, int promptTokens, int completionTokens) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.SQL_GENERATED;
        }
    }

    /** The validator reported on the SQL; the payload is the report. */
    record Validated(ValidationReport report) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.VALIDATION_RESULT;
        }

        @Override
        public Object payload() {
            return report;
        }
    }

    /** A batch of result rows, from row {@code offset}. */
    record RowsFetched(List<ResultColumn> columns, List<List<Object>> rows, int offset) implements TurnEvent {
        public RowsFetched {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        @Override
        public ChatEventType type() {
            return ChatEventType.ROWS;
        }
    }

    /** The turn reached a final state; the payload is the turn. */
    record TurnFinished(Turn turn) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.DONE;
        }

        @Override
        public Object payload() {
            return turn;
        }
    }

    /** The turn failed; the payload is the error. */
    record TurnFailed(TurnError error) implements TurnEvent {
        @Override
        public ChatEventType type() {
            return ChatEventType.ERROR;
        }

        @Override
        public Object payload() {
            return error;
        }
    }
}
