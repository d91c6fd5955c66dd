package dev.querent.semantics.lexicon;

import java.util.Set;

/** Words the language engine reads past. */
public final class StopWords {

    /** Words understood as carrying no schema meaning of their own ("orders were placed"). */
    public static final Set<String> NEUTRAL = Set.copyOf(java.util.List.of(
            "orders were placed",
            "placed",
            "made",
            "make",
            "exist",
            "exists",
            "recorded",
            "registered",
            "created",
            "happened",
            "occurred",
            "record",
            "records",
            "row",
            "rows",
            "entries",
            "entry",
            "data",
            "information",
            "info",
            "details",
            "detail",
            "bought",
            "purchased",
            "ordered",
            "signed",
            "up",
            "joined",
            "issued",
            "opened",
            "received",
            "generated",
            "currently",
            "overall",
            "altogether",
            "everything",
            "stored",
            "database",
            "table",
            "tables",
            "it",
            "see",
            "value",
            "values",
            "listed",
            "got",
            "ranking",
            "breakdown",
            "trend",
            "result",
            "results",
            "figure",
            "figures",
            "across",
            "generate",
            "generated",
            "both",
            "over",
            "there",
            "have",
            "has",
            "had",
            "sorted",
            "ordering",
            "along"));

    /** Words that carry no content in a question, for every reader. */
    public static final Set<String> COMMON = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "and", "or", "is", "are", "was",
            "were", "be", "been", "being", "do", "does", "did", "what", "which", "who", "whom", "whose", "that", "this",
            "these", "those", "there", "it", "its", "me", "my", "i", "we", "our", "you", "your", "us", "they", "their",
            "them", "please", "can", "could", "would", "should", "will", "shall", "might", "must", "have", "has", "had",
            "as", "than", "then", "so", "such", "into", "about", "any", "some", "much", "how", "when", "where", "why",
            "within", "also", "just", "only", "tell", "know", "want", "need", "see", "show", "give", "get", "all",
            "ones", "one", "but", "same", "both", "if", "up", "out", "via", "done", "her", "his", "she", "he");

    /**
     * What the planner reads past: the common words, punctuation and comparison symbols it reads
     * elsewhere, greetings, and the grouping words "by", "per", "each", "every" (it reads grouping
     * from phrases, not single words).
     */
    public static final Set<String> QUESTION = union(
            COMMON,
            Set.of(
                    "by",
                    "whats",
                    "during",
                    "now",
                    "no",
                    "yes",
                    "ok",
                    "okay",
                    "let",
                    "each",
                    "every",
                    "per",
                    "here",
                    "instead",
                    "too",
                    "well",
                    "rather",
                    "again",
                    "hey",
                    "hi",
                    "thanks",
                    "like",
                    "s",
                    "t",
                    "?",
                    ".",
                    ",",
                    "=",
                    "<",
                    ">",
                    "<=",
                    ">=",
                    "<>",
                    "!=",
                    "whole",
                    "currently",
                    "either",
                    "through",
                    "what's",
                    "him"));

    /**
     * What the validator reads past when it lists a question's concepts: the common words, verbs of
     * asking ("find", "list", "calculate") and words for rows and records in general.
     */
    public static final Set<String> CONCEPT = union(
            COMMON,
            Set.of(
                    "many",
                    "list",
                    "find",
                    "return",
                    "display",
                    "may",
                    "having",
                    "placed",
                    "made",
                    "make",
                    "exist",
                    "exists",
                    "whether",
                    "other",
                    "among",
                    "along",
                    "including",
                    "ever",
                    "overall",
                    "record",
                    "records",
                    "row",
                    "rows",
                    "entry",
                    "entries",
                    "data",
                    "information",
                    "info",
                    "detail",
                    "details",
                    "value",
                    "values",
                    "everything",
                    "anything",
                    "something",
                    "listed",
                    "shown",
                    "returned",
                    "given",
                    "got",
                    "down",
                    "using",
                    "used",
                    "happen",
                    "happened",
                    "took",
                    "take",
                    "taken",
                    "compute",
                    "calculate",
                    "determine",
                    "report",
                    "versus",
                    "vs",
                    "respectively",
                    "corresponding"));

    /** What the pattern matcher drops before aligning two questions word by word. */
    public static final Set<String> PATTERN = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "for", "is", "are", "was", "were", "be", "been", "do", "does",
            "did", "there", "it", "its", "me", "my", "i", "we", "our", "you", "your", "us", "they", "their", "please",
            "can", "could", "would", "will", "have", "has", "had", "that", "this", "these", "those", "who", "whom",
            "with", "so", "far", "all", "any", "some", "?", ".", ",", "s", "t", "during", "what's", "whats", "how");

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    private StopWords() {}
}
