package dev.querent.semantics.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.querent.semantics.QueryPlan.TimeGrain;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Kind;
import dev.querent.semantics.lexicon.Text.Token;
import dev.querent.semantics.reading.DatePhrases.Found;
import dev.querent.semantics.reading.DatePhrases.Range;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatePhrasesTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 15);

    private static Range range(String text) {
        List<Token> tokens = Text.tokenize(text);
        List<Found> found = DatePhrases.extract(tokens, new boolean[tokens.size()], TODAY);
        assertThat(found).as(text).hasSize(1);
        return found.getFirst().range();
    }

    private static Range of(String from, String to) {
        return new Range(from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    @Test
    void calendarPeriods() {
        assertThat(range("in 2024")).isEqualTo(of("2024-01-01", "2025-01-01"));
        assertThat(range("during March 2024")).isEqualTo(of("2024-03-01", "2024-04-01"));
        assertThat(range("in December 2023")).isEqualTo(of("2023-12-01", "2024-01-01"));
        assertThat(range("in Q2 2024")).isEqualTo(of("2024-04-01", "2024-07-01"));
        assertThat(range("in the third quarter of 2023")).isEqualTo(of("2023-07-01", "2023-10-01"));
        assertThat(range("in the 1st quarter of 2023")).isEqualTo(of("2023-01-01", "2023-04-01"));
        assertThat(range("during the 4th quarter of 2022")).isEqualTo(of("2022-10-01", "2023-01-01"));
        assertThat(range("on 2024-02-29")).isEqualTo(of("2024-02-29", "2024-03-01"));
        assertThat(range("in March")).as("the latest March that has begun").isEqualTo(of("2025-03-01", "2025-04-01"));
        assertThat(range("in June")).isEqualTo(of("2024-06-01", "2024-07-01"));
    }

    /** Brackets that only say the period again belong to it; any other brackets are left to the question. */
    @Test
    void aBracketedRestatementBelongsToThePeriod() {
        List<Token> tokens = Text.tokenize("ended in the year 2022 (from Jan 1st to Dec 31st inclusive), per type");
        Found year = DatePhrases.bareYear(tokens, 4);
        assertThat(year.range()).isEqualTo(of("2022-01-01", "2023-01-01"));
        assertThat(tokens.get(year.end() - 1).lower()).isEqualTo(")");
        List<Token> month = Text.tokenize("during March 2024 (Mar 1 - Mar 31) per type");
        assertThat(DatePhrases.extract(month, new boolean[month.size()], TODAY))
                .singleElement()
                .satisfies(f -> assertThat(month.get(f.end() - 1).lower()).isEqualTo(")"));
        List<Token> other = Text.tokenize("sales during March 2024 (excluding refunds) per type");
        List<Found> kept = DatePhrases.extract(other, new boolean[other.size()], TODAY);
        assertThat(kept)
                .singleElement()
                .satisfies(f -> assertThat(other.get(f.end()).lower()).isEqualTo("("));
    }

    @Test
    void openBoundsAndRanges() {
        assertThat(range("since 2023-06-01")).isEqualTo(of("2023-06-01", null));
        assertThat(range("before 2024")).isEqualTo(of(null, "2024-01-01"));
        assertThat(range("after 2023")).isEqualTo(of("2024-01-01", null));
        assertThat(range("until March 2024")).isEqualTo(of(null, "2024-04-01"));
        assertThat(range("between 2024-01-01 and 2024-03-31")).isEqualTo(of("2024-01-01", "2024-04-01"));
        assertThat(range("from 2022 to 2023")).isEqualTo(of("2022-01-01", "2024-01-01"));
        // "from" a whole period alone is that period; "onwards" or a day makes it a start
        assertThat(range("from 2021")).isEqualTo(of("2021-01-01", "2022-01-01"));
        assertThat(range("from March 2024")).isEqualTo(of("2024-03-01", "2024-04-01"));
        assertThat(range("from 2021 onwards")).isEqualTo(of("2021-01-01", null));
        assertThat(range("from 2023-06-01")).isEqualTo(of("2023-06-01", null));
        assertThat(range("starting from 2021")).isEqualTo(of("2021-01-01", null));
        assertThat(range("on or after 2023-01-01")).isEqualTo(of("2023-01-01", null));
        assertThat(range("on or after January 1, 2023")).isEqualTo(of("2023-01-01", null));
        assertThat(range("on or before March 2024")).isEqualTo(of(null, "2024-04-01"));
        assertThat(range("between Jan 1, 2023 and Mar 31, 2023")).isEqualTo(of("2023-01-01", "2023-04-01"));
        assertThat(range("on April 4 2023")).isEqualTo(of("2023-04-04", "2023-04-05"));
    }

    @Test
    void periodsRelativeToToday() {
        assertThat(range("last year")).isEqualTo(of("2024-01-01", "2025-01-01"));
        assertThat(range("this year")).isEqualTo(of("2025-01-01", "2026-01-01"));
        assertThat(range("last month")).isEqualTo(of("2025-02-01", "2025-03-01"));
        assertThat(range("this quarter")).isEqualTo(of("2025-01-01", "2025-04-01"));
        assertThat(range("last week")).isEqualTo(of("2025-03-03", "2025-03-10"));
        assertThat(range("yesterday")).isEqualTo(of("2025-03-14", "2025-03-15"));
        assertThat(range("in the last 30 days")).isEqualTo(of("2025-02-13", null));
        assertThat(range("over the past 3 months")).isEqualTo(of("2024-12-15", null));
        // which ends a rolling window includes is part of it, not a second period
        assertThat(range("in the past 7 days, inclusive of today")).isEqualTo(of("2025-03-08", null));
        assertThat(range("in the last 30 days including today's date")).isEqualTo(of("2025-02-13", null));
        assertThat(range("in the past 30 days, inclusive of 30 days ago")).isEqualTo(of("2025-02-13", null));
        // calendar periods start where the period starts
        assertThat(range("in the past 6 calendar months")).isEqualTo(of("2024-09-01", null));
        assertThat(range("in the last 2 calendar years")).isEqualTo(of("2023-01-01", null));
        assertThat(range("over the past 2 calendar weeks")).isEqualTo(of("2025-02-24", null));
        assertThat(range("in the last 10 calendar days")).isEqualTo(of("2025-03-05", null));
    }

    /** A window that leaves out the current period ends where it starts (today, 2025-03-15, is a Saturday). */
    @Test
    void windowsExcludingTheCurrentPeriod() {
        assertThat(range("in the last 6 months excluding the current month")).isEqualTo(of("2024-09-01", "2025-03-01"));
        assertThat(range("in each of the last 8 weeks, excluding the current week"))
                .isEqualTo(of("2025-01-13", "2025-03-10"));
        assertThat(range("over the past 3 days not including today")).isEqualTo(of("2025-03-12", "2025-03-15"));
        // a calendar period already before the current one: the words add nothing, and are no second period
        assertThat(range("last week (exclusive of the current week)")).isEqualTo(of("2025-03-03", "2025-03-10"));
        assertThat(range("in the previous month, not including the current month"))
                .isEqualTo(of("2025-02-01", "2025-03-01"));
    }

    @Test
    void numbersThatAreNotDatesStayNumbers() {
        List<Token> tokens = Text.tokenize("orders over 2000 with top 5 may be");
        assertThat(DatePhrases.extract(tokens, new boolean[tokens.size()], TODAY))
                .isEmpty();
    }

    /** Where a text names dates and of which kind, as the Validator reads them. */
    @Test
    void spansSayWherePhrasesAreAndWhetherTheyCountFromToday() {
        String q = "How many sales in each of the last 8 weeks, excluding the current week, since January 1st, 2023?";
        List<DatePhrases.Span> spans = DatePhrases.spans(q);
        assertThat(spans).hasSize(2);
        DatePhrases.Span window = spans.getFirst();
        assertThat(q.substring(window.start(), window.end()))
                .isEqualTo("each of the last 8 weeks, excluding the current week");
        assertThat(window.relative()).isTrue();
        assertThat(window.each()).isEqualTo(TimeGrain.WEEK);
        DatePhrases.Span since = spans.get(1);
        assertThat(q.substring(since.start(), since.end())).isEqualTo("since January 1st, 2023");
        assertThat(since.relative()).isFalse();
        String restated = "Sales in the year 2022 (from Jan 1st to Dec 31st inclusive) per type";
        assertThat(DatePhrases.spans(restated)).singleElement().satisfies(s -> assertThat(
                        restated.substring(s.start(), s.end()))
                .isEqualTo("2022 (from Jan 1st to Dec 31st inclusive)"));
        assertThat(DatePhrases.spans("2022 sales per type"))
                .as("a year alone is read elsewhere")
                .isEmpty();
    }

    @Test
    void priorAndIsoWeeksAndWholePeriods() {
        assertThat(range("in the prior year")).isEqualTo(of("2024-01-01", "2025-01-01"));
        assertThat(range("in the whole of the previous ISO week not including the current week"))
                .isEqualTo(of("2025-03-03", "2025-03-10"));
        assertThat(range("in the last 3 full weeks")).isEqualTo(of("2025-02-17", null));
        assertThat(range("on or after January 1st, 2023")).isEqualTo(of("2023-01-01", null));
    }

    /** Numbers no date has are no date: read in bounded time, nothing thrown. */
    @Test
    void hostileNumbersAreNoDates() {
        assertThat(DatePhrases.spans("sales in the last 99999999999999999999999 days"))
                .isEmpty();
        assertThat(DatePhrases.spans("sales in the last 20000 years")).isEmpty();
        assertThat(DatePhrases.spans("sales since January 99999999999999999999, 2023"))
                .allSatisfy(s -> assertThat(s.relative()).isFalse());
        String noDays = "on January 32, 2023 and Feb 30th, 2023";
        assertThat(DatePhrases.spans(noDays)).as("no day of the month is read").allSatisfy(s -> assertThat(
                        noDays.substring(s.start(), s.end()))
                .doesNotContain("32", "30"));
        String many = "in the last 3 months (Jan 1st to Dec 31st) excluding the current month ".repeat(2_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(DatePhrases.spans(many))
                .hasSize(4_000));
    }

    @Test
    void describesRangesForPeople() {
        assertThat(DatePhrases.describe(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01")))
                .isEqualTo("in 2024");
        assertThat(DatePhrases.describe(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-04-01")))
                .isEqualTo("in March 2024");
        assertThat(DatePhrases.describe(LocalDate.parse("2024-04-01"), LocalDate.parse("2024-07-01")))
                .isEqualTo("in Q2 2024");
        assertThat(DatePhrases.describe(LocalDate.parse("2024-04-03"), null)).isEqualTo("on or after 2024-04-03");
    }

    @Test
    void tokensNormaliseNumbersQuotesAndPlurals() {
        List<Token> tokens = Text.tokenize("Show customers' orders over $1,200 named 'O Brien' in categories");
        assertThat(tokens).extracting(Token::lower).contains("1200", "o brien", "categories");
        assertThat(tokens)
                .filteredOn(t -> t.kind() == Kind.QUOTED)
                .extracting(Token::raw)
                .containsExactly("O Brien");
        assertThat(Stemmer.singular("categories")).isEqualTo("category");
        assertThat(Stemmer.singular("statuses")).isEqualTo("status");
        assertThat(Stemmer.singular("addresses")).isEqualTo("address");
        assertThat(Stemmer.singular("sales")).isEqualTo("sale");
        assertThat(Text.identifierWords("InvoiceLineId")).containsExactly("invoice", "line", "id");
        assertThat(Text.identifierWords("order_items")).containsExactly("order", "items");
    }
}
