package dev.querent.agents.validation;

import static java.util.Map.entry;

import dev.querent.core.schema.SchemaSnapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores how well a back-translated query agrees with the question, both ways: what the question
 * asks for must be in the SQL, and every restriction or grouping the SQL applies must have been
 * asked for. Deterministic and LLM-free.
 */
public final class AgreementScorer {

    /** At or above this score (with nothing critical missing or extra) the SQL agrees with the question. */
    public static final double AGREES_THRESHOLD = 0.8;

    /** At or above this score the SQL partly agrees; below it, it disagrees. */
    public static final double PARTIAL_THRESHOLD = 0.5;

    /**
     * Each critical discrepancy (a wrong aggregate, year, value, limit, grouping, or a filter nobody
     * asked for) multiplies the score by this, so one is enough to rule out {@link Agreement#AGREES}
     * however much else matches.
     */
    static final double CRITICAL_PENALTY = 0.7;

    /** When neither side gives anything to compare, nothing is confirmed and nothing is contradicted. */
    static final double NO_EVIDENCE_SCORE = 0.5;

    /** How much each kind of concept counts towards coverage. */
    private static final Map<ConceptKind, Double> WEIGHTS = Map.ofEntries(
            entry(ConceptKind.AGG, 3.0),
            entry(ConceptKind.GRAIN, 3.0),
            entry(ConceptKind.YEAR, 3.0),
            entry(ConceptKind.MONTH, 3.0),
            entry(ConceptKind.VALUE, 3.0),
            entry(ConceptKind.LIMIT, 3.0),
            entry(ConceptKind.RANK, 2.0),
            entry(ConceptKind.GROUP, 2.0),
            entry(ConceptKind.COMPARE, 2.0),
            entry(ConceptKind.NEGATION, 2.0),
            entry(ConceptKind.RECENT, 2.0),
            entry(ConceptKind.FLAG, 2.0),
            entry(ConceptKind.WORD, 1.0),
            entry(ConceptKind.TERM, 1.0),
            entry(ConceptKind.DISTINCT, 1.0),
            entry(ConceptKind.ORDER, 1.0));

    /**
     * A question word naming a table the SQL never reads is a wrong-table mistake; a column word is
     * often just phrased differently ("units" for quantity), so it counts for less.
     */
    private static final double TABLE_WORD_WEIGHT = 2.0;

    /** Question concepts whose absence from the SQL changes the answer, not just its wording. */
    private static final Set<ConceptKind> CRITICAL_WHEN_MISSING = EnumSet.of(
            ConceptKind.AGG,
            ConceptKind.RANK,
            ConceptKind.GRAIN,
            ConceptKind.GROUP,
            ConceptKind.YEAR,
            ConceptKind.MONTH,
            ConceptKind.VALUE,
            ConceptKind.LIMIT,
            ConceptKind.COMPARE,
            ConceptKind.NEGATION,
            ConceptKind.RECENT);

    /**
     * Compares {@code question} with {@code translation}. A translation that could not be described
     * disagrees: nothing in it can vouch for the SQL.
     *
     * @param schemaOrNull when given, question words are linked to table and column names and to
     *     sample values; without it every content word of the question is a weak term
     */
    public Agreement score(String question, BackTranslation translation, SchemaSnapshot schemaOrNull) {
        Objects.requireNonNull(translation, "translation");
        SchemaIndex schema = SchemaIndex.of(schemaOrNull);
        QuestionConcepts.Analysis q = QuestionConcepts.analyse(question, schema);
        if (!translation.described()) {
            return new Agreement(0.0, List.copyOf(q.concepts()), List.of(), Agreement.DISAGREES);
        }
        SqlSide sql = new SqlSide(translation.concepts());

        double matched = 0;
        double total = 0;
        int critical = 0;
        List<String> missing = new ArrayList<>();
        for (String c : q.concepts()) {
            ConceptKind kind = ConceptKind.kindOf(c).orElse(ConceptKind.TERM);
            boolean tableWord = kind == ConceptKind.WORD && schema.isTableStem(ConceptKind.payload(c));
            double w = tableWord ? TABLE_WORD_WEIGHT : WEIGHTS.getOrDefault(kind, 1.0);
            total += w;
            if (sql.satisfies(c, kind)) {
                matched += w;
            } else {
                missing.add(c);
                if (CRITICAL_WHEN_MISSING.contains(kind) || tableWord) {
                    critical++;
                }
            }
        }

        List<String> extra = new ArrayList<>();
        for (String c : translation.concepts()) {
            ConceptKind kind = ConceptKind.kindOf(c).orElse(ConceptKind.TERM);
            if (!kind.restriction() && !kind.dimension()) {
                continue;
            }
            double w = WEIGHTS.getOrDefault(kind, 1.0);
            total += w;
            if (asked(c, kind, q)) {
                matched += w;
            } else {
                extra.add(c);
                critical++;
            }
        }

        double score = total == 0 ? NO_EVIDENCE_SCORE : matched / total * Math.pow(CRITICAL_PENALTY, critical);
        score = Math.round(score * 1000) / 1000.0;
        return new Agreement(score, missing, extra, verdict(score));
    }

