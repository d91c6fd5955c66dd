/**
 * The agents: {@link dev.querent.agents.Orchestrator} runs each chat turn as a state machine through
 * the Planner, the SQL agent, the Validator and execution; the Learning agent folds feedback into the
 * knowledge base. The root package holds the API the gateway uses (services, records, events);
 * implementations live in subpackages.
 */
package dev.querent.agents;
