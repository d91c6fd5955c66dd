package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into tokens the way the target engine would, independently of JSqlParser.
 *
 * <p>The guard parses with JSqlParser but the engine executes the text with its own lexer. Where
 * the two could disagree about where a string, identifier or comment ends, text the parser saw as
 * inert could run as code. This scanner follows the engine's rules and reports every construct
 * whose extent differs between engines, modes or parsers (nested or executable comments, backslash
 * escapes whose meaning depends on a server setting, Unicode-escape literals, dollar quoting with
 * quote characters inside, control characters). It also finds statement separators and the
 * positions the LIMIT rewriting needs.
 */
public final class SqlScanner {
    public enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL,
        LINE_COMMENT,
        BLOCK_COMMENT
    }

    /**
     * One token: {@code text.substring(start, end)}.
     *
     * @param depth parenthesis nesting outside the token (a parenthesis has the depth of its pair)
     */
    public record Token(Kind kind, int start, int end, int depth) {
        public boolean isComment() {
            return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
        }
    }

    /**
     * The scan of one text.
     *
     * @param problems why the text is suspicious; empty when it is not
     */
    public record Scan(String text, List<Token> tokens, List<String> problems) {
        public String text(Token t) {
            return text.substring(t.start(), t.end());
        }

        public boolean isWord(Token t, String word) {
            return t.kind() == Kind.WORD && text(t).equalsIgnoreCase(word);
        }

        public boolean isSymbol(Token t, char c) {
            return t.kind() == Kind.SYMBOL && text.charAt(t.start()) == c;
        }

        /** Tokens other than comments. */
        public List<Token> code() {
            return tokens.stream().filter(t -> !t.isComment()).toList();
        }
    }

    private final String text;
    private final Dialect dialect;
    private final List<Token> tokens = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int pos;
    private int depth;

    private SqlScanner(String text, Dialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    public static Scan scan(String text, Dialect dialect) {
        SqlScanner s = new SqlScanner(text, dialect);
        s.run();
        return new Scan(text, List.copyOf(s.tokens), List.copyOf(s.problems));
    }

    private void run() {
        checkCharacters();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (Character.isSpaceChar(c)) {
                problem("a non-ASCII space character (U+%04X) outside a literal".formatted((int) c));
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                lineComment(2);
            } else if (c == '#' && hashComments()) {
                lineComment(1);
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '/' && peek(1) == '/' && dialect == Dialect.SNOWFLAKE) {
                problem("'//' starts a comment in Snowflake but not for the parser");
                pos += 2;
            } else if (c == '\'') {
                string(pos, '\'', backslashEscapes(), false);
            } else if (c == '"') {
                if (dialect == Dialect.MYSQL || dialect == Dialect.BIGQUERY) {
                    string(pos, '"', true, false);
                } else {
                    quoted('"', '"', Kind.QUOTED_IDENTIFIER);
                }
            } else if (c == '`') {
                quoted('`', '`', Kind.QUOTED_IDENTIFIER);
            } else if (c == '[' && dialect == Dialect.SQLITE) {
                bracketIdentifier();
            } else if (c == '$' && dollarQuoteAt(pos) > 0) {
                dollarQuoted();
            } else if (isIdentifierStart(c)) {
                word();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else {
                symbol(c);
            }
        }
    }

    /** Control and invisible formatting characters make the text mean different things to different readers. */
    private void checkCharacters() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean loneCarriageReturn = c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
            if (loneCarriageReturn) {
                // Engines disagree on whether a bare CR ends a "--" comment.
                problem("a carriage return without a line feed");
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                problem("a control character (U+%04X)".formatted((int) c));
            } else if (type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || (type == Character.CONTROL && c > 0x7F)) {
                problem("an invisible formatting character (U+%04X)".formatted((int) c));
            }
        }
    }

    private boolean hashComments() {
        return dialect == Dialect.MYSQL || dialect == Dialect.BIGQUERY;
    }

    private boolean backslashEscapes() {
        return dialect == Dialect.MYSQL || dialect == Dialect.BIGQUERY || dialect == Dialect.SNOWFLAKE;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, start, pos, depth));
    }

    private void problem(String message) {
        if (!problems.contains(message)) {
            problems.add(message);
        }
    }

    private void lineComment(int markerLength) {
        if (markerLength == 2 && dialect == Dialect.MYSQL) {
            char after = peek(2);
            if (after != '\0' && after != ' ' && after != '\t' && after != '\n' && after != '\r') {
                problem("'--' not followed by a space, which MySQL reads as two minus signs, not a comment");
            }
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        add(Kind.LINE_COMMENT, start);
    }

    private void blockComment() {
        int start = pos;
        if (peek(2) == '!' || (Character.toUpperCase(peek(2)) == 'M' && peek(3) == '!')) {
            problem("a MySQL executable comment ('/*!')");
        }
        pos += 2;
        while (pos < text.length() && !(text.charAt(pos) == '*' && peek(1) == '/')) {
            if (text.charAt(pos) == '/' && peek(1) == '*') {
                // PostgreSQL and DuckDB nest block comments, MySQL, SQLite and the parser do not.
                problem("a nested block comment");
            }
            pos++;
        }
        pos = Math.min(pos + 2, text.length());
        if (start > 0
                && isIdentifierPart(text.charAt(start - 1))
                && pos < text.length()
                && isIdentifierPart(text.charAt(pos))) {
            problem("a comment inside a word ('%s')".formatted(text.substring(start, pos)));
        }
        add(Kind.BLOCK_COMMENT, start);
    }

    /** A quoted string whose quote is at {@code pos}; {@code start} is before any prefix letters. */
    private void string(int start, char quote, boolean backslash, boolean rawPrefix) {
        if (dialect == Dialect.BIGQUERY && peek(1) == quote && peek(2) == quote) {
            problem("a triple-quoted string");
        }
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && rawPrefix) {
                problem("a backslash in a raw string");
            }
            if (c == '\\' && backslash && !rawPrefix) {
                if (peek(1) == quote && dialect == Dialect.MYSQL) {
                    // Whether \' ends the string depends on the server's NO_BACKSLASH_ESCAPES mode.
                    problem("a backslash-escaped quote, whose meaning depends on the server's SQL mode");
                }
                pos += 2;
                continue;
            }
            if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                add(Kind.STRING, start);
                return;
            }
            pos++;
        }
        pos = text.length();
        add(Kind.STRING, start);
    }

    private void quoted(char open, char close, Kind kind) {
        int start = pos;
        pos++;
        while (pos < text.length()) {
            if (text.charAt(pos) == close) {
                if (peek(1) == close && close == open) {
                    pos += 2;
                    continue;
                }
                pos++;
                add(kind, start);
                return;
            }
            pos++;
        }
        add(kind, start);
    }

    /**
     * SQLite reads {@code [x]} as an identifier, JSqlParser as an array subscript: only plain names
     * are allowed in brackets so both agree on where it ends.
     */
    private void bracketIdentifier() {
        int start = pos;
        int end = text.indexOf(']', pos);
        if (end < 0) {
            symbol('[');
            return;
        }
        String inner = text.substring(pos + 1, end);
        for (char c : inner.toCharArray()) {
            if (!isIdentifierPart(c) && c != ' ' && c != '.') {
                problem("a bracketed identifier with '%c' inside".formatted(c));
                break;
            }
        }
        pos = end + 1;
        add(Kind.QUOTED_IDENTIFIER, start);
    }

    /** Length of the opening {@code $tag$} at {@code i}, or 0 when none starts there. */
    private int dollarQuoteAt(int i) {
        if (dialect != Dialect.POSTGRESQL && dialect != Dialect.DUCKDB && dialect != Dialect.SNOWFLAKE) {
            return 0;
        }
        if (i > 0 && isIdentifierPart(text.charAt(i - 1))) {
            return 0;
        }
        int j = i + 1;
        if (dialect != Dialect.SNOWFLAKE) {
            while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_')) {
                j++;
            }
        }
        return j < text.length() && text.charAt(j) == '$' ? j - i + 1 : 0;
    }

    private void dollarQuoted() {
        int start = pos;
        int open = dollarQuoteAt(pos);
        String tag = text.substring(pos, pos + open);
        int close = text.indexOf(tag, pos + open);
        int bodyEnd = close < 0 ? text.length() : close;
        String body = text.substring(pos + open, bodyEnd);
        for (String risky : List.of("'", "\"", "`", ";", "--", "/*", "*/", "\\", "$", "#")) {
            if (body.contains(risky)) {
                problem("a dollar-quoted string containing '%s'".formatted(risky));
                break;
            }
        }
        pos = close < 0 ? text.length() : close + tag.length();
        add(Kind.STRING, start);
    }

    private void word() {
        int start = pos;
        while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        String w = text.substring(start, pos).toLowerCase(Locale.ROOT);
        char next = pos < text.length() ? text.charAt(pos) : '\0';
        boolean postgresLike = dialect == Dialect.POSTGRESQL || dialect == Dialect.DUCKDB;
        if (w.equals("u") && next == '&' && (peek(1) == '\'' || peek(1) == '"')) {
            problem("a Unicode-escape literal (U&'...' or U&\"...\")");
            add(Kind.WORD, start);
        } else if (w.equals("e") && next == '\'' && postgresLike) {
            escapeString(start);
        } else if (dialect == Dialect.BIGQUERY && (next == '\'' || next == '"') && w.matches("r|rb|br")) {
            string(start, next, false, true);
        } else if (dialect == Dialect.BIGQUERY && (next == '\'' || next == '"') && w.equals("b")) {
            string(start, next, true, false);
        } else {
            add(Kind.WORD, start);
        }
    }

    /**
     * PostgreSQL's {@code E'...'} processes backslash escapes, which can spell any character and
     * which the parser does not interpret: refused when it holds a backslash.
     */
    private void escapeString(int start) {
        pos++;
        boolean backslash = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                backslash = true;
                pos += 2;
                continue;
            }
            if (c == '\'') {
                if (peek(1) == '\'') {
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            pos++;
        }
        pos = Math.min(pos, text.length());
        if (backslash) {
            problem("an escape string (E'...') with backslash escapes");
        }
        add(Kind.STRING, start);
    }

    private void number() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-')
                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')
                    && pos - 1 > start;
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        add(Kind.NUMBER, start);
    }

    private void symbol(char c) {
        int start = pos;
        pos++;
        if (c == '(') {
            tokens.add(new Token(Kind.SYMBOL, start, pos, depth));
            depth++;
        } else if (c == ')') {
            depth = Math.max(0, depth - 1);
            tokens.add(new Token(Kind.SYMBOL, start, pos, depth));
        } else {
            add(Kind.SYMBOL, start);
        }
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || (c > 0x7F && Character.isLetterOrDigit(c));
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
