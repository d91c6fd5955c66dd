package dev.querent.agents.validation;

import dev.querent.agents.ValidationReport;
import dev.querent.core.sql.SafeSql;
import dev.querent.semantics.Agreement;

/**
 * The Validator's answer.
 *
 * @param safeSql what may run, or null when the SQL must not run
 * @param failure why it must not run (fed to the SQL agent's repair), or null
 * @param agreement how the back-translation compared with the question, or null when the SQL was
 *     refused before it could be described
 */
public record ValidationOutcome(SafeSql safeSql, ValidationReport report, String failure, Agreement agreement) {
    public ValidationOutcome(SafeSql safeSql, ValidationReport report, String failure) {
        this(safeSql, report, failure, null);
    }
}
