package dev.querent.agents.relationships;

import dev.querent.connectors.DataSourceInterface;
import dev.querent.connectors.QueryCancellation;
import dev.querent.connectors.QueryLimits;
import dev.querent.core.QueryResult;
import dev.querent.core.dialect.SqlDialect;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableInfo;
import dev.querent.core.sql.SafeSql;
import dev.querent.core.sql.SqlGuard;
import java.time.Duration;
import java.util.List;

/**
 * A {@link ValueProbe} over a data source's connector. Every query is built from introspected names
 * only (quoted for the dialect), passes the {@link SqlGuard} like any other SQL, and runs on the
 * connector's read-only session with a short timeout and a one-row cap.
 */
public final class ConnectorValueProbe implements ValueProbe {
    private final DataSourceInterface connector;
    private final SqlGuard guard;
    private final SchemaSnapshot schema;

    public ConnectorValueProbe(DataSourceInterface connector, SqlGuard guard, SchemaSnapshot schema) {
        this.connector = connector;
        this.guard = guard;
        this.schema = schema;
    }

    @Override
    public boolean unique(TableInfo table, String column, int rows, Duration timeout) {
        String c = quote(column);
        String sql = "SELECT COUNT(*) AS n, COUNT(DISTINCT s.v) AS d FROM (SELECT " + c + " AS v FROM " + name(table)
                + " WHERE " + c + " IS NOT NULL " + sql().limit(rows) + ") s";
        List<Object> row = single(sql, timeout);
        long n = number(row.get(0));
        return n > 0 && n == number(row.get(1));
    }

    @Override
    public Containment containment(
            TableInfo from, String fromColumn, TableInfo to, String toColumn, int sample, Duration timeout) {
        String f = quote(fromColumn);
        String sql = "SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM " + name(to)
                + " r WHERE r." + quote(toColumn) + " = s.v) THEN 1 ELSE 0 END), 0) AS found FROM (SELECT DISTINCT "
                + f + " AS v FROM " + name(from) + " WHERE " + f + " IS NOT NULL " + sql().limit(sample) + ") s";
        List<Object> row = single(sql, timeout);
        return new Containment((int) number(row.get(0)), (int) number(row.get(1)));
    }

    private List<Object> single(String sql, Duration timeout) {
        SafeSql safe = guard.require(sql, schema.dialect(), schema);
        QueryResult result =
                connector.executeQuery(safe, new QueryLimits(timeout, 1, 64 * 1024), QueryCancellation.none());
        if (result.rows().isEmpty()) {
            throw new IllegalStateException("no row from " + sql);
        }
        return result.rows().getFirst();
    }

    private String name(TableInfo t) {
        boolean qualify = t.schema() != null
                && !t.schema().isBlank()
                && schema.defaultSchema() != null
                && !t.schema().equalsIgnoreCase(schema.defaultSchema());
        return qualify ? quote(t.schema()) + "." + quote(t.name()) : quote(t.name());
    }

    private String quote(String identifier) {
        return sql().identifier(identifier);
    }

    private SqlDialect sql() {
        return schema.dialect().sql();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(value.toString().strip());
    }
}
