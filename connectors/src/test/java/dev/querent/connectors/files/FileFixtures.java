package dev.querent.connectors.files;

import dev.querent.connectors.FileSources;
import dev.querent.connectors.FileSources.StagedFile;
import dev.querent.core.DataSourceId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Files for the files-source tests, written as a person's tools would. */
final class FileFixtures {
    private FileFixtures() {}

    static StagedFile upload(FileSources storage, DataSourceId id, String name, byte[] content) throws IOException {
        StagedFile staged = storage.stage(id, name);
        Files.write(staged.path(), content);
        return staged;
    }

    static StagedFile upload(FileSources storage, DataSourceId id, String name, String content) throws IOException {
        return upload(storage, id, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A workbook with one sheet per entry of {@code sheets}: the first row of each is the header;
     * numbers stay numbers, {@link LocalDate}s become date-formatted cells.
     */
    static byte[] workbook(List<String> names, List<List<List<Object>>> sheets) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                var out = new java.io.ByteArrayOutputStream()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("d/m/yy"));
            for (int s = 0; s < names.size(); s++) {
                Sheet sheet = wb.createSheet(names.get(s));
                List<List<Object>> rows = sheets.get(s);
                for (int r = 0; r < rows.size(); r++) {
                    Row row = sheet.createRow(r);
                    List<Object> values = rows.get(r);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        var cell = row.createCell(c);
                        if (v instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (v instanceof LocalDate d) {
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        } else if (v instanceof Boolean b) {
                            cell.setCellValue(b);
                        } else if (v != null) {
                            cell.setCellValue(v.toString());
                        }
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
        }
    }
}
