package dev.querent.core.sql.internal;

import dev.querent.core.Dialect;
import dev.querent.core.sql.Rejection;
import dev.querent.core.sql.RejectionCode;
import dev.querent.core.sql.internal.SqlScanner.Kind;
import dev.querent.core.sql.internal.SqlScanner.Scan;
import dev.querent.core.sql.internal.SqlScanner.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.KeepExpression;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.XmlTableFunction;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * The structural rules, applied to every node of one parsed statement: read-only query shapes
 * only, no SELECT INTO, no locking, no dangerous functions, only allowed built-in functions, no
 * sensitive catalogs, no files read as tables. Also collects the tables the statement reads.
 */
public final class SafetyCheck {
    /**
     * @param tables the tables read, qualified as written, unquoted, without CTE names, each once
     */
    public record Result(List<Rejection> rejections, List<String> tables) {}

    private static final Set<Class<?>> QUERY_TYPES = Set.of(
            PlainSelect.class, SetOperationList.class, ParenthesedSelect.class, LateralSubSelect.class, Values.class);

    private final Dialect dialect;
    private final Scan scan;
    private final List<Rejection> rejections = new ArrayList<>();
    /** Table nodes that qualify a column or name a SELECT INTO target rather than being read. */
    private final Set<Object> notReads = Collections.newSetFromMap(new IdentityHashMap<>());

    private final Set<String> cteNames = new LinkedHashSet<>();
    /** Aliases with a column list ({@code f(...) g(n)}), which look like calls in the token stream. */
    private final Set<String> columnListAliases = new LinkedHashSet<>();

    private final List<Table> tableReads = new ArrayList<>();

    private SafetyCheck(Dialect dialect, Scan scan) {
        this.dialect = dialect;
        this.scan = scan;
    }

    public static Result check(Statement statement, Scan scan, Dialect dialect) {
        SafetyCheck check = new SafetyCheck(dialect, scan);
        AstWalker.walk(statement, check::enter);
        check.callsInText();
        return check.result();
    }

    private boolean enter(Object node) {
        if (node instanceof WithItem<?> w) {
            withItem(w);
        }
        String write =
                switch (node) {
                    case Insert i -> "INSERT";
                    case Update u -> "UPDATE";
                    case Delete d -> "DELETE";
                    case Merge m -> "MERGE";
                    case Upsert u -> "UPSERT";
                    default -> null;
                };
        if (write != null) {
            reject(RejectionCode.DATA_MODIFYING_CTE, write + " inside a query; only SELECT may be nested");
        } else if (node instanceof Statement s && !QUERY_TYPES.contains(s.getClass())) {
            reject(RejectionCode.NOT_A_QUERY, "a nested " + s.getClass().getSimpleName() + " statement");
        }
        if (node instanceof PlainSelect ps) {
            plainSelect(ps);
        }
        if (node instanceof Select s && s.getForMode() != null) {
            reject(
                    RejectionCode.LOCKING_CLAUSE,
                    "FOR " + s.getForMode().getValue() + " locks rows; queries must not take locks");
        }
        switch (node) {
            // XMLTABLE has no name parts of its own; XML processing is on no allow-list.
            case XmlTableFunction x -> function(List.of("xmltable"));
            case Function f -> {
                function(f.getMultipartName());
                sizeBuilder(f);
            }
            case AnalyticExpression a -> function(a.getName() == null ? null : List.of(a.getName()));
            case KeepExpression k -> function(k.getName() == null ? null : List.of(k.getName()));
            case Column c -> notReads.add(c.getTable());
            case AllTableColumns c -> notReads.add(c.getTable());
            case Table t when !notReads.contains(t) -> tableReads.add(t);
            case NextValExpression n ->
                reject(RejectionCode.DANGEROUS_FUNCTION, "NEXT VALUE FOR " + n.getName() + " advances a sequence");
            case UserVariable v
            when v.isDoubleAdd() ->
                reject(RejectionCode.SYSTEM_CATALOG, "reading @@" + v.getName() + " is not allowed (server settings)");
            case Alias a
            when a.getAliasColumns() != null && !a.getAliasColumns().isEmpty() ->
                columnListAliases.add(Names.key(a.getName()));
            default -> {}
        }
        return true;
    }

    private void withItem(WithItem<?> w) {
        if (w.getAlias() != null) {
            cteNames.add(Names.key(w.getAlias().getName()));
        }
        if (!(w.getParenthesedStatement() instanceof ParenthesedSelect)) {
            reject(
                    RejectionCode.DATA_MODIFYING_CTE,
                    "the WITH item " + (w.getAlias() == null ? "" : w.getAlias().getName() + " ")
                            + "modifies data; only SELECT may appear in WITH");
        }
        if (w.getWithFunctionDeclaration() != null) {
            reject(RejectionCode.DANGEROUS_FUNCTION, "WITH FUNCTION defines code inside the query");
        }
    }

