package dev.querent.api.eval;

import dev.querent.api.eval.EvalRunner.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The figures of a run: overall, by source, by category and by database, as Markdown. */
public final class EvalReport {
    private EvalReport() {}

    /** Counts over the judged results (GOLD_FAILED left out). */
    record Counts(int n, int answered, int exact, int subset, int flagged, int flaggedCorrect) {
        static Counts of(List<Result> rs) {
            int n = 0;
            int answered = 0;
            int exact = 0;
            int subset = 0;
            int flagged = 0;
            int flaggedCorrect = 0;
            for (Result r : rs) {
                if (r.match().equals("GOLD_FAILED")) {
                    continue;
                }
                n++;
                if (!r.match().equals("UNANSWERED")) {
                    answered++;
                    if (r.flagged()) {
                        flagged++;
                        if (r.match().equals("EXACT")) {
                            flaggedCorrect++;
                        }
                    }
                }
                if (r.match().equals("EXACT")) {
                    exact++;
                } else if (r.match().equals("SUBSET")) {
                    subset++;
                }
            }
            return new Counts(n, answered, exact, subset, flagged, flaggedCorrect);
        }

        String row(String label) {
            int unflagged = answered - flagged;
            int unflaggedCorrect = exact - flaggedCorrect;
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %d | %s | %s | %d | %s | %s |",
                    label,
                    n,
                    answered,
                    pct(exact, n),
                    subset,
                    pct(exact, answered),
                    pct(answered, n),
                    flagged,
                    unflagged == 0 ? "–" : pct(unflaggedCorrect, unflagged),
                    pct(unflagged, n));
        }
    }

    public static String markdown(String title, List<Result> results) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        int goldFailed = (int)
                results.stream().filter(r -> r.match().equals("GOLD_FAILED")).count();
        md.append("Questions: ").append(results.size());
        if (goldFailed > 0) {
            md.append(" (").append(goldFailed).append(" left out: no gold query ran)");
        }
        md.append(". EX = exact matches / questions; precision = exact / answered; subset passes")
                .append(" (extra columns) are counted apart, not as correct. Flagged = sent to review")
                .append(" (unverified); unflagged = trusted; unflagged coverage = trusted / questions.\n\n");
        md.append(table("all", results, r -> "all"));
        md.append(clarifications(results));
        md.append(trust(results));
        md.append(table("split", results, r -> r.split() == null ? "(none)" : r.split()));
        md.append(table("source", results, r -> r.source() == null ? "(none)" : r.source()));
        md.append(table("category", results, Result::category));
        md.append(table("dialect", results, r -> r.dialect() == null ? "(none)" : r.dialect()));
        md.append(table("database", results, Result::db));
        return md.toString();
    }

    /**
     * How many questions the planner asked a clarifying question about (the run answered each with
     * its first choice, the planner's own guess) and how those answers fared.
     */
    static String clarifications(List<Result> results) {
        List<Result> asked =
                results.stream().filter(r -> r.clarification() != null).toList();
        long exact = asked.stream().filter(r -> r.match().equals("EXACT")).count();
        long unanswered =
                asked.stream().filter(r -> r.match().equals("UNANSWERED")).count();
        return String.format(
                Locale.ROOT,
                "## Clarifying questions%n%nAsked about %d of %d questions (answered with the first choice, the"
                        + " planner's own guess): %d exact, %d unanswered, %d other.%n%n",
                asked.size(),
                results.size(),
                exact,
                unanswered,
                asked.size() - exact - unanswered);
    }

    private static String table(String by, List<Result> results, Function<Result, String> key) {
        Map<String, List<Result>> groups = new TreeMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        StringBuilder t = new StringBuilder("## By ").append(by).append("\n\n");
        t.append("| ")
                .append(by)
                .append(" | questions | answered | EX | subset | precision | coverage | flagged | precision unflagged"
                        + " | unflagged coverage |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|\n");
        groups.forEach((k, rs) -> t.append(Counts.of(rs).row(k)).append('\n'));
        return t.append('\n').toString();
    }

    /**
     * How well the flags and the confidence tell right answers from wrong ones: wrong answers
     * flagged, right answers flagged, and the AUC of the confidence and of the validator's agreement
     * alone (the chance a right answer scores above a wrong one; ties count half).
     */
    static String trust(List<Result> results) {
        List<Result> answered = results.stream()
                .filter(r -> r.match().equals("EXACT")
                        || r.match().equals("SUBSET")
                        || r.match().equals("WRONG"))
                .toList();
        List<Result> right =
                answered.stream().filter(r -> r.match().equals("EXACT")).toList();
        List<Result> wrong =
                answered.stream().filter(r -> !r.match().equals("EXACT")).toList();
        long wrongFlagged = wrong.stream().filter(Result::flagged).count();
        long rightFlagged = right.stream().filter(Result::flagged).count();
        return String.format(
                Locale.ROOT,
                "## Trust%n%n| answers | right | wrong | wrong flagged | right flagged | AUC confidence | AUC agreement |%n"
                        + "|---|---|---|---|---|---|---|%n| %d | %d | %d | %s | %s | %s | %s |%n%n",
                answered.size(),
                right.size(),
                wrong.size(),
                pct((int) wrongFlagged, wrong.size()),
                pct((int) rightFlagged, right.size()),
                auc(right, wrong, Result::confidence),
                auc(right, wrong, r -> r.signals() == null ? 0 : r.signals().getOrDefault("agreement", 0.0)));
    }

    private static String auc(
            List<Result> right, List<Result> wrong, java.util.function.ToDoubleFunction<Result> score) {
        if (right.isEmpty() || wrong.isEmpty()) {
            return "–";
        }
        double wins = 0;
        for (Result a : right) {
            for (Result b : wrong) {
                double x = score.applyAsDouble(a);
                double y = score.applyAsDouble(b);
                wins += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        return String.format(Locale.ROOT, "%.3f", wins / ((double) right.size() * wrong.size()));
    }

    /** The questions whose outcome differs between two runs. */
    public static List<String> flips(List<Result> before, List<Result> after) {
        Map<String, Result> old = new TreeMap<>();
        before.forEach(r -> old.put(r.db() + "#" + r.index(), r));
        List<String> out = new ArrayList<>();
        for (Result r : after) {
            Result b = old.get(r.db() + "#" + r.index());
            if (b != null && !b.match().equals(r.match())) {
                out.add(String.format(
                        Locale.ROOT, "%s → %s  [%s #%d] %s", b.match(), r.match(), r.db(), r.index(), r.question()));
            }
        }
        return out;
    }

    private static String pct(int a, int b) {
        return b == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * a / b);
    }
}
