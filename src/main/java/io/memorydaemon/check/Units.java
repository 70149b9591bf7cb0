// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Locale;

/** Human-readable sizes and percentages, the same in the log and the mails. */
public final class Units {
    private Units() { }

    public static String bytes(long bytes) {
        double v = bytes;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** A threshold as the user wrote it: {@code 90} for 90.0, {@code 90.5} for 90.5. */
    public static String threshold(double percent) {
        return java.math.BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
    }

    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }
}
