// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics file's text, in the Prometheus text format node_exporter's textfile collector reads: a HELP and a
 * TYPE line before each metric's samples, label values quoted with {@code \}, {@code "} and line feeds escaped, no
 * time stamps (the collector refuses them), one sample per series, a line feed at the end. The action counters
 * continue from the previous file's, so they survive restarts and are shared by cron's check and the watcher.
 */
public final class MetricsText {
    /** The watcher refreshes the file at most this often between decisions: last_check stays fresh, ticks stay cheap. */
    public static final long REFRESH_MILLIS = 15_000;
    /** A previous file larger than this is not ours (ours is ~2 KiB): it is not read, the counters restart at 0. */
    public static final int MAX_BYTES = 64 * 1024;

    /** The actions counted: what a real run did over the threshold. Dry runs and tests count nothing. */
    public static final List<Action> COUNTED = List.of(Action.KILLED, Action.KILLED_SIGKILL, Action.GONE,
            Action.KILL_REFUSED, Action.KILL_FAILED, Action.WARNED, Action.WARN_SUPPRESSED, Action.NO_CANDIDATE,
            Action.WARNED_EARLY);

    private static final String COUNTER = "memory_daemon_actions_total";
    // the labels one by one, so a quote or "action=" inside an escaped label value cannot fool it
    private static final Pattern SAMPLE = Pattern.compile(Pattern.quote(COUNTER)
            + "\\{(?:[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\",)*action=\"([a-z-]{1,40})\"(?:,[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\")*,?\\}"
            + " ([0-9]{1,18})");

    /**
     * What one file says, besides the counters.
     *
     * @param user        the user the run belongs to (the {@code user} label)
     * @param timeMillis  when memory was read, milliseconds since the epoch
     * @param outboxMails mails waiting in the outbox
     * @param warnThresholdPercent md.conf's warn_threshold, when set
     */
    public record Reading(String user, double usedPercent, double thresholdPercent, long timeMillis, int outboxMails,
                          java.util.Optional<Double> warnThresholdPercent) {
        public Reading(String user, double usedPercent, double thresholdPercent, long timeMillis, int outboxMails) {
            this(user, usedPercent, thresholdPercent, timeMillis, outboxMails, java.util.Optional.empty());
        }

        public static Reading of(String user, MemoryStatus memory, double thresholdPercent, long timeMillis,
                                 int outboxMails, java.util.Optional<Double> warnThresholdPercent) {
            return new Reading(user, memory.usedPercent(), thresholdPercent, timeMillis, outboxMails,
                    warnThresholdPercent);
        }
    }

    private MetricsText() { }

    /** Whether the watcher should refresh the file now, with no decision to report. */
    public static boolean due(long lastWriteMillis, long nowMillis) {
        return nowMillis - lastWriteMillis >= REFRESH_MILLIS;
    }

    /** Counted actions by log name, each counted one at 0 so its series exists from the first file on. */
    public static Map<String, Long> zero() {
        Map<String, Long> counts = new TreeMap<>();
        for (Action a : COUNTED) {
            counts.put(a.logName(), 0L);
        }
        return counts;
    }

    /** The counters plus one for {@code action}, if it is one that counts. */
    public static Map<String, Long> plus(Map<String, Long> counts, Action action) {
        Map<String, Long> sum = new TreeMap<>(counts);
        if (COUNTED.contains(action)) {
            sum.put(action.logName(), sum.getOrDefault(action.logName(), 0L) + 1);
        }
        return sum;
    }

    /**
     * The counters of a previous file: {@link #zero()} with its samples added (an action a newer version counted is
     * kept). IllegalArgumentException, with what is wrong, when it is not a file this class wrote.
     */
    public static Map<String, Long> counters(String previous) {
        Map<String, Long> counts = zero();
        if (previous.isEmpty()) {
            return counts;
        }
        if (!previous.endsWith("\n")) {
            throw new IllegalArgumentException("it does not end with a line feed (cut short?)");
        }
        Map<String, Long> seen = new TreeMap<>();
        int lineNumber = 0;
        for (String line : previous.split("\n", -1)) {
            lineNumber++;
            if (!line.startsWith(COUNTER + "{")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + lineNumber + " is not a " + COUNTER + " sample");
            }
            if (seen.put(m.group(1), Long.parseLong(m.group(2))) != null) {
                throw new IllegalArgumentException("line " + lineNumber + " repeats action \"" + m.group(1) + "\"");
            }
        }
        counts.putAll(seen);
        return counts;
    }

    /** The whole file: HELP and TYPE, then the samples, each with the {@code user} label. */
    public static String render(Reading r, Map<String, Long> counts) {
        String user = "user=\"" + labelValue(r.user()) + "\"";
        StringBuilder b = new StringBuilder(2048);
        gauge(b, "memory_daemon_used_ratio", "Share of RAM in use (MemTotal - MemAvailable) / MemTotal at the last"
                + " reading.", user, ratio(r.usedPercent()));
        gauge(b, "memory_daemon_threshold_ratio", "The threshold of md.conf as a share of RAM: above it"
                + " memory-daemon acts.", user, ratio(r.thresholdPercent()));
        if (r.warnThresholdPercent().isPresent()) {
            gauge(b, "memory_daemon_warn_threshold_ratio", "warn_threshold of md.conf as a share of RAM: at or above it"
                    + " (under the threshold) the user is warned once, early.", user,
                    ratio(r.warnThresholdPercent().get()));
        }
        gauge(b, "memory_daemon_last_check_timestamp_seconds", "When memory-daemon last read memory, seconds since"
                + " the epoch.", user, seconds(r.timeMillis()));
        head(b, COUNTER, "Decisions memory-daemon made over the threshold, by action (dry runs and tests not"
                + " counted).", "counter");
        for (Map.Entry<String, Long> c : counts.entrySet()) {
            b.append(COUNTER).append('{').append(user).append(",action=\"").append(labelValue(c.getKey()))
                    .append("\"} ").append(c.getValue()).append('\n');
        }
        gauge(b, "memory_daemon_outbox_mails", "Mails waiting in the outbox for a later delivery.", user,
                Integer.toString(r.outboxMails()));
        return b.toString();
    }

    /** A label value as the text format wants it between its quotes. */
    public static String labelValue(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A share from a percentage, to six places ({@code 0.931234}), never in E notation. */
    static String ratio(double percent) {
        long millionths = Math.round(percent * 10_000);
        return decimal(millionths, 1_000_000);
    }

    /** Seconds since the epoch to the millisecond ({@code 1764608400.123}). */
    static String seconds(long millis) {
        return decimal(millis, 1000);
    }

    private static String decimal(long units, long perOne) {
        String sign = units < 0 ? "-" : "";
        long abs = Math.abs(units);
        String fraction = Long.toString(abs % perOne + perOne).substring(1);
        int end = fraction.length();
        while (end > 0 && fraction.charAt(end - 1) == '0') {
            end--;
        }
        return sign + abs / perOne + (end == 0 ? "" : "." + fraction.substring(0, end));
    }

    private static void gauge(StringBuilder b, String name, String help, String user, String value) {
        head(b, name, help, "gauge");
        b.append(name).append('{').append(user).append("} ").append(value).append('\n');
    }

    private static void head(StringBuilder b, String name, String help, String type) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
