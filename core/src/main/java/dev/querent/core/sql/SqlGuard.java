package dev.querent.core.sql;

import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.sql.internal.AllowedFunctions;
import dev.querent.core.sql.internal.AstWalker;
import dev.querent.core.sql.internal.LimitRewriter;
import dev.querent.core.sql.internal.ParseFailures;
import dev.querent.core.sql.internal.SafetyCheck;
import dev.querent.core.sql.internal.SchemaResolver;
import dev.querent.core.sql.internal.SqlParsing;
import dev.querent.core.sql.internal.SqlScanner;
import dev.querent.core.sql.internal.SqlScanner.Scan;
import dev.querent.core.sql.internal.SqlScanner.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a statement only when it is exactly one read-only query, and gives it a row limit.
 *
 * <p>In order: size limits; a dialect-aware scan of the raw text (comment and encoding tricks,
 * stacked statements); a JSqlParser parse configured for the dialect; structural rules on every AST
 * node (query shapes only, no data-modifying CTE, SELECT INTO, locking, dangerous function or
 * sensitive catalog); optionally every table and column against a schema; finally the LIMIT, written
 * into the original text and confirmed by parsing it again. Thread-safe and stateless apart from
 * its policy.
 */
public final class SqlGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SqlGuard.class);

    /**
     * The deepest AST accepted. Gold benchmark queries reach about 20; JSqlParser renders an AST
     * recursively, and 150 levels stay well inside a small thread stack.
     */
    private static final int MAX_AST_DEPTH = 150;

    private final GuardPolicy policy;

    public SqlGuard(GuardPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Checks {@code sql} for {@code dialect}; when {@code schema} is given, every table and column
     * must exist in it.
     */
    public GuardVerdict check(String sql, Dialect dialect, SchemaSnapshot schema) {
        Objects.requireNonNull(dialect, "dialect");
        try {
            return checkOrThrow(sql, dialect, schema);
        } catch (RuntimeException e) {
            // Fails closed: input the checks did not foresee is a refusal, never an error of the caller.
            LOG.warn("the guard could not check a statement; refused", e);
            return reject(
                    RejectionCode.PARSE_ERROR,
                    "the statement could not be checked (" + e.getClass().getSimpleName()
                            + "); rewrite it more simply");
        }
    }

    private GuardVerdict checkOrThrow(String sql, Dialect dialect, SchemaSnapshot schema) {
        if (sql == null || sql.isBlank()) {
            return reject(RejectionCode.EMPTY, "the statement is empty");
        }
        if (sql.length() > policy.maxSqlLength()) {
            return reject(
                    RejectionCode.TOO_LONG,
                    "the statement has " + sql.length() + " characters; at most " + policy.maxSqlLength()
                            + " are accepted");
        }
        Scan scan = SqlScanner.scan(sql, dialect);
        List<Token> code = scan.code();
        if (code.stream().allMatch(t -> scan.isSymbol(t, ';'))) {
            return reject(RejectionCode.EMPTY, "the statement holds only comments");
        }
        if (!scan.problems().isEmpty()) {
            return rejected(scan.problems().stream()
                    .map(p -> new Rejection(RejectionCode.SUSPICIOUS_TEXT, "suspicious text: " + p))
                    .toList());
        }
        if (hasStatementAfterSemicolon(scan, code)) {
            return reject(RejectionCode.MULTIPLE_STATEMENTS, "only one statement is allowed");
        }
        Statements statements;
        try {
            statements = SqlParsing.parse(scan, dialect);
        } catch (JSQLParserException e) {
            return rejected(List.of(ParseFailures.classify(scan, dialect, e.getMessage())));
        }
        if (statements.size() != 1) {
            return reject(
                    RejectionCode.MULTIPLE_STATEMENTS,
                    "only one statement is allowed; the parser found " + statements.size());
        }
        Statement statement = statements.getFirst();
        if (AstWalker.depth(statement, MAX_AST_DEPTH) > MAX_AST_DEPTH) {
            return reject(
                    RejectionCode.TOO_DEEPLY_NESTED,
                    "the statement nests expressions or queries more than " + MAX_AST_DEPTH + " levels deep");
        }
        if (!(statement instanceof PlainSelect
                || statement instanceof SetOperationList
                || statement instanceof ParenthesedSelect
                || statement instanceof Values)) {
            return rejected(List.of(ParseFailures.notAQuery(scan.text(code.getFirst()))));
        }
        SafetyCheck.Result safety = SafetyCheck.check(statement, scan, dialect);
        if (!safety.rejections().isEmpty()) {
            return rejected(safety.rejections());
        }
        List<String> warnings = new ArrayList<>();
        if (schema != null) {
            SchemaResolver.Result resolved = SchemaResolver.check(statement, schema, dialect);
            if (!resolved.rejections().isEmpty()) {
                return new GuardVerdict(null, resolved.rejections(), resolved.warnings());
            }
            warnings.addAll(resolved.warnings());
        }
        Optional<String> offset = LimitRewriter.offsetOutOfRange((Select) statement);
        if (offset.isPresent()) {
            return reject(RejectionCode.LIMIT_UNVERIFIABLE, offset.get());
        }
        Optional<LimitRewriter.Limited> limited =
                LimitRewriter.enforce(scan, dialect, (Select) statement, policy.defaultLimit(), policy.maxLimit());
        if (limited.isEmpty()) {
            return reject(
                    RejectionCode.LIMIT_UNVERIFIABLE,
                    "a row limit could not be added in a way the parser confirms; add LIMIT " + policy.defaultLimit()
                            + " yourself");
        }
        SafeSql safe = new SafeSql(limited.get().sql(), dialect, limited.get().limitAdded(), safety.tables());
        return new GuardVerdict(safe, List.of(), warnings);
    }

    /** Like {@link #check} but throws {@link QuerentException} with the reasons when refused. */
    public SafeSql require(String sql, Dialect dialect, SchemaSnapshot schema) {
        GuardVerdict v = check(sql, dialect, schema);
        if (v.accepted()) {
            return v.safeSql();
        }
        throw refusal(v);
    }

    /**
     * Checks {@code sql} for a user under a {@link DataScope}: see {@link ScopedGuard#check}. A
     * {@code null} scope is the plain {@link #check(String, Dialect, SchemaSnapshot)}.
     */
    public GuardVerdict check(
            String sql, Dialect dialect, SchemaSnapshot schema, DataScope scope, UserAttributes attributes) {
        return new ScopedGuard(this).check(sql, dialect, schema, scope, attributes);
    }

    /** Like {@link #check(String, Dialect, SchemaSnapshot, DataScope, UserAttributes)} but throws when refused. */
    public SafeSql require(
            String sql, Dialect dialect, SchemaSnapshot schema, DataScope scope, UserAttributes attributes) {
        return new ScopedGuard(this).require(sql, dialect, schema, scope, attributes);
    }

    /** The exception for a refused verdict. */
    static QuerentException refusal(GuardVerdict v) {
        ErrorCode code = v.rejections().stream().anyMatch(r -> r.code() == RejectionCode.PARSE_ERROR)
                ? ErrorCode.SQL_PARSE_ERROR
                : v.rejections().stream()
                                .allMatch(r -> r.code() == RejectionCode.UNKNOWN_TABLE
                                        || r.code() == RejectionCode.UNKNOWN_COLUMN)
                        ? ErrorCode.SQL_SCHEMA_MISMATCH
                        : ErrorCode.SQL_REJECTED;
        return new QuerentException(
                code,
                v.rejections().getFirst().message(),
                Map.of(
                        "reasons",
                        v.rejections().stream().map(r -> r.code().name()).toList()),
                null);
    }

    /**
     * The functions a query for {@code dialect} may call (lower case; BigQuery's namespaced ones with
     * their dots), e.g. to tell a model which ones it may use. Calls must also avoid the deny list.
     */
    public static Set<String> allowedFunctions(Dialect dialect) {
        return AllowedFunctions.of(Objects.requireNonNull(dialect, "dialect"));
    }

    public GuardPolicy policy() {
        return policy;
    }

    /** Whether anything but comments follows the first semicolon. */
    private static boolean hasStatementAfterSemicolon(Scan scan, List<Token> code) {
        for (int i = 0; i < code.size(); i++) {
            if (scan.isSymbol(code.get(i), ';')) {
                return i + 1 < code.size();
            }
        }
        return false;
    }

    private static GuardVerdict reject(RejectionCode code, String message) {
        return rejected(List.of(new Rejection(code, message)));
    }

    private static GuardVerdict rejected(List<Rejection> rejections) {
        return new GuardVerdict(null, rejections, List.of());
    }
}
