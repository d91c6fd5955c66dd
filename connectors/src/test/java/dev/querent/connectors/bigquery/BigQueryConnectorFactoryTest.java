package dev.querent.connectors.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.querent.connectors.DataSourceConfig;
import dev.querent.connectors.NetworkPolicy;
import dev.querent.connectors.SourcePolicy;
import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attack tests of the BigQuery settings: every one is refused with VALIDATION_FAILED before any request. */
class BigQueryConnectorFactoryTest {
    private static final Map<String, String> VALID =
            Map.of("project", "querent-test", "dataset", "shop", "endpoint", "http://127.0.0.1:9050");

    private static DataSourceConfig config(Map<String, String> overrides, Map<String, String> secrets) {
        Map<String, String> settings = new HashMap<>(VALID);
        overrides.forEach((k, v) -> {
            if (v == null) {
                settings.remove(k);
            } else {
                settings.put(k, v);
            }
        });
        return new DataSourceConfig(DataSourceId.random(), "bigquery", "bq", settings, secrets);
    }

    private static QuerentException refused(BigQueryConnectorFactory factory, DataSourceConfig config) {
        QuerentException e = catchThrowableOfType(QuerentException.class, () -> factory.open(config));
        assertThat(e).as("refused: %s", config.settings()).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return e;
    }

    @Test
    void opensAValidSourceWithTheDefaultCap() {
        BigQueryConnector connector = new BigQueryConnectorFactory().open(config(Map.of(), Map.of()));

        assertThat(connector.maxBytesBilled()).isEqualTo(1L << 30);
        assertThat(new BigQueryConnectorFactory()
                        .open(config(Map.of("max_bytes_billed", "5000"), Map.of()))
                        .maxBytesBilled())
                .isEqualTo(5000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "ftp://127.0.0.1/",
                "jar:file:/x.jar!/",
                "javascript:alert(1)",
                "http://user:secret@127.0.0.1:9050",
                "http://127.0.0.1:9050/?alt=media",
                "http://127.0.0.1:9050/#frag",
                "http://127.0.0.1:9050/\r\nHost: evil",
                "http://127.0.0.1:9050/ x",
                "//127.0.0.1:9050",
                "http:///path",
                "127.0.0.1:9050"
            })
    void refusesEndpointsThatAreNotPlainHttpUrls(String endpoint) {
        refused(new BigQueryConnectorFactory(), config(Map.of("endpoint", endpoint), Map.of()));
    }

    @Test
    void refusesEndpointsTheNetworkPolicyDenies() {
        SourcePolicy policy = SourcePolicy.defaults().withNetwork(NetworkPolicy.of(List.of(), List.of("127.0.0.0/8")));

        QuerentException e = refused(
                new BigQueryConnectorFactory(policy), config(Map.of("endpoint", "http://127.0.0.1:9050"), Map.of()));
        assertThat(e.getMessage()).contains("not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"querent-test`; DROP", "a", "Querent-Test", "proj.dataset", "../etc", "proj` UNION"})
    void refusesProjectsThatAreNotProjectIds(String project) {
        refused(new BigQueryConnectorFactory(), config(Map.of("project", project), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop`", "shop.other", "shop other", "shop;", "sh-op", "shop`.INFORMATION_SCHEMA"})
    void refusesDatasetsThatAreNotDatasetNames(String dataset) {
        refused(new BigQueryConnectorFactory(), config(Map.of("dataset", dataset), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"US'", "eu west", "../x", "-EU"})
    void refusesMalformedLocations(String location) {
        refused(new BigQueryConnectorFactory(), config(Map.of("location", location), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1e9", "lots", "99999999999999999999"})
    void refusesCapsThatAreNotPositiveWholeNumbers(String cap) {
        refused(new BigQueryConnectorFactory(), config(Map.of("max_bytes_billed", cap), Map.of()));
    }

    @Test
    void needsAServiceAccountKeyWhenTalkingToGoogle() {
        refused(new BigQueryConnectorFactory(), config(Map.of("endpoint", ""), Map.of()));
    }

    @Test
    void aKeyThatIsNotOneIsRefusedWithoutEchoingIt() {
        String secret = "{\"type\":\"service_account\",\"private_key\":\"not-a-key-s3cr3t\"}";

        QuerentException e = refused(
                new BigQueryConnectorFactory(), config(Map.of("endpoint", ""), Map.of("credentials_json", secret)));
        assertThat(e.getMessage()).doesNotContain("s3cr3t");
    }

    @Test
    void neverSendsCredentialsToACustomEndpoint() {
        String key = "{\"type\":\"service_account\"}";

        QuerentException withKey =
                refused(new BigQueryConnectorFactory(), config(Map.of(), Map.of("credentials_json", key)));
        QuerentException withAdc =
                refused(new BigQueryConnectorFactory(), config(Map.of("auth", "application_default"), Map.of()));
        assertThat(withKey.getMessage()).contains("takes no credentials");
        assertThat(withAdc.getMessage()).contains("takes no credentials");
    }

    @Test
    void refusesUnknownAuthModes() {
        refused(new BigQueryConnectorFactory(), config(Map.of("auth", "metadata_server"), Map.of()));
    }
}
