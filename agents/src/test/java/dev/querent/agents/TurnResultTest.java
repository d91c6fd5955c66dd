package dev.querent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.agents.internal.Json;
import dev.querent.core.ResultColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnResultTest {
    private static final List<ResultColumn> COLS = List.of(new ResultColumn("n", "INTEGER"));
    private static final List<List<Object>> ROWS = List.of(List.of(1), List.of(2), List.of(3));

    @Test
    void aWholeResultIsNotTruncatedAndACappedOneSaysSo() {
        assertThat(new TurnResult(COLS, ROWS, 3, false, 5).truncatedBy()).isNull();
        TurnResult capped = new TurnResult(COLS, ROWS, 3, true, 5);
        assertThat(capped.truncatedBy()).isEqualTo(TurnResult.RESULT_CAP);
        assertThat(capped.totalRowsKnown()).isFalse();
    }

    @Test
    void theDefaultLimitIsNamedAndSurvivesThePreview() {
        TurnResult limited = new TurnResult(COLS, ROWS, 3, false, 5).cutByDefaultLimit();
        assertThat(limited.truncated()).isTrue();
        assertThat(limited.totalRowsKnown()).isFalse();
        assertThat(limited.truncatedBy()).isEqualTo(TurnResult.DEFAULT_LIMIT);
        TurnResult preview = limited.preview(2);
        assertThat(preview.rows()).hasSize(2);
        assertThat(preview.truncatedBy()).isEqualTo(TurnResult.DEFAULT_LIMIT);
        assertThat(new TurnResult(COLS, ROWS, 3, false, 5).preview(1).truncatedBy())
                .isEqualTo(TurnResult.PREVIEW);
    }

    @Test
    void resultsStoredBeforeTheReasonExistedGetOne() {
        String old = "{\"columns\":[{\"name\":\"n\",\"type\":\"INTEGER\"}],\"rows\":[[1]],\"rowCount\":9,"
                + "\"truncated\":true,\"elapsedMillis\":1,\"previewRows\":1,\"totalRowsKnown\":true}";
        assertThat(Json.read(old, TurnResult.class).truncatedBy()).isEqualTo(TurnResult.PREVIEW);
        String capped = "{\"columns\":[],\"rows\":[],\"rowCount\":0,\"truncated\":true,\"elapsedMillis\":1}";
        assertThat(Json.read(capped, TurnResult.class).truncatedBy()).isEqualTo(TurnResult.RESULT_CAP);
    }
}
