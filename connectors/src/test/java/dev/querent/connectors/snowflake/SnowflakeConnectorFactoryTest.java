package dev.querent.connectors.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.SourcePolicy;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings validation: nothing a user types can add hosts, paths or options to the driver's URL. */
class SnowflakeConnectorFactoryTest {
    private static final Map<String, String> BASE =
            Map.of("account", "myorg-acct", "database", "SALES", "schema", "PUBLIC", "user", "ANALYST");

    private static SnowflakeConnector open(Map<String, String> extra, Map<String, String> secrets) {
        Map<String, String> settings = new HashMap<>(BASE);
        settings.putAll(extra);
        return new SnowflakeConnectorFactory()
                .open(new DataSourceConfig(DataSourceId.random(), "snowflake", "s", settings, secrets));
    }

    private static QuerentException refused(Map<String, String> extra, Map<String, String> secrets) {
        return catchThrowableOfType(QuerentException.class, () -> open(extra, secrets));
    }

    @Test
    void accountNamesTheHost() {
        assertThat(open(Map.of(), Map.of("password", "p")).jdbcUrl())
                .isEqualTo("jdbc:snowflake://myorg-acct.snowflakecomputing.com");
        assertThat(open(Map.of("endpoint", "http://127.0.0.1:8089"), Map.of("password", "p"))
                        .jdbcUrl())
                .isEqualTo("jdbc:snowflake://127.0.0.1:8089");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "ftp://127.0.0.1",
                "http://user:pw@127.0.0.1:80",
                "http://127.0.0.1:80/path",
                "http://127.0.0.1:80?ssl=on",
                "http://127.0.0.1:80#x",
                "127.0.0.1:80",
                "http://127.0.0.1:80/?tracing=ALL",
                "jdbc:snowflake://evil"
            })
    void refusesEndpointsThatAreNotAPlainHttpOrigin(String endpoint) {
        QuerentException e = refused(Map.of("endpoint", endpoint), Map.of("password", "p"));

        assertThat(e).as(endpoint).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.details()).containsEntry("field", "endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acct.evil.com/x", "acct?db=x", "acct@host", "acct:443", "a cct", "../acct", "-acct"})
    void refusesAccountsThatCarryUrlSyntax(String account) {
        QuerentException e = refused(Map.of("account", account), Map.of("password", "p"));

        assertThat(e).as(account).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"database", "schema", "warehouse", "role"})
    void refusesNamesWithQuotesOrOptions(String key) {
        QuerentException e = refused(Map.of(key, "X\";DROP TABLE t;--"), Map.of("password", "p"));

        assertThat(e).as(key).isNotNull();
        assertThat(e.details()).containsEntry("field", key);
    }

    @Test
    void needsExactlyOneOfPasswordAndKey() {
        assertThat(refused(Map.of(), Map.of()).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused(Map.of(), Map.of("password", "p", "private_key", "-----BEGIN PRIVATE KEY-----"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused(Map.of(), Map.of("private_key", "not a key")).details())
                .containsEntry("field", "private_key");
    }

    @Test
    void readsAnUnencryptedPkcs8Key() throws Exception {
        var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThat(SnowflakeConnector.privateKey(pem)).isEqualTo(pair.getPrivate());
        assertThat(open(Map.of(), Map.of("private_key", pem)).properties())
                .containsEntry("authenticator", "SNOWFLAKE_JWT")
                .doesNotContainKey("password");
    }

    @Test
    void theNetworkPolicyAppliesToTheEndpoint() {
        SnowflakeConnectorFactory factory = new SnowflakeConnectorFactory(SourcePolicy.defaults()
                .withNetwork(dev.querent.connectors.NetworkPolicy.of(
                        java.util.List.of(), java.util.List.of("127.0.0.0/8"))));
        Map<String, String> settings = new HashMap<>(BASE);
        settings.put("endpoint", "http://127.0.0.1:8089");

        QuerentException e = catchThrowableOfType(
                QuerentException.class,
                () -> factory.open(new DataSourceConfig(
                        DataSourceId.random(), "snowflake", "s", settings, Map.of("password", "p"))));

        assertThat(e).isNotNull();
        assertThat(e.details()).containsEntry("field", "endpoint");
    }

    @Test
    void neverPrintsSecrets() {
        assertThat(open(Map.of(), Map.of("password", "s3cret")).toString()).doesNotContain("s3cret");
    }
}
