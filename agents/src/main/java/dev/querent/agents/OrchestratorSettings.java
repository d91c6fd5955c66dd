package dev.querent.agents;

import dev.querent.connectors.QueryLimits;

/**
 * Tunables of a chat turn.
 *
 * @param limits bounds for every execution (timeout, row cap, result-size cap)
 * @param reviewBelowConfidence answers less confident than this go to the validation queue
 * @param maxRepairs self-correction attempts after a validation or execution failure
 * @param rowsPerEvent rows per streamed {@code rows} event
 */
public record OrchestratorSettings(
        QueryLimits limits, double reviewBelowConfidence, int maxRepairs, int rowsPerEvent) {}
