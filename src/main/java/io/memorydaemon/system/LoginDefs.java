// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** UID_MIN of /etc/login.defs: the lowest uid useradd gives an ordinary user (the system watcher's default). */
public final class LoginDefs {
    /** What useradd assumes when login.defs does not say. */
    public static final int DEFAULT_UID_MIN = 1000;

    private static final Pattern UID_MIN = Pattern.compile("^\\s*UID_MIN\\s+(\\d{1,9})\\s*(#.*)?$");
    private static final long MAX_BYTES = 256 * 1024;

    private LoginDefs() { }

    public static int uidMin() {
        return uidMin(Path.of("/etc/login.defs"));
    }

    /** The file's UID_MIN (its last setting, as login.defs readers take it); the default when missing or unreadable. */
    static int uidMin(Path file) {
        int found = DEFAULT_UID_MIN;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return found;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                Matcher m = UID_MIN.matcher(line);
                if (m.matches()) {
                    found = Math.max(1, Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return DEFAULT_UID_MIN;
        }
        return found;
    }
}
