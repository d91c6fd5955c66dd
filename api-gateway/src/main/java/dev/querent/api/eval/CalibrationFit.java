package dev.querent.api.eval;

import dev.querent.agents.trust.ConfidenceModel;
import dev.querent.agents.trust.ConfidenceModel.Calibration;
import dev.querent.agents.trust.ConfidenceModel.SourceModel;
import dev.querent.agents.trust.Signals;
import dev.querent.api.eval.EvalRunner.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fits the confidence model on the {@code dev} half of pooled {@code querent eval} results and
 * reports it on the {@code test} half: one L2-regularised logistic regression per answer source over
 * {@link Signals#FEATURES}, the expected calibration error, and the precision–coverage curve. Also
 * finds the plan shapes where rules were more accurate than the model.
 */
public final class CalibrationFit {
    /**
     * L2 penalties tried for each source's model; the one with the lowest 5-fold cross-validated
     * log-loss on the dev rows wins (the intercept always gets a hundredth of it).
     */
    static final double[] LAMBDAS = {0.3, 1, 3, 10, 30};

    private static final int FOLDS = 5;

    /** Answers of a source below this in the dev half: its model is the base rate only. */
    static final int MIN_ANSWERS = 10;

    /** Answers of a shape each side needs before rules may be preferred for it. */
    static final int MIN_SHAPE_ANSWERS = 5;

    static final int BINS = 10;

    /** One judged answer: features, whether it was right, and where it belongs. */
    record Row(String source, String split, String shape, double[] x, boolean correct) {}

    /** A probability and the truth, for the reliability figures. */
    record Scored(String source, double p, boolean correct) {}

    private CalibrationFit() {}

    /** The answered, judged results that carry signals. */
    static List<Row> rows(List<Result> results) {
        List<Row> rows = new ArrayList<>();
        for (Result r : results) {
            boolean judged = r.match().equals("EXACT")
                    || r.match().equals("SUBSET")
                    || r.match().equals("WRONG");
            if (!judged || r.signals() == null || r.signals().isEmpty() || r.source() == null) {
                continue;
            }
            double[] x = new double[Signals.FEATURES.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.signals().getOrDefault(Signals.FEATURES.get(i), 0.0);
            }
            rows.add(new Row(r.source(), r.split(), r.shape(), x, r.match().equals("EXACT")));
        }
        return rows;
    }

    /** The calibration fitted on the dev rows, with routing evidence from the same rows. */
    static Calibration fit(List<Row> rows, String fittedOn) {
        return fit(rows, fittedOn, rows);
    }

    /**
     * The calibration fitted on the dev rows; the shapes where rules beat the model come from
     * {@code routingRows} (a no-model run and the configured model's run), none when empty.
     */
    static Calibration fit(List<Row> rows, String fittedOn, List<Row> routingRows) {
        return fit(rows, fittedOn, routingRows, Map.of(), Map.of());
    }

    /**
     * As {@link #fit(List, String, List)}, except that a source in {@code elsewhere} is fitted on
     * all of its rows there (every half: answers to questions its source was never tuned on) and a
     * source in {@code kept} keeps the model given.
     */
    static Calibration fit(
            List<Row> rows,
            String fittedOn,
            List<Row> routingRows,
            Map<String, List<Row>> elsewhere,
            Map<String, SourceModel> kept) {
        Map<String, List<Row>> bySource = new TreeMap<>();
        rows.stream().filter(r -> "dev".equals(r.split())).forEach(r -> bySource.computeIfAbsent(
                        r.source(), k -> new ArrayList<>())
                .add(r));
        elsewhere.forEach((source, rs) -> bySource.put(
                source, rs.stream().filter(r -> source.equals(r.source())).toList()));
        Map<String, SourceModel> models = new LinkedHashMap<>();
        bySource.forEach((source, rs) -> models.put(source, logistic(rs, lambda(rs))));
        models.putAll(kept);
        return new Calibration(fittedOn, Signals.FEATURES, models, rulesPreferred(routingRows));
    }

    /**
     * Newton–Raphson on the penalised log-likelihood. Under {@link #MIN_ANSWERS} answers only the
     * intercept is fitted (the smoothed base rate).
     */
    /** The penalty with the best cross-validated log-loss on {@code rows} (folds by position). */
    static double lambda(List<Row> rows) {
        if (rows.size() < MIN_ANSWERS) {
            return LAMBDAS[0];
        }
        double best = Double.MAX_VALUE;
        double chosen = LAMBDAS[0];
        for (double lambda : LAMBDAS) {
            double loss = 0;
            for (int f = 0; f < FOLDS; f++) {
                List<Row> train = new ArrayList<>();
                List<Row> held = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    (i % FOLDS == f ? held : train).add(rows.get(i));
                }
                SourceModel m = logistic(train, lambda);
                for (Row r : held) {
                    double p = ConfidenceModel.probability(m.weights(), r.x());
                    p = Math.min(1 - 1e-6, Math.max(1e-6, p));
                    loss -= r.correct() ? Math.log(p) : Math.log(1 - p);
                }
            }
            if (loss < best) {
                best = loss;
                chosen = lambda;
            }
        }
        return chosen;
    }

    static SourceModel logistic(List<Row> rows) {
        return logistic(rows, 1.0);
    }

    static SourceModel logistic(List<Row> rows, double penalty) {
        int d = Signals.FEATURES.size() + 1;
        boolean interceptOnly = rows.size() < MIN_ANSWERS;
        double[] w = new double[d];
        // A weight that would take the sign its signal forbids is held at 0 (Signals.DIRECTIONS).
        boolean[] held = new boolean[d];
        for (int iter = 0; iter < 100; iter++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (Row r : rows) {
                double[] x = design(r.x(), interceptOnly);
                double p = sigmoid(dot(w, x));
                double y = r.correct() ? 1 : 0;
                for (int i = 0; i < d; i++) {
                    g[i] += (p - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        h[i][j] += p * (1 - p) * x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                double lambda = i == 0 ? penalty / 100 : penalty;
                g[i] += lambda * w[i];
                h[i][i] += lambda;
            }
            for (int i = 0; i < d; i++) {
                if (held[i]) {
                    g[i] = 0;
                    for (int j = 0; j < d; j++) {
                        h[i][j] = i == j ? 1 : 0;
                        h[j][i] = i == j ? 1 : 0;
                    }
                }
            }
            double[] step = solve(h, g);
            double size = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= step[i];
                size = Math.max(size, Math.abs(step[i]));
                int direction = i == 0 ? 0 : Signals.DIRECTIONS.get(i - 1);
                if (direction != 0 && w[i] * direction < 0) {
                    w[i] = 0;
                    held[i] = true;
                }
            }
            if (size < 1e-9) {
                break;
            }
        }
        List<Double> weights = new ArrayList<>();
        for (double v : w) {
            weights.add(Math.round(v * 10000) / 10000.0);
        }
        return new SourceModel(weights, rows.size());
    }

    /** Shapes where rules were right more often than the model on the dev half, with enough answers of each. */
    static Set<String> rulesPreferred(List<Row> rows) {
        Map<String, int[]> rules = new TreeMap<>();
        Map<String, int[]> model = new TreeMap<>();
        for (Row r : rows) {
            if (!"dev".equals(r.split()) || r.shape() == null) {
                continue;
            }
            Map<String, int[]> side =
                    switch (r.source()) {
                        case "RULES" -> rules;
                        case "LLM" -> model;
                        default -> null;
                    };
            if (side != null) {
                int[] c = side.computeIfAbsent(r.shape(), k -> new int[2]);
                c[0]++;
                c[1] += r.correct() ? 1 : 0;
            }
        }
        Set<String> preferred = new TreeSet<>();
        rules.forEach((shape, c) -> {
            int[] m = model.get(shape);
            if (m != null
                    && c[0] >= MIN_SHAPE_ANSWERS
                    && m[0] >= MIN_SHAPE_ANSWERS
                    && (double) c[1] / c[0] > (double) m[1] / m[0]) {
                preferred.add(shape);
            }
        });
        return preferred;
    }

    /** The held-out rows scored by {@code model}. */
    static List<Scored> score(List<Row> rows, ConfidenceModel model, String split) {
        List<Scored> out = new ArrayList<>();
        for (Row r : rows) {
            if (split.equals(r.split())) {
                SourceModel m = model.calibration().sources().get(r.source());
                double p = m == null ? 0.5 : ConfidenceModel.probability(m.weights(), r.x());
                out.add(new Scored(r.source(), p, r.correct()));
            }
        }
        return out;
    }

    /** Expected calibration error over {@link #BINS} equal-width bins. */
    static double ece(List<Scored> scored) {
        if (scored.isEmpty()) {
            return Double.NaN;
        }
        double[] conf = new double[BINS];
        double[] acc = new double[BINS];
        int[] n = new int[BINS];
        for (Scored s : scored) {
            int b = Math.min(BINS - 1, (int) (s.p() * BINS));
            conf[b] += s.p();
            acc[b] += s.correct() ? 1 : 0;
            n[b]++;
        }
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (n[b] > 0) {
                e += Math.abs(acc[b] / n[b] - conf[b] / n[b]) * n[b] / scored.size();
            }
        }
        return e;
    }

    /**
     * Precision and coverage of the answers at or above each confidence, most confident first:
     * {@code {threshold, precision, coverage}} with coverage over {@code questions}.
     */
    static List<double[]> curve(List<Scored> scored, int questions) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::p).reversed());
        List<double[]> points = new ArrayList<>();
        int correct = 0;
        for (int k = 0; k < sorted.size(); k++) {
            correct += sorted.get(k).correct() ? 1 : 0;
            boolean last = k == sorted.size() - 1
                    || sorted.get(k + 1).p() < sorted.get(k).p();
            if (last) {
                points.add(new double[] {sorted.get(k).p(), (double) correct / (k + 1), (double) (k + 1) / questions});
            }
        }
        return points;
    }

    /** Precision and coverage of the answers whose confidence reaches {@code target}. */
    static double[] atTarget(List<Scored> scored, int questions, double target) {
        int n = 0;
        int correct = 0;
        for (Scored s : scored) {
            if (s.p() >= target) {
                n++;
                correct += s.correct() ? 1 : 0;
            }
        }
        return new double[] {n == 0 ? Double.NaN : (double) correct / n, (double) n / questions, n};
    }

    /** The precision–coverage curve as an SVG line chart. */
    static String svg(List<double[]> points, String title) {
        int w = 480;
        int h = 320;
        int m = 48;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                w,
                h));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">%s</text>\n", m, escape(title)));
        for (int i = 0; i <= 10; i += 2) {
            double v = i / 10.0;
            double x = m + v * (w - 2 * m);
            double y = h - m - v * (h - 2 * m);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>\n",
                    m,
                    y,
                    w - m,
                    y,
                    m - 4,
                    y + 4,
                    v,
                    x,
                    h - m + 16,
                    v));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">coverage (answers trusted / questions)</text>\n",
                w / 2,
                h - 8));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">precision</text>\n",
                h / 2,
                h / 2));
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
            double x = m + p[2] * (w - 2 * m);
            double y = h - m - p[1] * (h - 2 * m);
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\"/>\n");
        return sb.append("</svg>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static double[] design(double[] x, boolean interceptOnly) {
        double[] out = new double[x.length + 1];
        out[0] = 1;
        if (!interceptOnly) {
            System.arraycopy(x, 0, out, 1, x.length);
        }
        return out;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting; the penalty keeps the system well posed. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
