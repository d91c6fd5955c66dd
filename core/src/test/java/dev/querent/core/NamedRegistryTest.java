package dev.querent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedRegistryTest {
    private record P(String name) {}

    private static NamedRegistry<P> registry(P... providers) {
        return new NamedRegistry<>("widget provider", List.of(providers), P::name, List.of("none"));
    }

    @Test
    void findsProvidersByNameIgnoringCaseAndBlanks() {
        NamedRegistry<P> r = registry(new P("alpha"), new P("beta-2"));

        assertThat(r.get("alpha").name()).isEqualTo("alpha");
        assertThat(r.get(" ALPHA ").name()).isEqualTo("alpha");
        assertThat(r.get("Beta-2").name()).isEqualTo("beta-2");
        assertThat(r.find("gamma")).isEmpty();
        assertThat(r.find(null)).isEmpty();
        assertThat(r.names()).containsExactly("none", "alpha", "beta-2");
        assertThat(r.all()).extracting(P::name).containsExactly("alpha", "beta-2");
    }

    @Test
    void rejectsTwoProvidersOfOneName() {
        assertThatThrownBy(() -> registry(new P("alpha"), new P("beta"), new P("alpha")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two widget providers registered as 'alpha'");
    }

    @Test
    void rejectsReservedAndMalformedNames() {
        assertThatThrownBy(() -> registry(new P("none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'none' is reserved");
        for (String bad : new String[] {"Alpha", " alpha", "", "1st", "a.b", "../lucene", "x".repeat(41)}) {
            assertThatThrownBy(() -> registry(new P(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lower-case letters");
        }
        assertThatThrownBy(() -> registry(new P(null))).hasMessageContaining("not null");
    }

    @Test
    void anUnknownNameIsReportedWithEveryKnownName() {
        assertThatThrownBy(() -> registry(new P("alpha"), new P("beta")).get("bedrock"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown widget provider 'bedrock' (known: none, alpha, beta)");
        assertThatThrownBy(() -> registry(new P("alpha")).get(null))
                .hasMessageContaining("unknown widget provider null");
    }

    /** A configured value is echoed into logs: it must not forge lines, quotes or flood the message. */
    @Test
    void hostileNamesAreEchoedEscapedAndCutShort() {
        NamedRegistry<P> r = registry(new P("alpha"));

        assertThatThrownBy(() -> r.get("alpha\n2026-01-01 ERROR forged line"))
                .hasMessageStartingWith("unknown widget provider 'alpha\\u000a2026-01-01 ERROR forged line'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> r.get("a'b\u202e\\")).hasMessageContaining("'a\\u0027b\\u202e\\u005c'");
        assertThatThrownBy(() -> r.get("x".repeat(10_000)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200))
                .hasMessageContaining("x".repeat(60) + "'…");
        assertThatThrownBy(() -> r.get("alpha; DROP TABLE users")).hasMessageContaining("unknown widget provider");
    }
}