    static String verdict(double score) {
        if (score >= AGREES_THRESHOLD) {
            return Agreement.AGREES;
        }
        return score >= PARTIAL_THRESHOLD ? Agreement.PARTIAL : Agreement.DISAGREES;
    }

    /** Whether the question asked for a restriction or grouping the SQL applies. */
    private static boolean asked(String concept, ConceptKind kind, QuestionConcepts.Analysis q) {
        if (q.concepts().contains(concept)) {
            return true;
        }
        String payload = ConceptKind.payload(concept);
        return switch (kind) {
            case VALUE -> {
                String n = Words.normaliseNumber(payload);
                if (n != null) {
                    yield q.numbers().contains(n);
                }
                List<String> stems = Words.contentStems(payload);
                yield q.concepts().stream()
                                .filter(c -> c.startsWith("value:"))
                                .anyMatch(c -> sameValue(ConceptKind.payload(c), payload))
                        || (!stems.isEmpty() && q.stems().containsAll(stems));
            }
            case YEAR -> q.numbers().contains(payload);
            case LIMIT -> q.numbers().contains(payload) || (payload.equals("1") && asksForOne(q.concepts()));
            case FLAG -> Words.contentStems(payload).stream().anyMatch(q.stems()::contains);
            case GROUP -> {
                List<String> words = Words.tokens(payload).stream()
                        .filter(w -> !Vocabulary.STOPWORDS.contains(w))
                        .toList();
                List<String> specific = words.stream()
                        .filter(w -> !Vocabulary.GENERIC_COLUMN_WORDS.contains(w))
                        .toList();
                yield (specific.isEmpty() ? words : specific)
                        .stream().map(Words::stem).anyMatch(q.stems()::contains);
            }
            default -> false;
        };
    }

    /** A superlative without a number ("which customer spent the most") asks for one row. */
    private static boolean asksForOne(Set<String> questionConcepts) {
        boolean superlative = questionConcepts.stream()
                .anyMatch(c -> c.startsWith("rank:") || c.equals("agg:max") || c.equals("agg:min"));
        boolean numbered = questionConcepts.stream().anyMatch(c -> c.startsWith("limit:"));
        return superlative && !numbered;
    }

    /** Values match when equal as numbers, or when one's words contain the other's ("gmail", "@gmail.com"). */
    static boolean sameValue(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        String na = Words.normaliseNumber(a);
        String nb = Words.normaliseNumber(b);
        if (na != null || nb != null) {
            return na != null && na.equals(nb);
        }
        List<String> sa = Words.tokens(a).stream().map(Words::stem).toList();
        List<String> sb = Words.tokens(b).stream().map(Words::stem).toList();
        return !sa.isEmpty() && !sb.isEmpty() && (sa.containsAll(sb) || sb.containsAll(sa));
    }

    /** The SQL's concepts, indexed for the looser matches words and values need. */
    private static final class SqlSide {
        private final Set<String> concepts;
        private final Set<String> wordStems = new HashSet<>();
        private final List<String> values = new ArrayList<>();
        private final List<List<String>> groups = new ArrayList<>();

        SqlSide(Set<String> concepts) {
            this.concepts = concepts;
            for (String c : concepts) {
                String payload = ConceptKind.payload(c);
                switch (ConceptKind.kindOf(c).orElse(ConceptKind.TERM)) {
                    case WORD -> wordStems.add(Words.stem(payload));
                    case VALUE -> {
                        values.add(payload);
                        Words.tokens(payload).forEach(t -> wordStems.add(Words.stem(t)));
                    }
                    case GROUP ->
                        groups.add(
                                Words.tokens(payload).stream().map(Words::stem).toList());
                    default -> {}
                }
            }
        }

        boolean satisfies(String questionConcept, ConceptKind kind) {
            if (concepts.contains(questionConcept)) {
                return true;
            }
            if (Vocabulary.SATISFIED_BY.getOrDefault(questionConcept, List.of()).stream()
                    .anyMatch(concepts::contains)) {
                return true;
            }
            String payload = ConceptKind.payload(questionConcept);
            return switch (kind) {
                case WORD, TERM -> wordStems.contains(Words.stem(payload));
                case VALUE ->
                    values.stream().anyMatch(v -> sameValue(payload, v))
                            || concepts.contains(ConceptKind.LIMIT.of(payload))
                            || concepts.contains(ConceptKind.YEAR.of(payload));
                case LIMIT -> concepts.contains(ConceptKind.VALUE.of(payload));
                case YEAR -> concepts.contains(ConceptKind.VALUE.of(payload));
                case GROUP -> {
                    List<String> asked = List.of(payload.split(" "));
                    yield groups.stream().anyMatch(g -> asked.stream().anyMatch(g::contains));
                }
                case AGG ->
                    payload.equals("count")
                            && concepts.contains(ConceptKind.AGG.of("sum"))
                            && Vocabulary.COUNTED_QUANTITY_WORDS.stream()
                                    .map(Words::stem)
                                    .anyMatch(wordStems::contains);
                default -> false;
            };
        }
    }
}
