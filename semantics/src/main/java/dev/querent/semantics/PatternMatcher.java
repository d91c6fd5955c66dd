package dev.querent.semantics;

import static java.util.Map.entry;

import dev.querent.semantics.lexicon.Months;
import dev.querent.semantics.lexicon.PhraseTable;
import dev.querent.semantics.lexicon.Stemmer;
import dev.querent.semantics.lexicon.StopWords;
import dev.querent.semantics.lexicon.Text;
import dev.querent.semantics.lexicon.Text.Token;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a verified question→SQL pattern that a new question repeats up to its literals (years,
 * months, dates, numbers, quoted text, capitalised values) and paraphrase, and adapts the
 * pattern's SQL by substituting the new literals, including the bounds derived from them (a year
 * 2023 written as {@code '2023-01-01'} and {@code '2024-01-01'} becomes {@code '2024-01-01'} and
 * {@code '2025-01-01'}). A literal of the pattern that its SQL does not show cannot be adapted, so
 * such a pattern is not used.
 */
public final class PatternMatcher {

    /** Minimum similarity of the literal-masked questions. */
    public static final double DEFAULT_THRESHOLD = 0.8;

    private enum SlotType {
        YEAR,
        MONTH,
        MONTH_NAME,
        DATE,
        NUMBER,
        TEXT
    }

    /** A word (canonical form) or a literal slot of a question. */
    private record Unit(String word, SlotType slot, String value, String raw) {
        boolean isSlot() {
            return slot != null;
        }
    }

    /** Paraphrases mapped to one form; an empty form drops the phrase. */
    private static final PhraseTable<String> CANONICAL = new PhraseTable<>(Map.ofEntries(
            entry("how many", "count"),
            entry("number of", "count"),
            entry("total number of", "count"),
            entry("count of", "count"),
            entry("count", "count"),
            entry("total", "sum"),
            entry("sum of", "sum"),
            entry("sum", "sum"),
            entry("how much", "sum"),
            entry("average", "avg"),
            entry("avg", "avg"),
            entry("mean", "avg"),
            entry("highest", "max"),
            entry("maximum", "max"),
            entry("max", "max"),
            entry("largest", "max"),
            entry("biggest", "max"),
            entry("greatest", "max"),
            entry("top", "max"),
            entry("most", "max"),
            entry("lowest", "min"),
            entry("minimum", "min"),
            entry("min", "min"),
            entry("smallest", "min"),
            entry("fewest", "min"),
            entry("bottom", "min"),
            entry("per", "per"),
            entry("by", "per"),
            entry("each", "per"),
            entry("for each", "per"),
            entry("for every", "per"),
            entry("every", "per"),
            entry("grouped by", "per"),
            entry("broken down by", "per"),
            entry("monthly", "per month"),
            entry("daily", "per day"),
            entry("weekly", "per week"),
            entry("quarterly", "per quarter"),
            entry("yearly", "per year"),
            entry("annual", "per year"),
            entry("sales", "revenue"),
            entry("turnover", "revenue"),
            entry("client", "customer"),
            entry("clients", "customer"),
            entry("more than", "over"),
            entry("greater than", "over"),
            entry("above", "over"),
            entry("less than", "under"),
            entry("below", "under"),
            entry("fewer than", "under"),
            entry("show", ""),
            entry("show me", ""),
            entry("list", ""),
            entry("display", ""),
            entry("give me", ""),
            entry("get", ""),
            entry("find", ""),
            entry("return", ""),
            entry("fetch", ""),
            entry("tell me", ""),
            entry("what", ""),
            entry("which", "")));

    /** Words without content; prepositions that change meaning (before, since, not) are kept. */

    /** Words that change what is computed; a pattern differing by one of them is another question. */
    private static final Set<String> CRITICAL = critical(
            "count",
            "sum",
            "avg",
            "max",
            "min",
            "per",
            "over",
            "under",
            "before",
            "after",
            "since",
            "until",
            "between",
            "not",
            "no",
            "without",
            "except",
            "exclud",
            "only",
            "first",
            "last",
            "distinct",
            "unique",
            "least",
            "most",
            "cheapest",
            "latest",
            "oldest",
            "newest",
            "or",
            "and");

