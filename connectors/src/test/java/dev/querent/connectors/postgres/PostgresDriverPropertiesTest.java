package dev.querent.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.SourcePolicy;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresDriverPropertiesTest {
    private static final List<String> DANGEROUS = List.of(
            "socketFactory",
            "socketFactoryArg",
            "sslfactory",
            "sslfactoryarg",
            "sslhostnameverifier",
            "sslpasswordcallback",
            "sslkey",
            "sslcert",
            "sslrootcert",
            "loggerFile",
            "loggerLevel",
            "authenticationPluginClassName",
            "service",
            "jaasApplicationName",
            "gsslib");

    private final PostgresSettings settings =
            new PostgresSettings("db.example.com", 5432, "shop", "reader", null, "prefer", List.of("sales"), 4);

    @Test
    void urlCarriesOnlyHostPortAndDatabase() {
        assertThat(PostgresConnector.jdbcUrl(settings)).isEqualTo("jdbc:postgresql://db.example.com:5432/shop");
    }

    @Test
    void propertiesAreAClosedSafeList() {
        Properties p = PostgresConnector.driverProperties(settings, SourcePolicy.defaults());
        assertThat(p.stringPropertyNames()).doesNotContainAnyElementsOf(DANGEROUS);
        assertThat(p.getProperty("user")).isEqualTo("reader");
        // Always a password, so pgjdbc never reads a .pgpass file of the account Querent runs as.
        assertThat(p.getProperty("password")).isEmpty();
        assertThat(p.getProperty("readOnly")).isEqualTo("true");
        assertThat(Long.parseLong(p.getProperty("maxResultBuffer")))
                .isEqualTo(SourcePolicy.defaults().valueBufferBytes());
        assertThat(p.getProperty("connectTimeout")).isEqualTo("10");
        assertThat(p.getProperty("loginTimeout")).isEqualTo("10");
    }
}
