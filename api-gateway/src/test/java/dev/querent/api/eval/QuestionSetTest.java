package dev.querent.api.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.api.eval.EvalRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuestionSetTest {
    @Test
    void readsQuotedFieldsAndSplitsGoldAlternativesOutsideQuotes() throws Exception {
        Path csv = Files.createTempFile("set", ".csv");
        Files.writeString(
                csv,
                "db_name,db_type,query_category,query,question,instructions\n"
                        + "academic,sqlite,group_by,\"SELECT 'a;b' AS x;SELECT \"\"y\"\" FROM t;\",\"Who wrote \"\"1984\"\", really?\",\n"
                        + "scholar,sqlite,order_by,SELECT 1,Plain question,\r\n");
        List<QuestionSet.Question> qs = QuestionSet.read(csv);
        assertThat(qs).hasSize(2);
        assertThat(qs.get(0).db()).isEqualTo("academic");
        assertThat(qs.get(0).question()).isEqualTo("Who wrote \"1984\", really?");
        assertThat(qs.get(0).gold()).containsExactly("SELECT 'a;b' AS x", "SELECT \"y\" FROM t");
        assertThat(qs.get(1).gold()).containsExactly("SELECT 1");
        assertThat(qs.get(1).category()).isEqualTo("order_by");
    }

    @Test
    void theSplitIsFixedByDatabaseAndQuestionAndCutsARealSetInTwoHalves() throws Exception {
        QuestionSet.Question q = new QuestionSet.Question(1, "yelp", "x", "How many users?", List.of("SELECT 1"));
        QuestionSet.Question moved = new QuestionSet.Question(99, "yelp", "y", "How many users?", List.of());
        assertThat(QuestionSet.split(moved)).isEqualTo(QuestionSet.split(q));
        List<String> halves = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            halves.add(QuestionSet.split(new QuestionSet.Question(i, "db", "", "question " + i, List.of())));
        }
        long dev = halves.stream().filter("dev"::equals).count();
        assertThat(dev).isBetween(70L, 130L);
        assertThat(halves).containsOnly("dev", "test");
    }

    @Test
    void spiderAndBirdJsonSetsAreReadWithTheirGoldCategoryAndEvidence() throws Exception {
        Path dir = Files.createTempDirectory("sets");
        Path spider = dir.resolve("dev.json");
        Files.writeString(
                spider,
                "[{\"db_id\": \"concert_singer\", \"query\": \"SELECT count(*) FROM singer\","
                        + " \"question\": \"How many singers do we have?\", \"query_toks\": []}]");
        QuestionSet.Question s = QuestionSet.read(spider).getFirst();
        assertThat(s.db()).isEqualTo("concert_singer");
        assertThat(s.category()).isEqualTo("spider");
        assertThat(s.gold()).containsExactly("SELECT count(*) FROM singer");

        Path bird = dir.resolve("mini_dev_sqlite.json");
        Files.writeString(
                bird,
                "[{\"question_id\": 7, \"db_id\": \"debit_card\", \"question\": \"Ratio of EUR to CZK payers?\","
                        + " \"evidence\": \"ratio = count(Currency = 'EUR') / count(Currency = 'CZK')\","
                        + " \"SQL\": \"SELECT 1.0\", \"difficulty\": \"moderate\"}]");
        QuestionSet.Question b = QuestionSet.read(bird).getFirst();
        assertThat(b.category()).isEqualTo("moderate");
        assertThat(b.question()).isEqualTo("Ratio of EUR to CZK payers?");
        assertThat(b.instructions()).contains("count(Currency = 'EUR')");
        assertThat(b.gold()).containsExactly("SELECT 1.0");

        Files.writeString(dir.resolve("bad.json"), "{\"db_id\": \"x\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuestionSet.read(dir.resolve("bad.json")))
                .hasMessageContaining("JSON list");
    }

    @Test
    void databasesAreFoundFlatOrInSpidersFolderPerDatabase() throws Exception {
        Path dir = Files.createTempDirectory("dbs");
        Files.createDirectories(dir.resolve("yelp"));
        Files.writeString(dir.resolve("yelp").resolve("yelp.sqlite"), "");
        Files.writeString(dir.resolve("atis.sqlite"), "");
        assertThat(JsonQuestionSets.sqliteFile(dir, "yelp"))
                .isEqualTo(dir.resolve("yelp").resolve("yelp.sqlite"));
        assertThat(JsonQuestionSets.sqliteFile(dir, "atis")).isEqualTo(dir.resolve("atis.sqlite"));
        assertThat(JsonQuestionSets.sqliteFile(dir, "none")).isEqualTo(dir.resolve("none.sqlite"));
    }

    @Test
    void theInstructionsColumnIsReadAndOptional() throws Exception {
        Path csv = Files.createTempFile("set", ".csv");
        Files.writeString(
                csv,
                "db_name,query,question,instructions\n"
                        + "yelp,SELECT 1,Which users?,\"Always filter names using LIKE.\nNo duplicates.\"\n"
                        + "yelp,SELECT 2,How many users?,\n");
        List<QuestionSet.Question> qs = QuestionSet.read(csv);
        assertThat(qs.get(0).instructions()).isEqualTo("Always filter names using LIKE.\nNo duplicates.");
        assertThat(qs.get(0).question()).isEqualTo("Which users?");
        assertThat(qs.get(1).instructions()).isEmpty();
        Path without = Files.createTempFile("set", ".csv");
        Files.writeString(without, "db_name,query,question\nyelp,SELECT 1,Q?\n");
        assertThat(QuestionSet.read(without).getFirst().instructions()).isEmpty();
    }

    @Test
    void headersInAnotherOrderAreRead() throws Exception {
        Path csv = Files.createTempFile("set", ".csv");
        Files.writeString(csv, "question,instructions,query,db_name,query_category\nQ?,,SELECT 2,yelp,instruct\n");
        QuestionSet.Question q = QuestionSet.read(csv).getFirst();
        assertThat(q.db()).isEqualTo("yelp");
        assertThat(q.gold()).containsExactly("SELECT 2");
    }

    @Test
    void theReportCountsOnlyExactAsCorrectAndListsFlips() {
        List<Result> before = List.of(
                result(1, "EXACT", false),
                result(2, "WRONG", true),
                result(3, "UNANSWERED", false),
                result(4, "GOLD_FAILED", false),
                result(5, "SUBSET", false));
        String md = EvalReport.markdown("t", before);
        // 4 judged questions, 3 answered, 1 exact; the subset pass is not counted as correct.
        assertThat(md).contains("| all | 4 | 3 | 25.0 % | 1 | 33.3 % | 75.0 % | 1 | 50.0 % | 50.0 % |");
        // Trust: 3 answers (1 right; the subset counts as wrong), 1 of 2 wrong flagged, 0 of 1 right;
        // all confidences equal, so the AUC is one half.
        assertThat(md).contains("| 3 | 1 | 2 | 50.0 % | 0.0 % | 0.500 | 0.500 |");
        List<Result> after = List.of(result(1, "EXACT", false), result(2, "EXACT", false), result(3, "WRONG", true));
        assertThat(EvalReport.flips(before, after))
                .hasSize(2)
                .anySatisfy(f -> assertThat(f).startsWith("WRONG → EXACT"))
                .anySatisfy(f -> assertThat(f).startsWith("UNANSWERED → WRONG"));
    }

    @Test
    void thePatternsRegressionRefusesAPathThatIsNotADataDirectoryBeforeStartingAnything() throws Exception {
        Path file = Files.createTempFile("not-a-dir", ".txt");
        for (String path : List.of("/nonexistent/querent-data", file.toString())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> EvalCommand.main(new String[] {"--patterns", path}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not one");
        }
    }

    private static Result result(int i, String match, boolean flagged) {
        return new Result(
                i,
                "db",
                "cat",
                "q" + i,
                "ANSWERED",
                "RULES",
                0.9,
                "AGREES",
                flagged,
                "SELECT 1",
                null,
                null,
                match,
                5,
                "dev",
                "count",
                flagged ? "UNVERIFIED" : "TRUSTED",
                Map.of(),
                List.of(),
                1L,
                0,
                "SQLITE",
                null);
    }
}
