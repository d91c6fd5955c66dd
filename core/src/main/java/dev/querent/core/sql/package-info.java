/**
 * The structural SQL safety guard. {@link dev.querent.core.sql.SafeSql} can only be made by
 * {@link dev.querent.core.sql.SqlGuard}, and connectors execute nothing else: no statement reaches a
 * database unless the AST check accepted it.
 */
package dev.querent.core.sql;
