/** Shared domain vocabulary: ids, dialects, the schema model, query results and the error hierarchy. */
package dev.querent.core;
