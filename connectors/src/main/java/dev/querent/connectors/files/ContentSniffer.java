package dev.querent.connectors.files;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Looks at a file's first bytes (and a Parquet file's last) before any reader sees it: a file whose
 * content is not what its extension says is refused with {@code FILE_TYPE_REJECTED}.
 */
final class ContentSniffer {
    static final int HEAD_BYTES = 64 * 1024;

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ContentSniffer() {}

    /**
     * Checks {@code file} against {@code format}; for text formats returns the encoding DuckDB
     * should read it with ({@code utf-8}, or {@code latin-1} for legacy spreadsheet exports),
     * otherwise {@code null}.
     */
    static String check(Path file, FileFormat format, String displayName) {
        byte[] head = head(file);
        return switch (format) {
            case CSV, TSV -> text(head, displayName, format);
            case JSON -> {
                String encoding = text(head, displayName, format);
                int i = startsWithBom(head) ? 3 : 0;
                while (i < head.length && Character.isWhitespace(head[i])) {
                    i++;
                }
                if (i >= head.length || (head[i] != '{' && head[i] != '[')) {
                    throw rejected(displayName, "is not JSON (it must start with '{' or '[')");
                }
                yield encoding;
            }
            case PARQUET -> {
                if (!startsWith(head, PARQUET_MAGIC) || !endsWithParquetMagic(file)) {
                    throw rejected(displayName, "is not a Parquet file");
                }
                yield null;
            }
            case XLSX -> {
                if (!startsWith(head, ZIP_MAGIC)) {
                    throw rejected(displayName, "is not an Excel workbook (.xlsx)");
                }
                yield null;
            }
        };
    }

    private static String text(byte[] head, String displayName, FileFormat format) {
        int controls = 0;
        for (byte b : head) {
            if (b == 0) {
                throw rejected(displayName, "is binary, not " + format.name() + " text");
            }
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                controls++;
            }
        }
        if (controls > head.length / 100 + 1) {
            throw rejected(displayName, "is binary, not " + format.name() + " text");
        }
        if (validUtf8(head)) {
            return "utf-8";
        }
        if (format == FileFormat.JSON) {
            throw rejected(displayName, "is not UTF-8 text");
        }
        return "latin-1";
    }

    /** Valid UTF-8, allowing one multi-byte character cut off at the end of the sample. */
    private static boolean validUtf8(byte[] head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int cut = 0; cut < 4 && cut <= head.length; cut++) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(head, 0, head.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                if (head.length < HEAD_BYTES) {
                    return false; // the whole file was read: nothing was cut off
                }
            }
        }
        return false;
    }

    private static boolean startsWithBom(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithParquetMagic(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 12) {
                return false;
            }
            ByteBuffer tail = ByteBuffer.allocate(4);
            ch.read(tail, size - 4);
            return startsWith(tail.array(), PARQUET_MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QuerentException rejected(String displayName, String what) {
        return new QuerentException(
                ErrorCode.FILE_TYPE_REJECTED, "'" + displayName + "' " + what + ".", Map.of("file", displayName), null);
    }
}
