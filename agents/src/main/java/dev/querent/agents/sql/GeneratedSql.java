package dev.querent.agents.sql;

import dev.querent.agents.AnswerSource;

/**
 * SQL the agent wrote.
 *
 * @param promptTokens tokens sent to the model (0 when no model was used)
 * @param completionTokens tokens the model produced (0 when no model was used)
 */
public record GeneratedSql(String sql, AnswerSource source, int promptTokens, int completionTokens) {}