    private void plainSelect(PlainSelect ps) {
        if ((ps.getIntoTables() != null && !ps.getIntoTables().isEmpty())
                || ps.getIntoTempTable() != null
                || ps.getMySqlSelectIntoClause() != null) {
            reject(RejectionCode.SELECT_INTO, "SELECT ... INTO writes a table, file or variable");
        }
        if (ps.getIntoTables() != null) {
            notReads.addAll(ps.getIntoTables());
        }
        if (ps.getIntoTempTable() != null) {
            notReads.add(ps.getIntoTempTable());
        }
    }

    /**
     * Refuses a call unless it names an allowed built-in of the dialect; a name on the deny list is
     * refused as dangerous whatever the list says.
     */
    private void function(List<String> nameParts) {
        if (nameParts == null || nameParts.isEmpty()) {
            return;
        }
        String called = Names.unquote(nameParts.getLast());
        if (!called.chars().allMatch(c -> c < 0x80)) {
            // Built-in names are ASCII; look-alike letters could defeat the deny list.
            reject(
                    RejectionCode.SUSPICIOUS_TEXT,
                    "suspicious text: a call to a function with non-ASCII letters (" + called + ")");
        } else if (!denied(nameParts)) {
            String written = nameParts.stream().map(Names::unquote).collect(Collectors.joining("."));
            AllowedFunctions.refusal(nameParts, dialect)
                    .ifPresent(why -> reject(
                            RejectionCode.FUNCTION_NOT_ALLOWED, "function " + written + " is not allowed: " + why));
        }
    }

