package dev.querent.agents;

/** Where a chat turn is in the Orchestrator's state machine. */
public enum TurnState {
    PLANNING,
    AWAITING_CONFIRMATION,
    EXECUTING,
    ANSWERED,
    FAILED,
    REJECTED,
    CANNOT_ANSWER;
}
