package dev.querent.connectors.files;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads an Excel workbook (.xlsx) with Apache POI's streaming reader, sheet by sheet, into CSV
 * files DuckDB then reads with its own type inference. Numbers are written as plain decimals and
 * date-formatted cells as ISO dates, so types are inferred from values, not from display formats.
 * Formulas contribute their cached results; no formula is evaluated. POI's zip-bomb guard (the
 * least compression ratio) applies; a workbook with more cells than {@link #MAX_CELLS} is refused.
 */
final class ExcelSheets {
    static final long MAX_CELLS = 20_000_000L;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A sheet written as CSV; {@code rows} counts the data rows under the header. */
    record Sheet(String name, Path csv, long rows) {}

    private ExcelSheets() {}

    /**
     * Writes every sheet that has a header row to a CSV file named by {@code target} (given the
     * sheet's index); empty sheets are left out.
     */
    static List<Sheet> toCsv(Path workbook, String displayName, Function<Integer, Path> target) {
        List<Sheet> sheets = new ArrayList<>();
        long[] cells = {0};
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            int index = 0;
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    String name = it.getSheetName();
                    Path csv = target.apply(index++);
                    long rows;
                    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                        CsvRows handler = new CsvRows(out, cells, displayName);
                        XMLReader parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(
                                new XSSFSheetXMLHandler(styles, null, strings, handler, new PlainValues(), false));
                        parser.parse(new InputSource(in));
                        handler.finish();
                        rows = handler.rowsWritten - 1;
                    }
                    if (rows < 0) {
                        Files.deleteIfExists(csv);
                    } else {
                        sheets.add(new Sheet(name, csv, rows));
                    }
                }
            }
        } catch (QuerentException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            // POI's and the XML parser's own errors: a damaged or hostile workbook.
            throw new QuerentException(
                    ErrorCode.FILE_UNREADABLE,
                    "'" + displayName + "' could not be read as an Excel workbook: " + e.getMessage(),
                    Map.of("file", displayName),
                    null);
        }
        if (sheets.isEmpty()) {
            throw new QuerentException(
                    ErrorCode.FILE_UNREADABLE,
                    "'" + displayName + "' has no sheet with a header row.",
                    Map.of("file", displayName),
                    null);
        }
        return sheets;
    }

    /** Numbers as plain decimals and dates as ISO text, whatever the cell's display format. */
    private static final class PlainValues extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904, true);
                return t.toLocalTime().equals(LocalTime.MIDNIGHT)
                        ? t.toLocalDate().toString()
                        : t.format(TIMESTAMP);
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return "";
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    /** Rows as CSV: the first non-empty row is the header and sets the width. */
    private static final class CsvRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Writer out;
        private final long[] cells;
        private final String displayName;
        private final List<String> row = new ArrayList<>();
        private int width = -1;
        private long rowsWritten;

        CsvRows(Writer out, long[] cells, String displayName) {
            this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
            this.cells = cells;
            this.displayName = displayName;
        }

        @Override
        public void startRow(int rowNum) {
            row.clear();
        }

        @Override
        public void endRow(int rowNum) {
            boolean empty = row.stream().allMatch(v -> v == null || v.isEmpty());
            if (empty) {
                return;
            }
            if (width < 0) {
                int last = row.size();
                while (last > 0
                        && (row.get(last - 1) == null || row.get(last - 1).isEmpty())) {
                    last--;
                }
                width = last;
            }
            try {
                for (int i = 0; i < width; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    String v = i < row.size() ? row.get(i) : null;
                    out.write(quoted(v == null ? "" : v));
                }
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rowsWritten++;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (++cells[0] > MAX_CELLS) {
                throw new QuerentException(
                        ErrorCode.FILE_TOO_LARGE,
                        "'" + displayName + "' has more than " + MAX_CELLS + " cells.",
                        Map.of("file", displayName),
                        null);
            }
            int column = cellReference == null ? row.size() : new CellReference(cellReference).getCol();
            while (row.size() < column) {
                row.add(null);
            }
            if (row.size() == column) {
                row.add(formattedValue);
            } else {
                row.set(column, formattedValue);
            }
        }

        void finish() throws IOException {
            out.flush();
        }

        private static String quoted(String v) {
            boolean plain = !v.isEmpty()
                    && v.equals(v.strip())
                    && v.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
            return v.isEmpty() || plain ? v : '"' + v.replace("\"", "\"\"") + '"';
        }
    }
}
