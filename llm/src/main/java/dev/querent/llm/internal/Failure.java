package dev.querent.llm.internal;

import dev.querent.core.QuerentException;

/**
 * A provider error translated into Querent's vocabulary.
 *
 * @param transientFailure whether trying again soon may succeed (connection refused, 5xx, 429), as
 *     opposed to failures a retry only repeats or prolongs (timeouts, bad credentials, garbage)
 */
public record Failure(QuerentException error, boolean transientFailure) {}
