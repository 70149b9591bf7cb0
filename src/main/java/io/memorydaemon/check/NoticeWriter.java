// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the kill notice and the warning: plain text a user reads on a phone, with the facts to act on: the job
 * and each of its processes, and for a warning where the memory is. User names and command lines are escaped
 * ({@link UntrustedText}): another user's command line must not add rows to the table, lines to the body or headers
 * to the mail.
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

    /** The notice for an outcome that acted or would have acted on a job. */
    public Notice write(Outcome o, boolean test) {
        ProcessDetails p = o.process().orElseThrow();
        JobReport job = o.decision().job().orElseThrow();
        boolean kill = switch (o.action()) {
            case KILLED, KILLED_SIGKILL, GONE, KILL_FAILED, KILL_REFUSED, WOULD_KILL -> true;
            default -> false;
        };
        // a test keeps the subject's start, which users filter on, and says so at its end
        String subject = (kill ? Notice.KILL_SUBJECT : Notice.WARNING_SUBJECT) + subjectCommand(p)
                + (test ? TEST_MARK : "");
        StringBuilder b = new StringBuilder(2048);
        if (test) {
            b.append("THIS IS A TEST: a dummy trigger (threshold treated as 0%) made this check act.\n")
                    .append("Nothing was killed. A real run over the threshold would have ")
                    .append(kill ? "terminated" : "only warned about").append(" the job below.\n\n");
        }
        String used = Units.percent(o.memory().usedPercent());
        b.append("Dear user,\n\n").append(String.format(Locale.ROOT, "On %s at %s, used RAM was %s, over your"
                + " threshold of %s%%.%n", hostname, TIME.format(o.time()), used, Units.threshold(o.thresholdPercent())));
        b.append(kill ? NoticeText.killed(o.action(), job, o.decision().failure()) : NoticeText.warning(o)).append('\n');
        appendJob(b, job, p, o.memory().totalBytes());
        appendMemory(b, o, used).append("  Threshold: ").append(Units.threshold(o.thresholdPercent())).append("%\n");
        Choice.Picture where = o.decision().picture();
        if (where.shmemBytes() > 0) {
            b.append("  Shared memory (tmpfs, /dev/shm): ").append(Units.bytes(where.shmemBytes())).append('\n');
        }
        if (where.unexplainedBytes() > 0) {
            b.append("  Held by no process visible to memory-daemon: ").append(Units.bytes(where.unexplainedBytes()))
                    .append('\n');
        }
        appendTail(b, o);
        return new Notice(kill ? Notice.Kind.KILL : Notice.Kind.WARNING, subject, b.toString());
    }

    /**
     * The early warning ({@code warn_threshold}): the user's job a kill would take, how much is used now, both
     * thresholds, and when the kill's threshold is reached at the current rate; nothing has been done yet.
     */
    public Notice writeEarly(Outcome o) {
        ProcessDetails p = o.process().orElseThrow();
        JobReport job = o.decision().job().orElseThrow();
        String subject = Notice.EARLY_SUBJECT + subjectCommand(p);
        String used = Units.percent(o.memory().usedPercent());
        String warn = o.decision().warnThresholdPercent().map(Units::threshold).orElse("?");
        String threshold = Units.threshold(o.thresholdPercent());
        StringBuilder b = new StringBuilder(2048).append("Dear user,\n\n").append(String.format(Locale.ROOT,
                "On %s at %s, used RAM was %s: over your early-warning threshold of %s%%, under your threshold"
                        + " of %s%%.%n", hostname, TIME.format(o.time()), used, warn, threshold));
        o.decision().forecast().ifPresentOrElse(f -> b.append(String.format(Locale.ROOT, "At the rate it grows now"
                        + " (%s a minute), used RAM reaches %s%% in about %s, around %s.%n",
                Units.bytes((long) (f.bytesPerSecond() * 60)), threshold, NoticeText.duration(f.until()),
                TIME.format(o.time().plus(f.until())))),
                () -> b.append("Used RAM is not growing measurably now.\n"));
        b.append("If it reaches ").append(threshold).append("%, memory-daemon will terminate ")
                .append(job.processes() == 1 ? "your process below" : "your job below (" + job.processes()
                        + " processes, " + Units.bytes(job.job().memoryBytes()) + " in all)")
                .append(". Nothing has been done yet: save your work, or make it use less memory.\n")
                .append("You get this warning once, until used RAM falls below ")
                .append(o.decision().warnThresholdPercent().map(w -> Units.threshold(Trigger.rearmPercent(w)))
                        .orElse("?")).append("% again.\n");
        appendJob(b, job, p, o.memory().totalBytes());
        appendMemory(b, o, used).append("  Early warning at: ").append(warn).append("%\n")
                .append("  Threshold: ").append(threshold).append("%\n");
        appendTail(b, o);
        return new Notice(Notice.Kind.EARLY, subject, b.toString());
    }

    /** The memory block's first lines: the total and what is used. */
    private static StringBuilder appendMemory(StringBuilder b, Outcome o, String used) {
        return b.append("\nMemory\n")
                .append("  Total:   ").append(Units.bytes(o.memory().totalBytes())).append('\n')
                .append("  Used:    ").append(Units.bytes(o.memory().usedBytes())).append(" (").append(used)
                .append(")\n");
    }

    /** The largest processes and the signature. */
    private void appendTail(StringBuilder b, Outcome o) {
        b.append("\nTop processes by resident memory\n");
        appendTable(b, o.top(), o.memory().totalBytes());
        b.append("\n-- \nmemory-daemon on ").append(hostname).append('\n');
    }

    /** The job: what it is, whose, how much, and each of its processes (the largest, then how many more). */
    private static void appendJob(StringBuilder b, JobReport job, ProcessDetails main, long total) {
        b.append("\nJob\n")
                .append("  What:    ").append(NoticeText.kind(job.job())).append('\n')
                .append("  User:    ").append(UntrustedText.escape(job.user())).append('\n')
                .append("  Memory:  ").append(Units.bytes(job.job().memoryBytes())).append(" (")
                .append(Units.percent(100.0 * job.job().memoryBytes() / Math.max(1, total))).append(" of RAM; ")
                .append(job.job().pss() ? "shared pages counted once" : "resident sets added up").append(")\n")
                .append("  Command: ").append(UntrustedText.escape(main.command())).append('\n')
                .append("\nIts processes\n");
        appendTable(b, job.members(), total);
        if (job.processes() > job.members().size()) {
            b.append("  … and ").append(job.processes() - job.members().size()).append(" more\n");
        }
    }

    private static void appendTable(StringBuilder b, List<ProcessDetails> rows, long total) {
        b.append(String.format(Locale.ROOT, "  %8s  %-12s %10s %6s  %s%n", "PID", "USER", "RSS", "%MEM", "COMMAND"));
        for (ProcessDetails t : rows) {
            b.append(String.format(Locale.ROOT, "  %8d  %-12s %10s %6s  %s%n", t.pid(),
                    UntrustedText.escape(t.user()), Units.bytes(t.rssBytes()),
                    Units.percent(100.0 * t.rssBytes() / Math.max(1, total)),
                    UntrustedText.escape(t.command(), TABLE_COMMAND_MAX)));
        }
    }

    /** The command's first word, as the original tool put it in the subject (the body has the whole line). */
    static String subjectCommand(ProcessDetails p) {
        String cmd = p.command().strip();
        return UntrustedText.escape(cmd.split("\\s+", 2)[0], SUBJECT_COMMAND_MAX);
    }
}
