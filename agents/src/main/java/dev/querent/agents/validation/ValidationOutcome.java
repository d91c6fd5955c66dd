package dev.querent.agents.validation;

import dev.querent.agents.ValidationReport;
import dev.querent.core.sql.SafeSql;

/**
 * The Validator's answer.
 *
 * @param safeSql what may run, or null when the SQL must not run
 * @param failure why it must not run (fed to the SQL agent's repair), or null
 */
public record ValidationOutcome(SafeSql safeSql, ValidationReport report, String failure) {}
