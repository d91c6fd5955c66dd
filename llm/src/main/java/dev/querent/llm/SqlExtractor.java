package dev.querent.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the SQL in a model's answer. Reasoning is dropped first ({@code <think>…</think>}, an
 * unterminated {@code <think>} that runs to the end or to the answer, and everything before a
 * closing tag whose opening was in the prefill). Then, within the {@code <answer>} section if there
 * is one, else the whole text: the last {@code ```sql} block, else the last fenced block holding
 * SQL, else a bare statement starting with {@code SELECT} or {@code WITH}. The result has no
 * surrounding whitespace and no trailing semicolons.
 */
public final class SqlExtractor {
    private static final Pattern THINK_BLOCK = Pattern.compile("(?is)<think>.*?</think>");
    private static final Pattern BARE_START = Pattern.compile(
            "(?im)^[ \\t]*(?:(?:final\\s+)?(?:sql(?:\\s+query)?|query|answer)\\s*:\\s*)?(?=(select|with)\\b)");
    private static final Pattern CTE_HEAD = Pattern.compile(
            "(?is)with\\s+(recursive\\s+)?[\\w\"`\\[\\].]+\\s*(\\([^)]*\\))?\\s+as\\s*(not\\s+)?(materialized\\s+)?\\(.*");
    private static final Pattern SELECT_FROM = Pattern.compile("(?is)select\\b.+?\\bfrom\\b.*");
    private static final Pattern UPPERCASE_SELECT = Pattern.compile("^SELECT\\s");
    private static final Pattern FENCE_TAG = Pattern.compile("^[ \\t]*([A-Za-z][\\w+-]*)");
    private static final Pattern FIRST_WORD = Pattern.compile("^[A-Za-z_]+");
    private static final Pattern LEADING_COMMENTS =
            Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*", Pattern.DOTALL);
    private static final Set<String> SQL_FENCE_TAGS = Set.of(
            "sql",
            "sqlite",
            "postgresql",
            "postgres",
            "psql",
            "pgsql",
            "mysql",
            "mariadb",
            "duckdb",
            "snowflake",
            "bigquery",
            "googlesql",
            "tsql",
            "plsql");
    private static final Set<String> STATEMENT_KEYWORDS = Set.of(
            "SELECT",
            "WITH",
            "VALUES",
            "TABLE",
            "INSERT",
            "UPDATE",
            "DELETE",
            "MERGE",
            "UPSERT",
            "REPLACE",
            "CREATE",
            "ALTER",
            "DROP",
            "TRUNCATE",
            "GRANT",
            "REVOKE",
            "EXPLAIN",
            "SHOW",
            "DESCRIBE",
            "DESC",
            "PRAGMA",
            "CALL",
            "COPY",
            "ATTACH",
            "DETACH",
            "SET",
            "USE");
    private static final Set<String> CONTINUATION_KEYWORDS = Set.of(
            "SELECT",
            "FROM",
            "WHERE",
            "JOIN",
            "INNER",
            "LEFT",
            "RIGHT",
            "FULL",
            "CROSS",
            "NATURAL",
            "ON",
            "USING",
            "AND",
            "OR",
            "NOT",
            "GROUP",
            "ORDER",
            "HAVING",
            "LIMIT",
            "OFFSET",
            "FETCH",
            "UNION",
            "INTERSECT",
            "EXCEPT",
            "MINUS",
            "WINDOW",
            "QUALIFY",
            "WITH",
            "AS",
            "CASE",
            "WHEN",
            "THEN",
            "ELSE",
            "END");

    private SqlExtractor() {}

    /** The SQL in {@code output}, or empty when there is nothing SQL-like. */
    public static Optional<String> extract(String output) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        String text = stripReasoning(output.replace("\r\n", "\n"));
        String scope = answerSection(text);
        String sql = fromFences(scope);
        if (sql == null) {
            sql = bareStatement(scope);
        }
        return Optional.ofNullable(sql).map(SqlExtractor::clean).filter(s -> !s.isEmpty());
    }

    /** {@code text} without the model's reasoning. */
    static String stripReasoning(String text) {
        String t = THINK_BLOCK.matcher(text).replaceAll("\n");
        String lower = t.toLowerCase(Locale.ROOT);
        int close = lower.lastIndexOf("</think>");
        if (close >= 0) {
            t = t.substring(close + "</think>".length());
            lower = lower.substring(close + "</think>".length());
        }
        int open = lower.indexOf("<think>");
        if (open >= 0) {
            int answer = lower.indexOf("<answer>", open);
            t = t.substring(0, open) + (answer >= 0 ? t.substring(answer) : "");
        }
        return t;
    }

    /** The inside of the last {@code <answer>} (to its end tag or the end of the text), else the text. */
    private static String answerSection(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int open = lower.lastIndexOf("<answer>");
        if (open < 0) {
            return text;
        }
        int start = open + "<answer>".length();
        int end = lower.indexOf("</answer>", start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static String fromFences(String text) {
        List<Fence> fences = fences(text);
        for (int i = fences.size() - 1; i >= 0; i--) {
            if (fences.get(i).sqlTagged() && isSqlLike(fences.get(i).content())) {
                return fences.get(i).content();
            }
        }
        for (int i = fences.size() - 1; i >= 0; i--) {
            if (isSqlLike(fences.get(i).content())) {
                return fences.get(i).content();
            }
        }
        return null;
    }

    /** Fenced blocks in order; an unterminated last fence (a cut-off answer) runs to the end. */
    private static List<Fence> fences(String text) {
        List<Fence> fences = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = text.indexOf("```", pos);
            if (open < 0) {
                return fences;
            }
            int cursor = open + 3;
            while (cursor < text.length() && text.charAt(cursor) == '`') {
                cursor++;
            }
            int lineEnd = text.indexOf('\n', cursor);
            String restOfLine = text.substring(cursor, lineEnd < 0 ? text.length() : lineEnd);
            Matcher word = FENCE_TAG.matcher(restOfLine);
            String tag = word.find() ? word.group(1).toLowerCase(Locale.ROOT) : "";
            boolean sqlTagged = SQL_FENCE_TAGS.contains(tag);
            int contentStart;
            if (sqlTagged) {
                contentStart = cursor + word.end();
            } else if (!tag.isEmpty() && restOfLine.substring(word.end()).isBlank()) {
                contentStart = lineEnd < 0 ? text.length() : lineEnd + 1;
            } else {
                contentStart = cursor;
            }
            int close = text.indexOf("```", contentStart);
            fences.add(new Fence(sqlTagged, text.substring(contentStart, close < 0 ? text.length() : close)));
            if (close < 0) {
                return fences;
            }
            pos = close + 3;
        }
    }

    private static String bareStatement(String text) {
        Matcher m = BARE_START.matcher(text);
        while (m.find()) {
            String candidate = statementFrom(text, m.end());
            boolean isSelect = m.group(1).equalsIgnoreCase("select");
            boolean plausible = isSelect
                    ? SELECT_FROM.matcher(candidate).matches()
                            || UPPERCASE_SELECT.matcher(candidate).find()
                    : CTE_HEAD.matcher(candidate).matches();
            if (plausible) {
                return candidate;
            }
        }
        return null;
    }

    /** From {@code start} to a semicolon outside quotes, or to prose after a blank line, or the end. */
    private static String statementFrom(String text, int start) {
        char quote = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                return text.substring(start, i);
            } else if (c == '\n' && blankLineThenProse(text, i)) {
                return text.substring(start, i);
            }
            i++;
        }
        return text.substring(start);
    }

    /** Whether a blank line follows {@code newline} and the next text is not part of a statement. */
    private static boolean blankLineThenProse(String text, int newline) {
        boolean sawBlank = false;
        int p = newline + 1;
        while (true) {
            int end = text.indexOf('\n', p);
            String line = text.substring(p, end < 0 ? text.length() : end);
            if (!line.isBlank()) {
                return sawBlank && !continuesStatement(line);
            }
            if (end < 0) {
                return true;
            }
            sawBlank = true;
            p = end + 1;
        }
    }

    private static boolean continuesStatement(String line) {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t' || first == '(' || first == ')' || line.startsWith("--")) {
            return true;
        }
        Matcher word = FIRST_WORD.matcher(line);
        return word.find() && CONTINUATION_KEYWORDS.contains(word.group().toUpperCase(Locale.ROOT));
    }

    private static boolean isSqlLike(String content) {
        String body = LEADING_COMMENTS.matcher(content).replaceFirst("");
        while (body.startsWith("(")) {
            body = body.substring(1).stripLeading();
        }
        Matcher word = FIRST_WORD.matcher(body);
        return word.find() && STATEMENT_KEYWORDS.contains(word.group().toUpperCase(Locale.ROOT));
    }

    private static String clean(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }

    private record Fence(boolean sqlTagged, String content) {}
}
