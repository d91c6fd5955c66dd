package dev.querent.connectors.files;

import dev.querent.core.ErrorCode;
import dev.querent.core.QuerentException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the file names clients send. A name is kept as given (it names the table and the stored
 * copy) only when it is a plain file name; anything that could address another file is refused,
 * not repaired, so nobody is surprised by which file was written.
 */
final class FileNames {
    static final int MAX_NAME_BYTES = 200;

    /** Names Windows gives to devices, with any extension ({@code NUL.csv} is the device too). */
    private static final Set<String> DEVICE_NAMES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "conin$", "conout$");

    private FileNames() {}

    /**
     * The name, NFC-normalised, when it is a plain file name: no directory part ({@code /},
     * {@code \}), no drive or stream ({@code :}), not {@code .}/{@code ..} or hidden, no control or
     * invisible formatting characters, no reserved device name, no trailing dot or space, at most
     * {@value #MAX_NAME_BYTES} bytes. Otherwise {@code FILE_NAME_REJECTED}.
     */
    static String check(String raw) {
        if (raw == null || raw.isBlank()) {
            throw rejected("A file needs a name.");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE) {
                throw rejected("A file name may not contain control or invisible characters.");
            }
            i += Character.charCount(cp);
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            throw rejected("A file name may not contain a path ('/', '\\\\' or ':'): send the file itself.");
        }
        if (name.startsWith(".")) {
            throw rejected("A file name may not start with '.'.");
        }
        if (name.endsWith(".") || name.endsWith(" ") || !name.equals(name.strip())) {
            throw rejected("A file name may not start or end with a space, or end with '.'.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw rejected("A file name may have at most " + MAX_NAME_BYTES + " bytes.");
        }
        for (char c : new char[] {'<', '>', '"', '|', '?', '*'}) {
            if (name.indexOf(c) >= 0) {
                throw rejected("A file name may not contain < > \" | ? *.");
            }
        }
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(base)) {
            throw rejected("'" + base.toUpperCase(Locale.ROOT) + "' is a reserved device name.");
        }
        return name;
    }

    private static QuerentException rejected(String message) {
        return new QuerentException(ErrorCode.FILE_NAME_REJECTED, message, Map.of("field", "fileName"), null);
    }
}
