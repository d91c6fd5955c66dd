package dev.querent.knowledge.lucene;

import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Turns Spring AI's portable filter expressions into Lucene queries over the metadata fields of
 * {@link IndexFields}.
 *
 * <p>Semantics follow the expression, not SQL's three-valued logic: {@code NE} and {@code NIN} also
 * match documents that lack the key, as {@code NOT (key == v)} would. Range comparisons use the
 * numeric points for numbers and term order for strings.
 */
final class FilterQueries {
    private FilterQueries() {}

    static Query toQuery(Filter.Operand operand) {
        return switch (operand) {
            case Filter.Expression expression -> expression(expression);
            case Filter.Group group -> toQuery(group.content());
            default -> throw new IllegalArgumentException("Not a filter expression: " + operand);
        };
    }

    private static Query expression(Filter.Expression e) {
        return switch (e.type()) {
            case AND ->
                new BooleanQuery.Builder()
                        .add(toQuery(e.left()), Occur.FILTER)
                        .add(toQuery(e.right()), Occur.FILTER)
                        .build();
            case OR ->
                new BooleanQuery.Builder()
                        .add(toQuery(e.left()), Occur.SHOULD)
                        .add(toQuery(e.right()), Occur.SHOULD)
                        .setMinimumNumberShouldMatch(1)
                        .build();
            case NOT -> not(toQuery(e.left()));
            case EQ -> new TermQuery(new Term(IndexFields.keyword(key(e)), IndexFields.canonical(value(e))));
            case NE -> not(new TermQuery(new Term(IndexFields.keyword(key(e)), IndexFields.canonical(value(e)))));
            case IN -> in(key(e), values(e));
            case NIN -> not(in(key(e), values(e)));
            case GT, GTE, LT, LTE -> range(e.type(), key(e), value(e));
            case ISNULL -> not(new TermQuery(new Term(IndexFields.METADATA_KEYS, key(e))));
            case ISNOTNULL -> new TermQuery(new Term(IndexFields.METADATA_KEYS, key(e)));
        };
    }

    private static Query not(Query query) {
        // A purely negative boolean query matches nothing in Lucene; subtract from all documents.
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.FILTER)
                .add(query, Occur.MUST_NOT)
                .build();
    }

    private static Query in(String key, Collection<?> values) {
        List<BytesRef> terms =
                values.stream().map(v -> new BytesRef(IndexFields.canonical(v))).toList();
        return new TermInSetQuery(IndexFields.keyword(key), terms);
    }

    private static Query range(Filter.ExpressionType type, String key, Object value) {
        boolean lower = type == Filter.ExpressionType.GT || type == Filter.ExpressionType.GTE;
        boolean inclusive = type == Filter.ExpressionType.GTE || type == Filter.ExpressionType.LTE;
        if (value instanceof Number number) {
            double bound = number.doubleValue();
            if (lower) {
                double from = inclusive ? bound : Math.nextUp(bound);
                return DoublePoint.newRangeQuery(IndexFields.number(key), from, Double.POSITIVE_INFINITY);
            }
            double to = inclusive ? bound : Math.nextDown(bound);
            return DoublePoint.newRangeQuery(IndexFields.number(key), Double.NEGATIVE_INFINITY, to);
        }
        String text = IndexFields.canonical(value);
        return lower
                ? TermRangeQuery.newStringRange(IndexFields.keyword(key), text, null, inclusive, true)
                : TermRangeQuery.newStringRange(IndexFields.keyword(key), null, text, true, inclusive);
    }

    private static String key(Filter.Expression e) {
        if (!(e.left() instanceof Filter.Key key)) {
            throw new IllegalArgumentException(e.type() + " needs a metadata key on the left: " + e);
        }
        String k = key.key();
        // The text parser keeps the quotes of a quoted key ('data source'); the stored key has none.
        if (k.length() >= 2 && (k.startsWith("'") && k.endsWith("'") || k.startsWith("\"") && k.endsWith("\""))) {
            return k.substring(1, k.length() - 1);
        }
        return k;
    }

    private static Object value(Filter.Expression e) {
        if (!(e.right() instanceof Filter.Value value) || value.value() == null) {
            throw new IllegalArgumentException(e.type() + " needs a value on the right: " + e);
        }
        if (value.value() instanceof Collection<?>) {
            throw new IllegalArgumentException(e.type() + " compares with one value, not a list: " + e);
        }
        return value.value();
    }

    private static Collection<?> values(Filter.Expression e) {
        if (!(e.right() instanceof Filter.Value value) || value.value() == null) {
            throw new IllegalArgumentException(e.type() + " needs a list of values on the right: " + e);
        }
        return value.value() instanceof Collection<?> list ? list : List.of(value.value());
    }
}
