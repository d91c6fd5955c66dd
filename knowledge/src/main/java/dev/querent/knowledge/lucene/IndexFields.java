package dev.querent.knowledge.lucene;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;

/**
 * Field layout of the index. Metadata lives twice: as JSON in one stored field (so values come back
 * with their types) and as indexed keyword/point fields (so filters can match them). Metadata keys
 * get a prefix so that a key such as {@code id} or {@code text} cannot collide with our own fields.
 */
final class IndexFields {
    static final String ID = "id";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String METADATA_JSON = "metadata";
    static final String EMBEDDING_MODEL = "embedding_model";
    /** One keyword per metadata key a document has, for IS NULL / IS NOT NULL. */
    static final String METADATA_KEYS = "metadata_keys";

    /** Commit user data: which model made the vectors of this index, and their length. */
    static final String COMMIT_MODEL = "querent.embedding.model";

    static final String COMMIT_DIMENSIONS = "querent.embedding.dimensions";

    /**
     * Longer strings are stored but not indexed for filtering: Lucene rejects terms over 32 KB, and
     * nobody filters on a paragraph (pattern SQL, for example, may well sit in metadata).
     */
    static final int MAX_FILTERABLE_LENGTH = 1024;

    private IndexFields() {}

    static String keyword(String metadataKey) {
        return "m." + metadataKey;
    }

    static String number(String metadataKey) {
        return "n." + metadataKey;
    }

    /**
     * The keyword form of a scalar, shared by indexing and filtering so that {@code 2020}, {@code
     * 2020L} and {@code 2020.0} all match each other.
     */
    static String canonical(Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return String.valueOf(value);
    }

    static void addMetadata(Document target, Map<String, Object> metadata) {
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            target.add(new StringField(METADATA_KEYS, entry.getKey(), Field.Store.NO));
            if (entry.getValue() instanceof Collection<?> values) {
                for (Object value : values) {
                    addScalar(target, entry.getKey(), value);
                }
            } else {
                addScalar(target, entry.getKey(), entry.getValue());
            }
        }
    }

    private static void addScalar(Document target, String key, Object value) {
        if (value instanceof Number number) {
            target.add(new DoublePoint(number(key), number.doubleValue()));
            target.add(new StringField(keyword(key), canonical(value), Field.Store.NO));
        } else if (value instanceof CharSequence || value instanceof Boolean || value instanceof Enum<?>) {
            String text = canonical(value);
            if (text.length() <= MAX_FILTERABLE_LENGTH) {
                target.add(new StringField(keyword(key), text, Field.Store.NO));
            }
        }
        // Maps and other structures stay in the stored JSON only.
    }
}
