package dev.querent.knowledge.lucene;

import java.io.Reader;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English text analysis that also splits SQL identifiers. The standard tokenizer keeps {@code
 * order_items}, {@code orders.order_date} and {@code orderItems} as single words, so a question
 * about "order items" would never match them by BM25; splitting on {@code _}, {@code .} and case
 * changes before tokenising, then stemming, makes identifiers and prose meet.
 */
final class SchemaTextAnalyzer extends Analyzer {
    private static final Pattern SEPARATORS = Pattern.compile("[_.]");
    private static final Pattern CAMEL_CASE = Pattern.compile("([a-z0-9])([A-Z])");

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new PatternReplaceCharFilter(CAMEL_CASE, "$1 $2", new PatternReplaceCharFilter(SEPARATORS, " ", reader));
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
