// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.config.AppPaths;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The crontab lines memory-daemon owns, and the original tool's line. Each owned line calls the launcher by an
 * absolute path, appends its output to the log and ends with a marker comment, so it works under cron's bare
 * environment (no PATH, /bin/sh) and can be found again. cron sets HOME from the password file and nothing else:
 * where md.conf is not in {@code ~/.config/mem_daemon} ({@code XDG_CONFIG_HOME} set), the line sets
 * {@code XDG_CONFIG_HOME=…} before the launcher, so that cron's run reads the md.conf the wizard edited and shares
 * its lock, outbox and warn ledger with the watcher ({@code --config} would move md.conf alone). Without it the
 * line keeps the shape of earlier versions, and lines of earlier versions are found and replaced by their marker.
 */
public final class CronLine {
    /** Ends the periodic check line. */
    public static final String CHECK_MARKER = "# memory-daemon";
    /** Ends the {@code @reboot} line that starts the resident watcher. */
    public static final String WATCH_MARKER = "# memory-daemon watch";
    public static final int DEFAULT_PERIOD_MINUTES = 5;

    private static final Pattern PERIOD = Pattern.compile("^\\s*(?:\\*/(\\d+)|(\\*))\\s+\\*\\s+\\*\\s+\\*\\s+\\*\\s");
    private static final Pattern COMMAND = Pattern.compile("^\\s*(?:@reboot|(?:\\S+\\s+){4}\\S+)\\s+");
    private static final String XDG = "XDG_CONFIG_HOME=";
    /** The original tool ran {@code ~/bin/mem_daemon 0 1} (or {@code 1 1}) from cron, with no marker. */
    private static final Pattern LEGACY = Pattern.compile("^[^#].*\\bmem_daemon\\s+[01]\\s+[01]\\b.*");

    private CronLine() { }

    /** The check line for the default md.conf ({@code ~/.config/mem_daemon}). */
    public static String check(Path launcher, Path log, int periodMinutes) {
        return check(launcher, log, periodMinutes, Optional.empty());
    }

    /**
     * The check line: every N minutes, {@code XDG_CONFIG_HOME} when given, the launcher and the log by absolute path,
     * the marker last.
     */
    public static String check(Path launcher, Path log, int periodMinutes, Optional<Path> configHome) {
        if (periodMinutes < 1 || periodMinutes > 59) {
            throw new IllegalArgumentException("period must be 1 to 59 minutes, not " + periodMinutes);
        }
        String when = periodMinutes == 1 ? "* * * * *" : "*/" + periodMinutes + " * * * *";
        return when + " " + command(configHome, launcher, "check", log) + " " + CHECK_MARKER;
    }

    /** {@code @reboot '/abs/mem_daemon' watch >> '/abs/tmp.log' 2>&1 # memory-daemon watch}. */
    public static String watch(Path launcher, Path log) {
        return watch(launcher, log, Optional.empty());
    }

    public static String watch(Path launcher, Path log, Optional<Path> configHome) {
        return "@reboot " + command(configHome, launcher, "watch", log) + " " + WATCH_MARKER;
    }

    /** A line's shell command (a person may run it by hand): {@code [XDG_CONFIG_HOME=…] launcher what >> log 2>&1}. */
    static String command(Optional<Path> configHome, Path launcher, String what, Path log) {
        return configHome.map(h -> XDG + quote(h) + " ").orElse("") + quote(launcher) + " " + what + " >> "
                + quote(log) + " 2>&1";
    }

    /**
     * The {@code XDG_CONFIG_HOME} a line must carry for md.conf in {@code paths}: empty when it is the one cron's run
     * finds by itself, {@code ~/.config/mem_daemon}.
     */
    public static Optional<Path> configHomeFor(AppPaths paths, Path home) {
        Path configHome = paths.configDir().getParent();
        return configHome.equals(home.resolve(".config")) ? Optional.empty() : Optional.of(configHome);
    }

    /** The {@code XDG_CONFIG_HOME} an owned line sets; empty for a line without one (the default, or an older line). */
    public static Optional<Path> configHome(String line) {
        Matcher m = COMMAND.matcher(line);
        if (!m.find() || !line.startsWith(XDG, m.end())) {
            return Optional.empty();
        }
        return word(line.substring(m.end() + XDG.length()).replace("\\%", "%")).map(w -> Path.of(w.text()));
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

    /**
     * The launcher an owned line runs: the first word after its schedule (and after its {@code XDG_CONFIG_HOME=…}),
     * unquoted as {@link #quote} quoted it.
     */
    public static Optional<Path> launcher(String line) {
        Matcher m = COMMAND.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        String rest = line.substring(m.end()).replace("\\%", "%");
        if (rest.startsWith(XDG)) {
            Optional<Word> assignment = word(rest.substring(XDG.length()));
            if (assignment.isEmpty()) {
                return Optional.empty();
            }
            rest = rest.substring(XDG.length() + assignment.get().length()).stripLeading();
        }
        return word(rest).map(w -> Path.of(w.text()));
    }

    /** A word as {@link #quote} writes it, and how many characters it took. */
    private record Word(String text, int length) { }

    private static Optional<Word> word(String s) {
        if (!s.startsWith("'")) {
            String bare = s.split("\\s+", 2)[0];
            return bare.isEmpty() ? Optional.empty() : Optional.of(new Word(bare, bare.length()));
        }
        StringBuilder text = new StringBuilder();
        int i = 1;
        while (true) {
            int end = s.indexOf('\'', i);
            if (end < 0) {
                return Optional.empty();
            }
            text.append(s, i, end);
            if (s.startsWith("'\\''", end)) {
                text.append('\'');
                i = end + 4;
            } else {
                return Optional.of(new Word(text.toString(), end + 1));
            }
        }
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
