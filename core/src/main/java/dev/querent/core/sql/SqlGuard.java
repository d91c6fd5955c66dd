package dev.querent.core.sql;

import dev.querent.core.Dialect;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import dev.querent.core.schema.SchemaSnapshot;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Parses a statement with JSqlParser and accepts it only when it is exactly one read-only query.
 * SKELETON: the full rule set is being written (see the guard tests).
 */
public final class SqlGuard {
    private final GuardPolicy policy;

    public SqlGuard(GuardPolicy policy) {
        this.policy = policy;
    }

    /**
     * Checks {@code sql} for {@code dialect}; when {@code schema} is given, every table and column
     * must exist in it.
     */
    public GuardVerdict check(String sql, Dialect dialect, SchemaSnapshot schema) {
        try {
            Statement st = CCJSqlParserUtil.parse(sql);
            if (!(st instanceof Select)) {
                return new GuardVerdict(
                        null, List.of(new Rejection(RejectionCode.NOT_A_QUERY, "only queries")), List.of());
            }
            return new GuardVerdict(new SafeSql(st.toString(), dialect, false, List.of()), List.of(), List.of());
        } catch (Exception e) {
            return new GuardVerdict(null, List.of(new Rejection(RejectionCode.PARSE_ERROR, e.getMessage())), List.of());
        }
    }

    /** Like {@link #check} but throws {@link QuerentException} with the reasons when refused. */
    public SafeSql require(String sql, Dialect dialect, SchemaSnapshot schema) {
        GuardVerdict v = check(sql, dialect, schema);
        if (v.accepted()) {
            return v.safeSql();
        }
        ErrorCode code = v.rejections().stream().anyMatch(r -> r.code() == RejectionCode.PARSE_ERROR)
                ? ErrorCode.SQL_PARSE_ERROR
                : v.rejections().stream()
                                .allMatch(r -> r.code() == RejectionCode.UNKNOWN_TABLE
                                        || r.code() == RejectionCode.UNKNOWN_COLUMN)
                        ? ErrorCode.SQL_SCHEMA_MISMATCH
                        : ErrorCode.SQL_REJECTED;
        throw new QuerentException(
                code,
                v.rejections().getFirst().message(),
                Map.of(
                        "reasons",
                        v.rejections().stream().map(r -> r.code().name()).toList()),
                null);
    }

    public GuardPolicy policy() {
        return policy;
    }
}
