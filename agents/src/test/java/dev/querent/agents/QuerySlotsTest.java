package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querent.core.DataSourceId;
import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuerySlotsTest {
    private static final DataSourceId A = new DataSourceId("a");
    private static final DataSourceId B = new DataSourceId("b");

    @Test
    void aDataSourceRunsAtMostItsBoundAndOthersAreUnaffected() {
        QuerySlots slots = new QuerySlots(2, 0, Duration.ZERO);
        QuerySlots.Slot first = slots.acquire(A, null);
        QuerySlots.Slot second = slots.acquire(A, null);
        assertThat(slots.running(A)).isEqualTo(2);
        assertThatThrownBy(() -> slots.acquire(A, null)).isInstanceOfSatisfying(QuerentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_SOURCE_BUSY);
            assertThat(e.code().retryable()).isTrue();
            assertThat(e.details()).containsKey("retryAfterSeconds");
        });
        try (QuerySlots.Slot other = slots.acquire(B, null)) {
            assertThat(slots.running(B)).isEqualTo(1);
        }
        first.close();
        first.close(); // closing twice releases once
        assertThat(slots.running(A)).isEqualTo(1);
        slots.acquire(A, null).close();
        second.close();
        assertThat(slots.running(A)).isZero();
    }

    @Test
    void anOwnerBoundRefusesWithRateLimitedAndGivesBackTheSourceSlot() {
        QuerySlots slots = new QuerySlots(5, 1, Duration.ZERO);
        QuerySlots.Slot mine = slots.acquire(A, "ana");
        assertThatThrownBy(() -> slots.acquire(B, "ana"))
                .isInstanceOfSatisfying(
                        QuerentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(slots.running(B)).isZero();
        slots.acquire(A, "bob").close();
        slots.acquire(A, null).close();
        mine.close();
        slots.acquire(B, "ana").close();
    }

    @Test
    void aWaitingQueryStartsWhenASlotIsFreed() throws Exception {
        QuerySlots slots = new QuerySlots(1, 0, Duration.ofSeconds(30));
        QuerySlots.Slot held = slots.acquire(A, null);
        var waiter = java.util.concurrent.CompletableFuture.runAsync(
                () -> slots.acquire(A, null).close());
        held.close();
        waiter.join(); // rethrows a refusal
        assertThat(slots.running(A)).isZero();
    }

    @Test
    void thePreviewKeepsLeadingRowsWithinRowsAndBytes() {
        List<List<Object>> rows = List.of(List.of("aaaa"), List.of("bbbb"), List.of("cccc"), List.of("dddd"));
        assertThat(Orchestrator.previewSize(rows, 200, 1_000_000)).isEqualTo(4);
        assertThat(Orchestrator.previewSize(rows, 3, 1_000_000)).isEqualTo(3);
        // ["aaaa"] is 8 bytes of JSON, plus one per row
        assertThat(Orchestrator.previewSize(rows, 200, 18)).isEqualTo(2);
        assertThat(Orchestrator.previewSize(rows, 200, 5)).isZero();
    }

    @Test
    void plainTextRefusesControlCharactersButKeepsTabsAndLineBreaks() {
        assertThat(PlainText.check("a\tb\r\nc — ü 😀", "question")).isEqualTo("a\tb\r\nc — ü 😀");
        assertThat(PlainText.check(null, "question")).isNull();
        for (String bad : List.of("a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085", "\ud800x", "x\udc00")) {
            assertThatThrownBy(() -> PlainText.check(bad, "title"))
                    .as(bad)
                    .isInstanceOfSatisfying(QuerentException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TEXT);
                        assertThat(e.code().httpStatus()).isEqualTo(400);
                        assertThat(e.details()).containsEntry("field", "title");
                    });
        }
    }
}
