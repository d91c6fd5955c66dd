package dev.querent.connectors.snowflake;

import dev.querent.connectors.QueryLimits;
import dev.querent.connectors.SourcePolicy;
import dev.querent.connectors.internal.AbstractJdbcConnector;
import dev.querent.connectors.internal.SchemaCollector;
import dev.querent.connectors.internal.ValueSampler;
import dev.querent.core.Dialect;
import dev.querent.core.schema.ForeignKey;
import dev.querent.core.schema.SchemaSnapshot;
import dev.querent.core.schema.TableKind;
import dev.querent.core.sql.SafeSql;
import java.net.URI;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A Snowflake schema through the official JDBC driver. Each use logs in a session of its own
 * (closed afterwards) with the query tag {@code querent}, JSON results and the configured
 * warehouse, role, database and schema. Snowflake has no read-only session: writes are refused by
 * the read-only role the README tells admins to create (USAGE and SELECT grants only), and
 * nothing reaches it but {@link SafeSql} the guard accepted. Each execution sets
 * {@code STATEMENT_TIMEOUT_IN_SECONDS} from its limits, so the warehouse stops it too.
 */
public final class SnowflakeConnector extends AbstractJdbcConnector {
    static final String QUERY_TAG = "querent";

    private final SnowflakeSettings settings;
    private final SourcePolicy policy;
    private final Driver driver;

    SnowflakeConnector(SnowflakeSettings settings, SourcePolicy policy) {
        super(SnowflakeConnectorFactory.TYPE, Dialect.SNOWFLAKE);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.driver = new net.snowflake.client.api.driver.SnowflakeDriver();
    }

    String jdbcUrl() {
        if (settings.endpoint() == null) {
            return "jdbc:snowflake://" + settings.account() + ".snowflakecomputing.com";
        }
        URI uri = URI.create(settings.endpoint());
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("http") ? 80 : 443;
        return "jdbc:snowflake://" + uri.getHost() + ":" + port;
    }

    /** Driver properties; the session parameters among them travel with the login. */
    Properties properties() throws SQLException {
        Properties p = new Properties();
        p.put("account", settings.account());
        p.put("user", settings.user());
        if (settings.password() != null) {
            p.put("password", settings.password());
        } else {
            p.put("privateKey", privateKey(settings.privateKeyPem()));
            p.put("authenticator", "SNOWFLAKE_JWT");
        }
        p.put("db", settings.database());
        p.put("schema", settings.schema());
        if (settings.warehouse() != null) {
            p.put("warehouse", settings.warehouse());
        }
        if (settings.role() != null) {
            p.put("role", settings.role());
        }
        if (settings.endpoint() != null && settings.endpoint().startsWith("http://")) {
            p.put("ssl", "off");
        }
        p.put("loginTimeout", String.valueOf(policy.connectTimeout().toSeconds()));
        p.put("QUERY_TAG", QUERY_TAG);
        p.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
        p.put("CLIENT_TELEMETRY_ENABLED", "false");
        // No probes of cloud metadata endpoints to describe the client's platform at login.
        p.put("disablePlatformDetection", "true");
        p.put("CLIENT_SESSION_KEEP_ALIVE", "false");
        p.put("CLIENT_RESULT_COLUMN_CASE_INSENSITIVE", "false");
        return p;
    }

