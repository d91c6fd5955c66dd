package dev.querent.core.sql;

import dev.querent.core.Dialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.internal.ScopeRewriter;
import dev.querent.core.sql.internal.SqlParsing;
import dev.querent.core.sql.internal.SqlScanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The {@link SqlGuard} with a {@link DataScope} applied: the statement must pass the guard against
 * the schema the scope leaves visible, then every read of a restricted table is replaced by a
 * derived table holding only the user's rows and columns (see {@link ScopeRewriter} for why no query
 * shape escapes it), and the result must pass the whole guard again, so it is a {@link SafeSql}
 * with a row limit like any other.
 *
 * <p>When the scope restricts no table the query reads, the statement is returned exactly as the
 * plain guard would; otherwise the executed text is the rewritten query as JSqlParser renders it.
 */
public final class ScopedGuard {
    private final SqlGuard guard;

    public ScopedGuard(SqlGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /**
     * Checks {@code sql} for a user with {@code attributes} under {@code scope}.
     *
     * @param schema the data source's full introspected schema; required, since the scope is
     *     applied to the tables and columns it names
     */
    public GuardVerdict check(
            String sql, Dialect dialect, SchemaSnapshot schema, DataScope scope, UserAttributes attributes) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(schema, "a data scope is enforced against the data source's schema");
        if (scope == null) {
            return guard.check(sql, dialect, schema);
        }
        UserAttributes user = attributes == null ? UserAttributes.none() : attributes;
        GuardVerdict visible = guard.check(sql, dialect, scope.visibleSchema(schema));
        if (!visible.accepted()) {
            return explainRefusal(visible, sql, dialect, schema);
        }
        Map<TableInfo, ScopeRewriter.Access> cache = new HashMap<>();
        Function<TableInfo, ScopeRewriter.Access> access =
                t -> cache.computeIfAbsent(t, x -> ScopeRules.access(scope, x, user, dialect));
        Select statement;
        try {
            Statements parsed =
                    SqlParsing.parse(SqlScanner.scan(visible.safeSql().sql(), dialect), dialect);
            statement = (Select) parsed.getFirst();
        } catch (JSQLParserException | ClassCastException e) {
            return reject("the accepted statement could not be parsed again to apply the data scope");
        }
        ScopeRewriter.Result rewritten = ScopeRewriter.rewrite(statement, dialect, schema, access);
        if (!rewritten.rejections().isEmpty()) {
            return new GuardVerdict(null, rewritten.rejections(), visible.warnings());
        }
        if (rewritten.wrappers().isEmpty()) {
            return visible;
        }
        GuardVerdict scoped = guard.check(rewritten.sql(), dialect, schema);
        if (!scoped.accepted()) {
            return new GuardVerdict(
                    null,
                    scoped.rejections().stream()
                            .map(r -> new Rejection(r.code(), "with the data scope applied, " + r.message()))
                            .toList(),
                    visible.warnings());
        }
        List<Rejection> leaks =
                ScopeRewriter.verify(scoped.safeSql().sql(), dialect, schema, access, rewritten.wrappers());
        if (!leaks.isEmpty()) {
            return new GuardVerdict(null, leaks, visible.warnings());
        }
        return new GuardVerdict(scoped.safeSql(), List.of(), visible.warnings());
    }

    /** Like {@link #check} but throws {@link dev.querent.core.QuerentException} with the reasons when refused. */
    public SafeSql require(
            String sql, Dialect dialect, SchemaSnapshot schema, DataScope scope, UserAttributes attributes) {
        GuardVerdict v = check(sql, dialect, schema, scope, attributes);
        if (v.accepted()) {
            return v.safeSql();
        }
        throw SqlGuard.refusal(v);
    }

    /**
     * A statement refused against the visible schema only because it names hidden tables or
     * columns is out of scope; any other refusal stands as it is. The messages come from the
     * visible schema, so their suggestions never name what the user may not see.
     */
    private GuardVerdict explainRefusal(GuardVerdict visible, String sql, Dialect dialect, SchemaSnapshot schema) {
        boolean namesOnly = visible.rejections().stream()
                .allMatch(r -> r.code() == RejectionCode.UNKNOWN_TABLE || r.code() == RejectionCode.UNKNOWN_COLUMN);
        if (!namesOnly || !guard.check(sql, dialect, schema).accepted()) {
            return visible;
        }
        return new GuardVerdict(
                null,
                visible.rejections().stream()
                        .map(r -> new Rejection(RejectionCode.OUT_OF_SCOPE, "outside your data scope: " + r.message()))
                        .toList(),
                visible.warnings());
    }

    private static GuardVerdict reject(String message) {
        return new GuardVerdict(null, List.of(new Rejection(RejectionCode.OUT_OF_SCOPE, message)), List.of());
    }
}
