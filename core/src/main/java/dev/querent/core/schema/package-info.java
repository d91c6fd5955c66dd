/** The introspected schema model shared by connectors, the knowledge base, prompts and the validator. */
package dev.querent.core.schema;
