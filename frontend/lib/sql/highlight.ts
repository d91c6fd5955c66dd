export type TokenType =
  | "keyword"
  | "function"
  | "string"
  | "number"
  | "comment"
  | "identifier"
  | "quoted"
  | "operator"
  | "punctuation"
  | "whitespace";

export interface Token {
  type: TokenType;
  text: string;
}

const KEYWORDS = new Set(
  `SELECT FROM WHERE AND OR NOT IN IS NULL AS ON JOIN LEFT RIGHT INNER OUTER FULL CROSS NATURAL GROUP BY ORDER
  HAVING LIMIT OFFSET DISTINCT CASE WHEN THEN ELSE END WITH RECURSIVE UNION ALL INTERSECT EXCEPT BETWEEN LIKE ILIKE
  ASC DESC TRUE FALSE CAST OVER PARTITION ROWS RANGE INTERVAL EXISTS ANY SOME USING NULLS FIRST LAST FETCH NEXT
  ONLY TOP FILTER WINDOW QUALIFY LATERAL VALUES DATE TIMESTAMP TIME ESCAPE COLLATE PRECEDING FOLLOWING UNBOUNDED
  CURRENT ROW`
    .split(/\s+/)
    .filter(Boolean),
);

const RULES: [TokenType, RegExp][] = [
  ["whitespace", /\s+/y],
  ["comment", /--[^\n]*/y],
  ["comment", /\/\*[\s\S]*?(\*\/|$)/y],
  ["string", /'(?:[^']|'')*(?:'|$)/y],
  ["quoted", /"(?:[^"]|"")*(?:"|$)/y],
  ["quoted", /`(?:[^`]|``)*(?:`|$)/y],
  ["quoted", /\[[^\]\n]*\]/y],
  ["number", /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y],
  ["identifier", /[A-Za-z_][A-Za-z0-9_$]*/y],
  ["operator", /<>|<=|>=|!=|\|\||::|[-+*/%=<>!~^&|]/y],
  ["punctuation", /[(),.;]/y],
];

/** Splits SQL into tokens; concatenating the tokens' text gives back the input exactly. */
export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < sql.length) {
    let matched = false;
    for (const [type, re] of RULES) {
      re.lastIndex = pos;
      const m = re.exec(sql);
      if (m && m[0].length > 0) {
        let t: TokenType = type;
        if (type === "identifier") {
          if (KEYWORDS.has(m[0].toUpperCase())) t = "keyword";
          else if (/^\s*\(/.test(sql.slice(pos + m[0].length))) t = "function";
        }
        tokens.push({ type: t, text: m[0] });
        pos += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      tokens.push({ type: "punctuation", text: sql[pos] });
      pos += 1;
    }
  }
  return tokens;
}
