package dev.querent.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The kinds of event a chat's stream carries, with the names clients see on the socket. */
public enum ChatEventType {
    /** A question was asked; payload: the turn. */
    TURN_STARTED("turn.started"),
    /** A plan waits for confirmation (or was edited); payload: the turn. */
    PLAN_PROPOSED("plan.proposed"),
    /**
     * The planner asks a clarifying question before it plans; payload: the turn, awaiting
     * clarification, whose {@code clarification} holds the question and its choices.
     */
    PLAN_CLARIFICATION("plan.clarification"),
    /**
     * The model is drafting SQL before confirmation; payload: {@code text} (the draft so far),
     * {@code done} (true on the last one, which also carries the tokens spent). Sent at most every
     * 250 ms while the model writes.
     */
    SQL_DRAFTING("sql.drafting"),
    /** SQL was written for the confirmed plan; payload: SQL, source, tokens. */
    SQL_GENERATED("sql.generated"),
    /** The validator's report on the SQL; payload: the report. */
    VALIDATION_RESULT("validation.result"),
    /** A batch of result rows; payload: columns, rows, offset. */
    ROWS("rows"),
    /** The turn reached a final state; payload: the turn. */
    DONE("done"),
    /** The turn failed; payload: the error. */
    ERROR("error");

    private final String wireName;

    ChatEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type a stored or sent name stands for. */
    public static ChatEventType fromWireName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown chat event type '" + name + "'"));
    }
}
