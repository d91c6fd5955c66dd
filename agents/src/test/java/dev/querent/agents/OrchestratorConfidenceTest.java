package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrchestratorConfidenceTest {
    private static ValidationReport report(String verdict, double agreement) {
        return new ValidationReport(true, List.of(), List.of(), true, "text", agreement, verdict, false);
    }

    @Test
    void agreementKeepsThePlannersConfidence() {
        assertThat(Orchestrator.adjustedConfidence(0.9, report("AGREES", 0.85))).isEqualTo(0.9);
    }

    @Test
    void disagreementLowersItInProportion() {
        assertThat(Orchestrator.adjustedConfidence(0.9, report("PARTIAL", 0.6)))
                .isCloseTo(0.72, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Orchestrator.adjustedConfidence(0.9, report("DISAGREES", 0.0)))
                .isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
    }
}