    /**
     * Functions that build one value whose size is an argument ({@code repeat('x', 700000000)}): the
     * size must be a number written in the query, at most {@link #MAX_BUILT_LENGTH}. An engine
     * builds such a value in one step, before a timeout or a result cap can stop it (DuckDB took
     * ~100 s and gigabytes for four of them).
     */
    private void sizeBuilder(Function f) {
        List<String> parts = f.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return;
        }
        String name = Names.unquote(parts.getLast()).toLowerCase(java.util.Locale.ROOT);
        Integer sizeArg = SIZE_ARGUMENT.get(name);
        if (sizeArg == null) {
            return;
        }
        var params = f.getParameters();
        if (params == null || params.size() <= sizeArg) {
            return;
        }
        Object arg = params.get(sizeArg);
        if (arg instanceof net.sf.jsqlparser.expression.SignedExpression se
                && se.getSign() == '-'
                && se.getExpression() instanceof net.sf.jsqlparser.expression.LongValue) {
            return; // a negative size builds nothing
        }
        boolean bounded = arg instanceof net.sf.jsqlparser.expression.LongValue v
                && v.getBigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_BUILT_LENGTH)) <= 0;
        if (!bounded) {
            reject(
                    RejectionCode.DANGEROUS_FUNCTION,
                    "function " + name + " builds a value of the size given as argument " + (sizeArg + 1)
                            + "; it must be a number written in the query, at most " + MAX_BUILT_LENGTH);
        }
    }

    /** The most characters a size-building function may be asked for. */
    static final long MAX_BUILT_LENGTH = 100_000;

    /** Size-building functions and the (0-based) position of their size argument. */
    private static final Map<String, Integer> SIZE_ARGUMENT =
            Map.of("repeat", 1, "replicate", 1, "lpad", 1, "rpad", 1, "space", 0, "randomblob", 0, "zeroblob", 0);

    /** Refuses a call whose name is on the deny list; whether it did. */
    private boolean denied(List<String> nameParts) {
        String name = Names.unquote(nameParts.getLast());
        Optional<String> why = DangerousNames.function(name, dialect);
        why.ifPresent(
                w -> reject(RejectionCode.DANGEROUS_FUNCTION, "function " + name + " is not allowed (" + w + ")"));
        return why.isPresent();
    }

    /**
     * Finds calls in the token stream as well as in the AST: JSqlParser keeps a few clauses as raw
     * text (time travel {@code AT(...)}, {@code FOR SYSTEM_TIME AS OF ...}, type arguments such as
     * {@code numeric(...)}), where a call would be invisible to the AST walk. A name followed by a
     * parenthesis is a call unless it declares a CTE or alias with a column list that the AST knows
     * ({@code name(a, b) AS}, {@code AS name(a, b)}, {@code f(...) name(a)}). Keywords and type names
     * that take a parenthesis ({@code IN (}, {@code OVER (}, {@code DECIMAL(10, 2)}) are checked
     * against the deny list only; every other call must also be an allowed built-in.
     */
    private void callsInText() {
        List<Token> code = scan.code();
        for (int i = 0; i + 1 < code.size(); i++) {
            Token t = code.get(i);
            if (!isName(t) || !scan.isSymbol(code.get(i + 1), '(')) {
                continue;
            }
            boolean afterAs = i > 0 && scan.isWord(code.get(i - 1), "as");
            boolean afterParenthesis = i > 0 && scan.isSymbol(code.get(i - 1), ')');
            int close = closingParenthesis(code, i + 1);
            boolean beforeAs = close + 1 < code.size() && scan.isWord(code.get(close + 1), "as");
            List<String> parts = qualifiedCall(code, i);
            String key = Names.key(scan.text(t));
            boolean unqualified = parts.size() == 1;
            boolean declared = unqualified && (columnListAliases.contains(key) || cteNames.contains(key));
            if (declared && (afterAs || beforeAs || afterParenthesis)) {
                continue;
            }
            if (unqualified && t.kind() == Kind.WORD && AllowedFunctions.isKeywordBeforeParenthesis(key)) {
                denied(parts);
            } else {
                function(parts);
            }
        }
        for (Token t : code) {
            if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER) {
                String word = Names.unquote(scan.text(t));
                if (DangerousNames.sensitiveCatalog(null, word)) {
                    reject(
                            RejectionCode.SYSTEM_CATALOG,
                            "reading " + word + " is not allowed (sensitive system catalog)");
                }
            }
        }
    }

    private static boolean isName(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER;
    }

    /** The name ending at {@code code[end]} with the qualifiers written before it ({@code a . b . f}). */
    private List<String> qualifiedCall(List<Token> code, int end) {
        List<String> parts = new ArrayList<>();
        parts.add(scan.text(code.get(end)));
        int j = end;
        while (j >= 2 && scan.isSymbol(code.get(j - 1), '.') && isName(code.get(j - 2))) {
            parts.addFirst(scan.text(code.get(j - 2)));
            j -= 2;
        }
        return parts;
    }

    private int closingParenthesis(List<Token> code, int open) {
        int depth = code.get(open).depth();
        for (int j = open + 1; j < code.size(); j++) {
            if (code.get(j).depth() == depth && scan.isSymbol(code.get(j), ')')) {
                return j;
            }
        }
        return code.size();
    }

    private Result result() {
        Set<String> fileLikeIdentifiers = scan.tokens().stream()
                .filter(t -> t.kind() == Kind.QUOTED_IDENTIFIER)
                .map(t -> Names.unquote(scan.text(t)))
                .filter(SafetyCheck::looksLikeFileOrUrl)
                .collect(Collectors.toSet());
        Map<String, Integer> tables = new LinkedHashMap<>();
        for (Table t : tableReads) {
            String name = t.getName();
            if (name == null) {
                continue;
            }
            if (name.startsWith("'")) {
                reject(RejectionCode.DANGEROUS_FUNCTION, "reading the file or URL " + name + " as a table");
                continue;
            }
            String schema = t.getSchemaName();
            String written = qualifiedName(t);
            if (schema == null && cteNames.contains(Names.key(name))) {
                continue;
            }
            DangerousNames.bareTableFunction(Names.unquote(name))
                    .ifPresent(why -> reject(
                            RejectionCode.DANGEROUS_FUNCTION,
                            "table function " + written + " is not allowed (" + why + ")"));
            if (DangerousNames.sensitiveCatalog(Names.unquote(schema), Names.unquote(name))) {
                reject(
                        RejectionCode.SYSTEM_CATALOG,
                        "reading " + written + " is not allowed (sensitive system catalog)");
            }
            // JSqlParser splits "data.csv" at the dot, so compare the re-joined name with the quoted tokens.
            if (dialect == Dialect.DUCKDB && fileLikeIdentifiers.contains(written)) {
                reject(RejectionCode.DANGEROUS_FUNCTION, "DuckDB reads the quoted name \"" + written + "\" as a file");
            }
            tables.putIfAbsent(written, firstMention(Names.unquote(name)));
        }
        // The AST walk visits clauses in field order, not text order.
        List<String> inTextOrder = tables.keySet().stream()
                .sorted(Comparator.comparingInt(tables::get))
                .toList();
        return new Result(List.copyOf(rejections), inTextOrder);
    }

    private int firstMention(String name) {
        for (Token t : scan.tokens()) {
            boolean identifier = t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER;
            if (identifier && Names.unquote(scan.text(t)).equalsIgnoreCase(name)) {
                return t.start();
            }
        }
        return Integer.MAX_VALUE;
    }

    static String qualifiedName(Table t) {
        List<String> parts = new ArrayList<>(t.getNameParts());
        Collections.reverse(parts);
        return parts.stream().map(Names::unquote).collect(Collectors.joining("."));
    }

    private static boolean looksLikeFileOrUrl(String name) {
        return name.contains(".") || name.contains("/") || name.contains("\\") || name.contains(":");
    }

    private void reject(RejectionCode code, String message) {
        Rejection r = new Rejection(code, message);
        if (!rejections.contains(r)) {
            rejections.add(r);
        }
    }
}