    private static Set<String> critical(String... words) {
        return java.util.Arrays.stream(words)
                .map(PatternMatcher::wordForm)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static final Pattern CODE_NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w.])");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(.*)");

    private final double threshold;

    public PatternMatcher() {
        this(DEFAULT_THRESHOLD);
    }

    public PatternMatcher(double threshold) {
        this.threshold = threshold;
    }

    /** The best verified pattern for the question, with its SQL adapted to the question's literals. */
    public Optional<PatternMatch> match(String question, List<Example> verifiedPatterns) {
        if (question == null || question.isBlank() || verifiedPatterns == null) {
            return Optional.empty();
        }
        PatternMatch best = null;
        for (Example p : verifiedPatterns) {
            if (p == null || p.question() == null || p.sql() == null) {
                continue;
            }
            PatternMatch m = matchOne(question, p);
            if (m != null && (best == null || m.similarity() > best.similarity())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private PatternMatch matchOne(String question, Example p) {
        List<String> sqlLiterals = stringLiterals(p.sql());
        List<Unit> pu = units(p.question(), sqlLiterals, true);
        List<Unit> qu = units(question, sqlLiterals, false);
        List<Unit[]> pairs = align(pu, qu);
        if (pairs == null) {
            return null;
        }
        if (unmatchedCritical(pu, pairs, 0) || unmatchedCritical(qu, pairs, 1)) {
            return null;
        }
        long matched = pairs.stream().filter(pair -> !pair[0].isSlot()).count();
        long pw = pu.stream().filter(u -> !u.isSlot()).count();
        long qw = qu.stream().filter(u -> !u.isSlot()).count();
        double similarity = pw + qw == 0 ? 1.0 : 2.0 * matched / (pw + qw);
        if (similarity < threshold || !wordsAccountedFor(pu, qu, p.sql())) {
            return null;
        }
        return adapted(p, pairs, similarity);
    }

    /** The pattern with its SQL's literals replaced by the question's; null when one cannot be. */
    private static PatternMatch adapted(Example p, List<Unit[]> pairs, double similarity) {
        Map<String, String> subs = new LinkedHashMap<>();
        List<Unit[]> slotPairs = new ArrayList<>();
        for (Unit[] pair : pairs) {
            if (pair[0].isSlot()) {
                slotPairs.add(pair);
                if (!pair[0].value().equalsIgnoreCase(pair[1].value())) {
                    subs.put(pair[0].raw(), pair[1].raw());
                }
            }
        }
        String sql = substitute(p.sql(), slotPairs);
        return sql == null ? null : new PatternMatch(p, similarity, sql, subs);
    }

    /**
     * Adapts a pattern that a semantic search found close to the question (a paraphrase the word
     * alignment does not see, such as reordered words). Embedding similarity alone cannot tell
     * "orders per month" from "cancelled orders per month", so the words the two questions do not
     * share are checked against the pattern's SQL: a word only the question has must be something
     * the SQL already expresses (a table or column word), and a word only the pattern has must not
     * be (else the SQL filters or computes something the question did not ask). Literals must still
     * pair up, and a word that changes what is computed (aggregate, grouping, comparison, order,
     * negation, "and"/"or") must be on both sides or on neither.
     *
     * @param similarity the semantic similarity, reported as the match's similarity
     */
    public Optional<PatternMatch> adaptParaphrase(String question, Example p, double similarity) {
        if (question == null || p == null || p.question() == null || p.sql() == null) {
            return Optional.empty();
        }
        List<String> sqlLiterals = stringLiterals(p.sql());
        List<Unit> pu = units(p.question(), sqlLiterals, true);
        List<Unit> qu = units(question, sqlLiterals, false);
        List<Unit[]> pairs = align(pu, qu);
        if (pairs == null) {
            return Optional.empty();
        }
        if (!wordsAccountedFor(pu, qu, p.sql())) {
            return Optional.empty();
        }
        return Optional.ofNullable(adapted(p, pairs, similarity));
    }

    /**
     * Whether the words only one question uses are accounted for by the pattern's SQL: a word only
     * the new question has must be one the SQL already expresses (a table, column or literal word),
     * a word only the pattern's question has must not be (else the SQL filters or computes something
     * the new question did not ask: "departing" flights answered with the "arriving" query). A word
     * that changes what is computed (critical) must be on both sides or on neither.
     */
    private static boolean wordsAccountedFor(List<Unit> pu, List<Unit> qu, String sql) {
        Set<String> patternWords = words(pu);
        Set<String> questionWords = words(qu);
        Set<String> patternOnly = new java.util.HashSet<>(patternWords);
        patternOnly.removeAll(questionWords);
        Set<String> questionOnly = new java.util.HashSet<>(questionWords);
        questionOnly.removeAll(patternWords);
        if (!critical(patternOnly).isEmpty() || !critical(questionOnly).isEmpty()) {
            return false;
        }
        Set<String> sqlWords = sqlWords(sql);
        return sqlWords.containsAll(nonCritical(questionOnly))
                && nonCritical(patternOnly).stream().noneMatch(sqlWords::contains);
    }

    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** The words of the SQL's identifiers and string literals, in the matcher's word form. */
    private static Set<String> sqlWords(String sql) {
        Set<String> out = new java.util.HashSet<>();
        Matcher m = SQL_IDENTIFIER.matcher(sql);
        while (m.find()) {
            String spaced = m.group().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            for (String w : spaced.split("[_ ]+")) {
                if (!w.isEmpty()) {
                    out.add(wordForm(w));
                }
            }
        }
        return out;
    }

    private static Set<String> words(List<Unit> units) {
        Set<String> out = new java.util.HashSet<>();
        units.stream().filter(u -> !u.isSlot()).forEach(u -> out.add(u.word()));
        return out;
    }

    private static Set<String> critical(Set<String> words) {
        Set<String> out = new java.util.HashSet<>(words);
        out.retainAll(CRITICAL);
        return out;
    }

    private static Set<String> nonCritical(Set<String> words) {
        Set<String> out = new java.util.HashSet<>(words);
        out.removeAll(CRITICAL);
        return out;
    }

    private static boolean unmatchedCritical(List<Unit> units, List<Unit[]> pairs, int side) {
        for (Unit u : units) {
            if (!u.isSlot() && CRITICAL.contains(u.word()) && pairs.stream().noneMatch(p -> p[side] == u)) {
                return true;
            }
        }
        return false;
    }

    // --- units ---

    /**
     * Words in canonical form, and literal slots. In the pattern, capitalised or quoted text is a
     * slot only when its SQL holds it as a literal; in the question any capitalised run is.
     */
    private static List<Unit> units(String text, List<String> sqlLiterals, boolean pattern) {
        List<Token> tokens = Text.tokenize(text);
        List<Unit> out = new ArrayList<>();
        boolean[] taken = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Integer month = Months.NUMBERS.get(t.lower());
            if (month != null && (i + 1 < tokens.size() && tokens.get(i + 1).isYear())) {
                String ym = YearMonth.of(Integer.parseInt(tokens.get(i + 1).lower()), month)
                        .toString();
                out.add(new Unit(
                        null,
                        SlotType.MONTH,
                        ym,
                        t.raw() + " " + tokens.get(i + 1).raw()));
                i++;
                continue;
            }
            if (month != null && t.lower().length() > 3 && !t.lower().equals("may")) {
                out.add(new Unit(null, SlotType.MONTH_NAME, String.valueOf(month), t.raw()));
                continue;
            }
            switch (t.kind()) {
                case DATE -> out.add(new Unit(null, SlotType.DATE, t.lower(), t.raw()));
                case NUMBER ->
                    out.add(new Unit(null, t.isYear() ? SlotType.YEAR : SlotType.NUMBER, t.lower(), t.raw()));
                case QUOTED -> {
                    if (!pattern || containsLiteral(sqlLiterals, t.raw())) {
                        out.add(new Unit(null, SlotType.TEXT, t.raw(), t.raw()));
                    } else {
                        out.add(new Unit(t.lower(), null, null, t.raw()));
                    }
                }
                case WORD -> {
                    if (t.capitalised()) {
                        int end = i + 1;
                        while (end < tokens.size() && tokens.get(end).capitalised()) {
                            end++;
                        }
                        String run = Text.span(tokens, i, end);
                        if (!pattern || containsLiteral(sqlLiterals, run)) {
                            out.add(new Unit(null, SlotType.TEXT, run, run));
                            i = end - 1;
                            continue;
                        }
                    }
                    PhraseTable.Match<String> canon = CANONICAL.longestAt(tokens, i, taken);
                    if (canon != null) {
                        for (String w : canon.value().split(" ")) {
                            if (!w.isEmpty()) {
                                out.add(new Unit(w, null, null, Text.span(tokens, i, canon.end())));
                            }
                        }
                        i = canon.end() - 1;
                    } else if (!StopWords.PATTERN.contains(t.lower()) && !StopWords.NEUTRAL.contains(t.lower())) {
                        out.add(new Unit(wordForm(t.lower()), null, null, t.raw()));
                    }
                }
                default -> {}
            }
        }
        return out;
    }

    /** Plural and verb endings off, so "delivered" and "deliveries" meet "deliver". */
    private static String wordForm(String lower) {
        String w = Stemmer.singular(lower);
        if (w.endsWith("ing") && w.length() > 5) {
            return w.substring(0, w.length() - 3);
        }
        if (w.endsWith("ed") && w.length() > 4) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("y") && w.length() > 4) {
            return w.substring(0, w.length() - 1);
        }
        return w.endsWith("e") && w.length() > 4 ? w.substring(0, w.length() - 1) : w;
    }

    private static boolean containsLiteral(List<String> sqlLiterals, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return sqlLiterals.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(v));
    }

    // --- alignment ---

    private static final double SLOT_GAP = 1000;

    /**
     * Aligns the two unit sequences (edit distance; words match when equal, slots when of the same
     * type); returns the matched pairs, or null when some literal of either side has no partner.
     */
    private static List<Unit[]> align(List<Unit> p, List<Unit> q) {
        int n = p.size();
        int m = q.size();
        double[][] cost = new double[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            cost[i][0] = cost[i - 1][0] + gap(p.get(i - 1));
        }
        for (int j = 1; j <= m; j++) {
            cost[0][j] = cost[0][j - 1] + gap(q.get(j - 1));
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                double best = Math.min(cost[i - 1][j] + gap(p.get(i - 1)), cost[i][j - 1] + gap(q.get(j - 1)));
                if (pairs(p.get(i - 1), q.get(j - 1))) {
                    best = Math.min(best, cost[i - 1][j - 1]);
                }
                cost[i][j] = best;
            }
        }
        if (cost[n][m] >= SLOT_GAP) {
            return null;
        }
        List<Unit[]> out = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            if (pairs(p.get(i - 1), q.get(j - 1)) && cost[i][j] == cost[i - 1][j - 1]) {
                out.addFirst(new Unit[] {p.get(i - 1), q.get(j - 1)});
                i--;
                j--;
            } else if (cost[i][j] == cost[i - 1][j] + gap(p.get(i - 1))) {
                i--;
            } else {
                j--;
            }
        }
        return out;
    }

    private static double gap(Unit u) {
        return u.isSlot() ? SLOT_GAP : 1;
    }

    private static boolean pairs(Unit a, Unit b) {
        if (a.isSlot() || b.isSlot()) {
            return a.slot() == b.slot();
        }
        return a.word().equals(b.word());
    }

    // --- substitution ---

    /** The SQL with every pattern literal replaced; null when some changed literal is not in it. */
    private static String substitute(String sql, List<Unit[]> slotPairs) {
        List<Unit[]> changes = slotPairs.stream()
                .filter(pair -> !pair[0].value().equalsIgnoreCase(pair[1].value()))
                .toList();
        if (changes.isEmpty()) {
            return sql;
        }
        boolean[] applied = new boolean[changes.size()];
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                StringBuilder content = new StringBuilder();
                while (end < sql.length()) {
                    if (sql.charAt(end) == '\'') {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                            content.append('\'');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    content.append(sql.charAt(end++));
                }
                String replaced = replaceLiteral(content.toString(), changes, applied);
                out.append('\'').append(replaced.replace("'", "''")).append('\'');
                i = Math.min(end + 1, sql.length());
            } else if (c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
            } else {
                int end = i;
                while (end < sql.length() && "'\"`".indexOf(sql.charAt(end)) < 0) {
                    end++;
                }
                out.append(replaceCode(sql.substring(i, end), changes, applied));
                i = end;
            }
        }
        for (boolean a : applied) {
            if (!a) {
                return null;
            }
        }
        return out.toString();
    }

    private static String replaceCode(String code, List<Unit[]> changes, boolean[] applied) {
        Matcher m = CODE_NUMBER.matcher(code);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = m.group();
            for (int k = 0; k < changes.size(); k++) {
                Unit from = changes.get(k)[0];
                Unit to = changes.get(k)[1];
                boolean numeric = from.slot() == SlotType.NUMBER || from.slot() == SlotType.YEAR;
                if (numeric && sameNumber(m.group(), from.value())) {
                    replacement = to.value();
                    applied[k] = true;
                    break;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One string literal's content, with the first change that applies to it. */
    private static String replaceLiteral(String content, List<Unit[]> changes, boolean[] applied) {
        for (int k = 0; k < changes.size(); k++) {
            Unit from = changes.get(k)[0];
            Unit to = changes.get(k)[1];
            String replaced =
                    switch (from.slot()) {
                        case TEXT -> replaceText(content, from.value(), to.value());
                        case NUMBER -> sameNumber(content, from.value()) ? to.value() : null;
                        case YEAR -> replaceYear(content, Integer.parseInt(from.value()), Integer.parseInt(to.value()));
                        case MONTH -> replaceMonth(content, YearMonth.parse(from.value()), YearMonth.parse(to.value()));
                        case MONTH_NAME ->
                            replaceMonthName(content, Integer.parseInt(from.value()), Integer.parseInt(to.value()));
                        case DATE -> replaceDate(content, LocalDate.parse(from.value()), LocalDate.parse(to.value()));
                    };
            if (replaced != null) {
                applied[k] = true;
                return replaced;
            }
        }
        return content;
    }

    private static String replaceText(String content, String from, String to) {
        if (content.equalsIgnoreCase(from)) {
            return to;
        }
        int at = content.toLowerCase(Locale.ROOT).indexOf(from.toLowerCase(Locale.ROOT));
        if (at >= 0 && (content.startsWith("%") || content.endsWith("%"))) {
            return content.substring(0, at) + to + content.substring(at + from.length());
        }
        return null;
    }

    /** A year, or a date in that year, or the bounds next to it (Jan 1 after, Dec 31 before). */
    private static String replaceYear(String content, int from, int to) {
        if (content.equals(String.valueOf(from))) {
            return String.valueOf(to);
        }
        Matcher m = ISO_DATE.matcher(content);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        String md = m.group(2) + "-" + m.group(3);
        int shift = to - from;
        boolean inYear = year == from;
        boolean nextStart = year == from + 1 && md.equals("01-01");
        boolean previousEnd = year == from - 1 && md.equals("12-31");
        if (!inYear && !nextStart && !previousEnd) {
            return null;
        }
        LocalDate d = LocalDate.of(year, Integer.parseInt(m.group(2)), 1);
        int day = Math.min(Integer.parseInt(m.group(3)), d.plusYears(shift).lengthOfMonth());
        return String.format(Locale.ROOT, "%04d-%s-%02d%s", year + shift, m.group(2), day, m.group(4));
    }

    /** A month's dates, its "YYYY-MM" form, and the bounds next to it. */
    private static String replaceMonth(String content, YearMonth from, YearMonth to) {
        if (content.equals(from.toString())) {
            return to.toString();
        }
        Matcher m = ISO_DATE.matcher(content);
        if (!m.matches()) {
            return null;
        }
        YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        int day = Integer.parseInt(m.group(3));
        if (ym.equals(from)) {
            return String.format(Locale.ROOT, "%s-%02d%s", to, Math.min(day, to.lengthOfMonth()), m.group(4));
        }
        if (ym.equals(from.plusMonths(1)) && day == 1) {
            return to.plusMonths(1) + "-01" + m.group(4);
        }
        if (ym.equals(from.minusMonths(1)) && day == ym.lengthOfMonth()) {
            YearMonth before = to.minusMonths(1);
            return before + "-" + before.lengthOfMonth() + m.group(4);
        }
        return null;
    }

    /** A month named without a year: dates in that month of whatever year the SQL uses. */
    private static String replaceMonthName(String content, int from, int to) {
        Matcher m = ISO_DATE.matcher(content);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        return replaceMonth(content, YearMonth.of(year, from), YearMonth.of(year, to)) != null
                ? replaceMonth(content, YearMonth.of(year, from), YearMonth.of(year, to))
                : replaceMonth(content, YearMonth.of(year - 1, from), YearMonth.of(year - 1, to));
    }

    private static String replaceDate(String content, LocalDate from, LocalDate to) {
        Matcher m = ISO_DATE.matcher(content);
        if (!m.matches()) {
            return null;
        }
        LocalDate d =
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        long offset = java.time.temporal.ChronoUnit.DAYS.between(from, d);
        if (Math.abs(offset) > 1) {
            return null;
        }
        return to.plusDays(offset) + m.group(4);
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    private static List<String> stringLiterals(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = STRING_LITERAL.matcher(sql);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }
}
