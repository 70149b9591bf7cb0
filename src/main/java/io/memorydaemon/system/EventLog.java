// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Logfmt;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.UntrustedText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * The log file (tmp.log by default): one logfmt line per decision, appended; rotated to {@code .1 … .N} when it
 * passes its size cap. Each line starts {@code time=… level=…}; the rest are the caller's fields, built with
 * {@link Logfmt}. Lines also go to the console when a person is watching; problems always go to stderr too (as a
 * sentence for a person, {@code memory-daemon: …}); a line is not written twice when stderr is itself
 * redirected into the log (as the cron line does). The system watcher's log is the journal instead: every
 * line on stdout with its syslog priority ({@code <3>} error, {@code <4>} warning, {@code <6>} info), no file.
 *
 * <p>Every line is escaped, so whatever a caller passes stays one line. The log is written only through
 * {@link OwnedFiles}: a log that is a link or someone else's is refused with one line on stderr, and the line
 * meant for it goes to stderr instead. Writing the log never throws: the decision and the signal come first,
 * and a bad log must not turn a kill into a failure.
 */
public final class EventLog {
    public static final long MAX_BYTES = 1024 * 1024;
    public static final int KEEP = 3;
    private static final String PREFIX = "memory-daemon: ";

    /** A line's level, with its syslog priority for the journal. */
    public enum Level {
        INFO("info", 6), WARNING("warning", 4), ERROR("error", 3);

        private final String logName;
        private final int priority;

        Level(String logName, int priority) {
            this.logName = logName;
            this.priority = priority;
        }

        public String logName() {
            return logName;
        }
    }

    /** Null for the journal, or for stderr alone when the log file cannot be used. */
    private final Path file;
    /** With no file: the journal (stdout, priority prefixes) or else stderr alone. */
    private final boolean journal;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean echo;
    private final Clock clock;
    /** The last reason the log could not be written, said once rather than for every line. */
    private String lastProblem;

    /** @param echo also print each line to {@code out} (interactive runs) */
    public EventLog(Path file, PrintWriter out, PrintWriter err, boolean echo) {
        this(file, out, err, echo, Clock.systemDefaultZone());
    }

    EventLog(Path file, PrintWriter out, PrintWriter err, boolean echo, Clock clock) {
        this(file, file == null, out, err, echo, clock);
    }

    private EventLog(Path file, boolean journal, PrintWriter out, PrintWriter err, boolean echo, Clock clock) {
        this.file = file;
        this.journal = journal;
        this.out = out;
        this.err = err;
        this.echo = echo;
        this.clock = clock;
    }

    /** The system watcher's log: every line to {@code out} (the journal) with its priority, nothing else. */
    public static EventLog journal(PrintWriter out) {
        return journal(out, Clock.systemDefaultZone());
    }

    static EventLog journal(PrintWriter out, Clock clock) {
        return new EventLog(null, true, out, out, false, clock);
    }

    /** A log whose file cannot be used (md.conf's log_file): every line to stderr, which cron mails. */
    public static EventLog console(PrintWriter err) {
        return new EventLog(null, false, err, err, false, Clock.systemDefaultZone());
    }

    /** A line of fields (logfmt) at level info. */
    public void info(String fields) {
        write(Level.INFO, ZonedDateTime.now(clock), fields, false);
    }

    /** A line of fields (logfmt) a person must see too: the log and stderr. */
    public void report(Level level, String fields) {
        write(level, ZonedDateTime.now(clock), fields, level != Level.INFO);
    }

    /**
     * A check's decision, at the time it was made: a warning when it signalled or warned about someone; a kill that
     * failed is an error (its line carries the reason: EPERM without CAP_KILL, or a process that survived SIGKILL).
     */
    public void decision(Outcome outcome, String moreFields) {
        Level level = switch (outcome.action()) {
            case KILL_FAILED -> Level.ERROR;
            case KILLED, KILLED_SIGKILL, GONE, KILL_REFUSED, WARNED, WARNED_EARLY -> Level.WARNING;
            default -> Level.INFO;
        };
        write(level, outcome.time(), Logfmt.fields().addAll(outcome.logFields()).addAll(moreFields).toString(), false);
    }

    /** A problem in words, as a person reads it on stderr; {@code msg="…"} in the log (without "memory-daemon: "). */
    public void warning(String message) {
        problem(Level.WARNING, message);
    }

    /** As {@link #warning}, at level error. */
    public void error(String message) {
        problem(Level.ERROR, message);
    }

    private void problem(Level level, String message) {
        String text = message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
        String line = line(level, ZonedDateTime.now(clock), Logfmt.pair("msg", text));
        if (file == null) {
            journal(level, line);
            return;
        }
        if (!stderrIsLog()) {
            err.println(UntrustedText.escape(message));
            err.flush();
        }
        append(line);
    }


    private void write(Level level, ZonedDateTime time, String fields, boolean toStderr) {
        String line = line(level, time, fields);
        if (file == null) {
            journal(level, line);
            return;
        }
        if (echo) {
            out.println(line);
            out.flush();
        }
        boolean stderrIsLog = toStderr && stderrIsLog();
        if (toStderr && !stderrIsLog) {
            err.println(line);
            err.flush();
        }
        if (!append(line) && !echo && !(toStderr && !stderrIsLog)) {
            // the decision must not be lost with the log: stderr is what cron mails
            err.println(line);
            err.flush();
        }
    }

    private void journal(Level level, String line) {
        out.println(journal ? "<" + level.priority + ">" + line : line);
        out.flush();
    }

    private static String line(Level level, ZonedDateTime time, String fields) {
        return UntrustedText.escape(Logfmt.fields().add("time", Logfmt.time(time)).add("level", level.logName)
                .addAll(fields).toString());
    }

    /** Stderr is the log itself, not what a link there points to (a linked log is never written). */
    private boolean stderrIsLog() {
        return !Files.isSymbolicLink(file) && StandardStreams.isFile(StandardStreams.STDERR, file);
    }

    /** False (and the reason on stderr, once) when the line could not be written. */
    private boolean append(String line) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                OwnedFiles.createDirectories(dir);
            }
            FileChannel channel = OwnedFiles.append(file);
            try {
                if (channel.size() >= MAX_BYTES) {
                    channel.close();
                    rotate();
                    channel = OwnedFiles.append(file);
                }
                ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } finally {
                channel.close();
            }
            return true;
        } catch (IOException e) {
            String problem = e instanceof UnsafeFileException ? "memory-daemon: not writing the log: " + e.getMessage()
                    : "memory-daemon: cannot write the log " + file + ": " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                err.println(problem);
                err.flush();
                lastProblem = problem;
            }
            return false;
        }
    }

    /** {@code .2} to {@code .3}, {@code .1} to {@code .2}, the log to {@code .1}; renames never follow a link. */
    private void rotate() throws IOException {
        for (int i = KEEP - 1; i >= 1; i--) {
            Path older = sibling(i);
            if (Files.exists(older, LinkOption.NOFOLLOW_LINKS)) {
                OwnedFiles.replace(older, sibling(i + 1));
            }
        }
        OwnedFiles.replace(file, sibling(1));
    }

    private Path sibling(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }
}
