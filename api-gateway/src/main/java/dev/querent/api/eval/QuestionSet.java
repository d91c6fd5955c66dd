package dev.querent.api.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A defog-format question set: CSV with {@code db_name, query_category, query, question}. */
public final class QuestionSet {
    /** @param gold the acceptable gold queries ({@code ;}-separated in the file) */
    public record Question(int index, String db, String category, String question, List<String> gold) {}

    private QuestionSet() {}

    public static List<Question> read(Path csv) throws IOException {
        List<List<String>> records = parse(Files.readString(csv));
        if (records.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> header = new TreeMap<>();
        for (int i = 0; i < records.getFirst().size(); i++) {
            header.put(records.getFirst().get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String needed : List.of("db_name", "query", "question")) {
            if (!header.containsKey(needed)) {
                throw new IOException(csv + " has no column " + needed);
            }
        }
        List<Question> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() < header.size()) {
                continue;
            }
            Integer cat = header.get("query_category");
            out.add(new Question(
                    r,
                    rec.get(header.get("db_name")).strip(),
                    cat == null ? "" : rec.get(cat).strip(),
                    rec.get(header.get("question")).strip(),
                    splitStatements(rec.get(header.get("query")))));
        }
        return out;
    }

    /** Splits on semicolons outside quotes; blank pieces dropped. */
    static List<String> splitStatements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == ';') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /** RFC 4180: comma-separated, double quotes around fields, doubled quotes inside them. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                if (!(record.size() == 1 && record.getFirst().isEmpty())) {
                    records.add(record);
                }
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
