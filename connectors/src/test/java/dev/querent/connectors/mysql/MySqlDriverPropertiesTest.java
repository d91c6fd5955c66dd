package dev.querent.connectors.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.connectors.SourcePolicy;
import org.junit.jupiter.api.Test;

class MySqlDriverPropertiesTest {
    @Test
    void urlCarriesOnlyHostPortAndDatabase() {
        MySqlSettings s = new MySqlSettings("db.example.com", 3306, "shop", "reader", null, "PREFERRED", 4);
        assertThat(MySqlConnector.jdbcUrl(s)).isEqualTo("jdbc:mysql://db.example.com:3306/shop");
    }

    @Test
    void packetBoundNeverAllowsAMultiPacketRow() {
        assertThat(MySqlConnector.maxAllowedPacket(SourcePolicy.defaults())).isLessThan(0xFFFFFF);
        assertThat(MySqlConnector.maxAllowedPacket(SourcePolicy.defaults().withMaxResultBytes(100_000)))
                .isEqualTo(SourcePolicy.defaults().withMaxResultBytes(100_000).valueBufferBytes());
    }
}