    static PrivateKey privateKey(String pem) throws SQLException {
        if (pem.contains("ENCRYPTED")) {
            throw new SQLException("Encrypted private keys are not supported; give an unencrypted PKCS#8 key", "28000");
        }
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new SQLException("The private key is not an unencrypted PKCS#8 RSA key in PEM", "28000");
        }
    }

    @Override
    public Connection openSession() throws SQLException {
        Connection c = driver.connect(jdbcUrl(), properties());
        if (c == null) {
            throw new SQLException("The Snowflake driver refused the URL", "08001");
        }
        return c;
    }

    @Override
    protected void prepare(Connection session, Statement statement, QueryLimits limits) throws SQLException {
        long seconds = Math.max(1, (limits.timeout().toMillis() + 999) / 1000);
        try (Statement st = session.createStatement()) {
            st.execute("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = " + seconds);
        }
    }

    @Override
    protected String explainStatement(String sql) {
        return "EXPLAIN USING TEXT " + sql;
    }

    @Override
    protected boolean isEngineTimeout(SQLException e) {
        // 000630: statement reached its STATEMENT_TIMEOUT_IN_SECONDS
        return e.getErrorCode() == 630 || super.isEngineTimeout(e);
    }

    @Override
    protected SchemaSnapshot introspect(Connection session) throws SQLException {
        var sql = Dialect.SNOWFLAKE.sql();
        String db = settings.database();
        String schemaName = settings.schema();
        String info = sql.quoteIdentifier(db) + ".INFORMATION_SCHEMA.";
        String inSchema = " WHERE TABLE_SCHEMA = " + sql.stringLiteral(schemaName);
        SchemaCollector schema = new SchemaCollector();
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT TABLE_NAME, TABLE_TYPE, COMMENT, ROW_COUNT FROM " + info
                        + "TABLES" + inSchema + " ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                boolean view = rs.getString(2).equals("VIEW");
                long rows = rs.getLong(4);
                boolean unknown = rs.wasNull();
                schema.table(
                        schemaName,
                        rs.getString(1),
                        view ? TableKind.VIEW : TableKind.TABLE,
                        rs.getString(3),
                        view || unknown ? -1 : rows);
            }
        }
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COMMENT,"
                        + " NUMERIC_PRECISION, NUMERIC_SCALE FROM " + info + "COLUMNS" + inSchema
                        + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                String type = rs.getString(3);
                schema.column(
                        schemaName,
                        rs.getString(1),
                        rs.getString(2),
                        displayType(type, rs.getObject(6), rs.getObject(7)),
                        "YES".equals(rs.getString(4)),
                        rs.getString(5),
                        "TEXT".equals(type));
            }
        }
        String qualified = sql.quoteIdentifier(db) + "." + sql.quoteIdentifier(schemaName);
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SHOW PRIMARY KEYS IN SCHEMA " + qualified)) {
            while (rs.next()) {
                // ordered by key_sequence within a table
                primaryKeys
                        .computeIfAbsent(rs.getString("table_name"), k -> new ArrayList<>())
                        .add(rs.getString("column_name"));
            }
        }
        primaryKeys.forEach((table, columns) -> schema.primaryKey(schemaName, table, columns));
        Map<List<String>, List<String[]>> foreignKeys = new LinkedHashMap<>();
        try (Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("SHOW IMPORTED KEYS IN SCHEMA " + qualified)) {
            while (rs.next()) {
                foreignKeys
                        .computeIfAbsent(
                                List.of(
                                        rs.getString("fk_table_name"),
                                        rs.getString("fk_name"),
                                        rs.getString("pk_schema_name"),
                                        rs.getString("pk_table_name")),
                                k -> new ArrayList<>())
                        .add(new String[] {rs.getString("fk_column_name"), rs.getString("pk_column_name")});
            }
        }
        foreignKeys.forEach((key, pairs) -> schema.foreignKey(
                schemaName,
                key.get(0),
                new ForeignKey(
                        pairs.stream().map(p -> p[0]).toList(),
                        key.get(2),
                        key.get(3),
                        pairs.stream().map(p -> p[1]).toList())));
        ValueSampler.sample(session, schema, sql);
        return schema.build(Dialect.SNOWFLAKE, schemaName);
    }

    /**
     * A column's type as a prompt reads it: Snowflake's synonyms {@code INTEGER} for
     * {@code NUMBER(38,0)} and {@code DECIMAL(p,s)} for other fixed-point numbers.
     */
    static String displayType(String dataType, Object precision, Object scale) {
        if (!"NUMBER".equals(dataType) || precision == null) {
            return dataType;
        }
        int p = ((Number) precision).intValue();
        int s = scale == null ? 0 : ((Number) scale).intValue();
        return p == 38 && s == 0 ? "INTEGER" : "DECIMAL(" + p + "," + s + ")";
    }

    @Override
    public String toString() {
        return "SnowflakeConnector[" + settings + "]";
    }

    @Override
    public void close() {}
}
