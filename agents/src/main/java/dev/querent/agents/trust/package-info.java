/**
 * Calibrated confidence: the signals an answer carries ({@link dev.querent.agents.trust.Signals}),
 * a per-source model that turns them into the probability the answer is right
 * ({@link dev.querent.agents.trust.ConfidenceModel}, fitted on {@code querent eval} results), and the
 * plan shapes where rules are measured to beat a configured model.
 */
package dev.querent.agents.trust;
