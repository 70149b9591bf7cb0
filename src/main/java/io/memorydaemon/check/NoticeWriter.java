// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the kill notice and the warning: plain text a user reads on a phone, with the facts to act on. User
 * names and command lines are escaped ({@link UntrustedText}): another user's command line must not add rows to
 * the table, lines to the body or headers to the mail.
 */
public final class NoticeWriter {

    /** The end of a test mail's subject. */
    public static final String TEST_MARK = " (test, nothing was killed)";
    private static final int SUBJECT_COMMAND_MAX = 100;
    private static final int TABLE_COMMAND_MAX = 120;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final String hostname;

    public NoticeWriter(String hostname) {
        this.hostname = hostname;
    }

    /** The notice for an outcome that acted or would have acted on a process. */
    public Notice write(Outcome o, boolean test) {
        ProcessDetails p = o.process().orElseThrow();
        String user = UntrustedText.escape(p.user());
        boolean kill = switch (o.action()) {
            case KILLED, KILLED_SIGKILL, GONE, KILL_FAILED, KILL_REFUSED, WOULD_KILL -> true;
            default -> false;
        };
        // a test keeps the subject's start, which users filter on, and says so at its end
        String subject = (kill ? Notice.KILL_SUBJECT : Notice.WARNING_SUBJECT) + subjectCommand(p)
                + (test ? TEST_MARK : "");
        StringBuilder b = new StringBuilder(1024);
        if (test) {
            b.append("THIS IS A TEST: a dummy trigger (threshold treated as 0%) made this check act.\n")
                    .append("Nothing was killed. A real run over the threshold would have ")
                    .append(kill ? "terminated" : "only warned about").append(" the process below.\n\n");
        }
        b.append("Dear user,\n\n");
        String used = Units.percent(o.memory().usedPercent());
        if (kill) {
            b.append(String.format(Locale.ROOT,
                    "On %s at %s, used RAM was %s, over your threshold of %s%%.%n%s%n",
                    hostname, TIME.format(o.time()), used, Units.threshold(o.thresholdPercent()), what(o.action())));
        } else {
            b.append(String.format(Locale.ROOT,
                    "On %s at %s, used RAM was %s, over your threshold of %s%%.%n"
                            + "The largest process belongs to user '%s'; memory-daemon cannot and does not kill"
                            + " other users' processes. You may want to contact them or the administrator.%n",
                    hostname, TIME.format(o.time()), used, Units.threshold(o.thresholdPercent()), user));
        }
        long total = o.memory().totalBytes();
        b.append("\nProcess\n")
                .append("  PID:     ").append(p.pid()).append('\n')
                .append("  User:    ").append(user).append('\n')
                .append("  RSS:     ").append(Units.bytes(p.rssBytes()))
                .append(" (").append(Units.percent(100.0 * p.rssBytes() / Math.max(1, total))).append(" of RAM)\n")
                .append("  Command: ").append(UntrustedText.escape(p.command())).append('\n')
                .append("\nMemory\n")
                .append("  Total:   ").append(Units.bytes(total)).append('\n')
                .append("  Used:    ").append(Units.bytes(o.memory().usedBytes())).append(" (").append(used)
                .append(")\n")
                .append("  Threshold: ").append(Units.threshold(o.thresholdPercent())).append("%\n")
                .append("\nTop processes by resident memory\n");
        appendTop(b, o.top(), total);
        b.append("\n-- \nmemory-daemon on ").append(hostname).append('\n');
        return new Notice(kill ? Notice.Kind.KILL : Notice.Kind.WARNING, subject, b.toString());
    }

    private static String what(Action action) {
        return switch (action) {
            case KILLED -> "Your process below was sent SIGTERM and exited.";
            case KILLED_SIGKILL -> "Your process below ignored SIGTERM for the grace period and was killed with SIGKILL.";
            case GONE -> "Your process below exited by itself before it could be signalled.";
            case KILL_REFUSED -> "Your process below was chosen, but a last safety check refused to signal it"
                    + " (its owner or identity changed).";
            case KILL_FAILED -> "Your process below was signalled but could not be terminated.";
            default -> "Your process below is the one a real run would have terminated (SIGTERM, then SIGKILL).";
        };
    }

    private static void appendTop(StringBuilder b, List<ProcessDetails> top, long total) {
        b.append(String.format(Locale.ROOT, "  %8s  %-12s %10s %6s  %s%n", "PID", "USER", "RSS", "%MEM", "COMMAND"));
        for (ProcessDetails t : top) {
            b.append(String.format(Locale.ROOT, "  %8d  %-12s %10s %6s  %s%n", t.pid(),
                    UntrustedText.escape(t.user()), Units.bytes(t.rssBytes()), Units.percent(100.0 * t.rssBytes() / Math.max(1, total)),
                    UntrustedText.escape(t.command(), TABLE_COMMAND_MAX)));
        }
    }

    /** The command's first word, as the original tool put it in the subject (the body has the whole line). */
    static String subjectCommand(ProcessDetails p) {
        String cmd = p.command().strip();
        return UntrustedText.escape(cmd.split("\\s+", 2)[0], SUBJECT_COMMAND_MAX);
    }
}
