package dev.querent.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.querent.core.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every statement of {@code guard/malicious.tsv} is refused, with the expected code first. */
class MaliciousStatementsRejectedTest {
    private static final SqlGuard GUARD = new SqlGuard(GuardPolicy.defaults());

    /** The attack classes every dialect's part of the corpus must exercise. */
    private static final Set<RejectionCode> CLASSES = EnumSet.of(
            RejectionCode.NOT_A_QUERY,
            RejectionCode.MULTIPLE_STATEMENTS,
            RejectionCode.DATA_MODIFYING_CTE,
            RejectionCode.SELECT_INTO,
            RejectionCode.LOCKING_CLAUSE,
            RejectionCode.SUSPICIOUS_TEXT,
            RejectionCode.DANGEROUS_FUNCTION,
            RejectionCode.SYSTEM_CATALOG);

    private record Case(int line, Dialect dialect, RejectionCode expected, String sql) {}

    @TestFactory
    Stream<DynamicTest> everyStatementIsRejectedWithItsCode() {
        return corpus().stream()
                .map(c -> DynamicTest.dynamicTest("line " + c.line() + " " + c.dialect() + " " + c.expected(), () -> {
                    GuardVerdict v = GUARD.check(c.sql(), c.dialect(), null);
                    assertThat(v.accepted()).as("accepted: %s", c.sql()).isFalse();
                    assertThat(v.rejections().getFirst().code())
                            .as("%s -> %s", c.sql(), v.rejections())
                            .isEqualTo(c.expected());
                }));
    }

    @Test
    void corpusCoversEveryClassForEveryDialect() {
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(80);
        Map<Dialect, Set<RejectionCode>> covered = new EnumMap<>(Dialect.class);
        corpus.forEach(c -> covered.computeIfAbsent(c.dialect(), d -> EnumSet.noneOf(RejectionCode.class))
                .add(c.expected()));
        for (Dialect d : Dialect.values()) {
            assertThat(covered.get(d)).as("classes covered for %s", d).containsAll(CLASSES);
        }
    }

    private static List<Case> corpus() {
        try (InputStream in = MaliciousStatementsRejectedTest.class.getResourceAsStream("/guard/malicious.tsv")) {
            assertThat(in).as("guard/malicious.tsv on the test classpath").isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 3);
                cases.add(new Case(i + 1, Dialect.valueOf(cols[0]), RejectionCode.valueOf(cols[1]), unescape(cols[2])));
            }
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes the corpus escapes, so control and invisible characters stay visible in the file. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + s);
            }
        }
        return out.toString();
    }
}
