package dev.querent.agents;

/** Where a chat turn is in the Orchestrator's state machine. */
public enum TurnState {
    PLANNING,
    /** The planner asked a clarifying question ({@link Turn#clarification()}); an answer plans the turn again. */
    AWAITING_CLARIFICATION,
    AWAITING_CONFIRMATION,
    EXECUTING,
    ANSWERED,
    FAILED,
    REJECTED,
    CANNOT_ANSWER;
}
