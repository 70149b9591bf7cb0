// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crontab lines memory-daemon owns, and the original tool's line. Each owned line calls the launcher by an
 * absolute path, appends its output to the log and ends with a marker comment, so it works under cron's bare
 * environment (no PATH, /bin/sh) and can be found again.
 */
public final class CronLine {
    /** Ends the periodic check line. */
    public static final String CHECK_MARKER = "# memory-daemon";
    /** Ends the {@code @reboot} line that starts the resident watcher. */
    public static final String WATCH_MARKER = "# memory-daemon watch";
    public static final int DEFAULT_PERIOD_MINUTES = 5;

    private static final Pattern PERIOD = Pattern.compile("^\\s*(?:\\*/(\\d+)|(\\*))\\s+\\*\\s+\\*\\s+\\*\\s+\\*\\s");
    private static final Pattern COMMAND = Pattern.compile("^\\s*(?:@reboot|(?:\\S+\\s+){4}\\S+)\\s+");
    /** The original tool ran {@code ~/bin/mem_daemon 0 1} (or {@code 1 1}) from cron, with no marker. */
    private static final Pattern LEGACY = Pattern.compile("^[^#].*\\bmem_daemon\\s+[01]\\s+[01]\\b.*");

    private CronLine() { }

    /** The check line: every N minutes, the launcher and the log by absolute path, the marker last. */
    public static String check(Path launcher, Path log, int periodMinutes) {
        if (periodMinutes < 1 || periodMinutes > 59) {
            throw new IllegalArgumentException("period must be 1 to 59 minutes, not " + periodMinutes);
        }
        String when = periodMinutes == 1 ? "* * * * *" : "*/" + periodMinutes + " * * * *";
        return when + " " + quote(launcher) + " check >> " + quote(log) + " 2>&1 " + CHECK_MARKER;
    }

    /** {@code @reboot '/abs/mem_daemon' watch >> '/abs/tmp.log' 2>&1 # memory-daemon watch}. */
    public static String watch(Path launcher, Path log) {
        return "@reboot " + quote(launcher) + " watch >> " + quote(log) + " 2>&1 " + WATCH_MARKER;
    }

    public static boolean isCheck(String line) {
        return line.stripTrailing().endsWith(CHECK_MARKER) && !line.strip().startsWith("#");
    }

    public static boolean isWatch(String line) {
        return line.stripTrailing().endsWith(WATCH_MARKER) && !line.strip().startsWith("#");
    }

    public static boolean isLegacy(String line) {
        return !isCheck(line) && !isWatch(line) && LEGACY.matcher(line).matches();
    }

    /** The period in minutes of an every-N-minutes line (or of an every-minute line). */
    public static Optional<Integer> periodMinutes(String line) {
        Matcher m = PERIOD.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) == null ? 1 : Integer.parseInt(m.group(1)));
    }

    /** The launcher an owned line runs: the first word after its schedule, unquoted as {@link #quote} quoted it. */
    public static Optional<Path> launcher(String line) {
        Matcher m = COMMAND.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        String rest = line.substring(m.end()).replace("\\%", "%");
        if (rest.startsWith("'")) {
            int end = rest.indexOf("' ", 1);
            return end < 0 ? Optional.empty() : Optional.of(Path.of(rest.substring(1, end).replace("'\\''", "'")));
        }
        String word = rest.split("\\s+", 2)[0];
        return word.isEmpty() ? Optional.empty() : Optional.of(Path.of(word));
    }

    /**
     * A path as one /bin/sh word. Paths of ordinary characters stay bare (readable); others are single-quoted.
     * cron turns an unescaped {@code %} into a newline, so it is escaped for cron as well.
     */
    static String quote(Path path) {
        String s = path.toString();
        String word = s.matches("[A-Za-z0-9_./+:@=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
        return word.replace("%", "\\%");
    }
}
