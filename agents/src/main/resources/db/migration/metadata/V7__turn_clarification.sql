-- A clarifying question the planner asked before planning a turn, with its choices, and how it was
-- answered (JSON): the turn waits in AWAITING_CLARIFICATION until a choice or free text arrives.
ALTER TABLE turns ADD COLUMN clarification_json TEXT;
