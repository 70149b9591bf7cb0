// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.UntrustedText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The log file (tmp.log by default): one line per decision, appended; rotated to {@code .1 … .N} when it
 * passes its size cap. Lines also go to the console when a person is watching, and errors always go to
 * stderr; a line is not written twice when stderr is itself redirected into the log (as the cron line does).
 *
 * <p>Every line is escaped, so whatever a caller passes stays one line. The log is written only through
 * {@link OwnedFiles}: a log that is a link or someone else's is refused with one line on stderr, and the line
 * meant for it goes to stderr instead. Writing the log never throws: the decision and the signal come first,
 * and a bad log must not turn a kill into a failure.
 */
public final class EventLog {
    public static final long MAX_BYTES = 1024 * 1024;
    public static final int KEEP = 3;

    private final Path file;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean echo;
    /** The last reason the log could not be written, said once rather than for every line. */
    private String lastProblem;

    /** @param echo also print each line to {@code out} (interactive runs) */
    public EventLog(Path file, PrintWriter out, PrintWriter err, boolean echo) {
        this.file = file;
        this.out = out;
        this.err = err;
        this.echo = echo;
    }

    public void info(String text) {
        String line = UntrustedText.escape(text);
        if (echo) {
            out.println(line);
            out.flush();
        }
        if (!append(line) && !echo) {
            // the decision must not be lost with the log: stderr is what cron mails
            err.println(line);
            err.flush();
        }
    }

    /** A problem the user must see: stderr, and the log unless stderr already is the log. */
    public void error(String text) {
        String line = UntrustedText.escape(text);
        err.println(line);
        err.flush();
        if (!stderrIsLog()) {
            append(line);
        }
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
