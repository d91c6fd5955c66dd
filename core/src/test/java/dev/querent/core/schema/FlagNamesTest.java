package dev.querent.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagNamesTest {

    @Test
    void aPrefixAndAWordInSnakeOrCamelCaseNameAFlag() {
        assertThat(FlagNames.named("is_open")).isTrue();
        assertThat(FlagNames.named("IS_OPEN")).isTrue();
        assertThat(FlagNames.named("hasParking")).isTrue();
        assertThat(FlagNames.named("can_rent")).isTrue();
        assertThat(FlagNames.named("was_cancelled")).isTrue();
    }

    @Test
    void wordsThatOnlyStartWithAPrefixDoNot() {
        assertThat(FlagNames.named("island")).isFalse();
        assertThat(FlagNames.named("washer")).isFalse();
        assertThat(FlagNames.named("is")).isFalse();
        assertThat(FlagNames.named("history_id")).isFalse();
        assertThat(FlagNames.named(null)).isFalse();
        assertThat(FlagNames.prefix("Has")).isTrue();
        assertThat(FlagNames.prefix("flag")).isFalse();
    }
}
