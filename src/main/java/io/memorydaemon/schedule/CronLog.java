// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.check.Logfmt;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.OwnedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log a crontab line appends to ({@code >> tmp.log 2>&1}), and what it tells of cron's runs.
 *
 * <p>cron's shell opens it before memory-daemon runs: it would create a missing log under the user's umask (0644,
 * readable by all) and follow a link planted there. So the wizard creates it first, 0600, through the tool's own file
 * rules, and the shell only ever appends. Not in another user's directory (root editing a user's crontab): a log root
 * created there would lock the user out of it.
 */
public final class CronLog {
    /** Enough of the log's end for the last runs: a check writes one line of at most ~400 bytes. */
    private static final int TAIL_BYTES = 64 * 1024;
    /**
     * A check's decision ({@code used=… threshold=… action=…}, not a dry run's or a test's {@code would-…}), a check
     * skipped for the watcher's lock ({@code action=skipped}), or the wizard's note of a new line; by the fields'
     * places, never by text inside a quoted value such as {@code cmd="…"}.
     */
    private static final Pattern RUN = Pattern.compile("^time=(\\S+) level=\\S+ "
            + "(?:(?:used=\\S+ threshold=\\S+ )?action=(?!would-)[a-z-]+|cron=installed)(?: .*)?$");

    private CronLog() { }

    public static void prepare(Path log) throws IOException {
        Path dir = log.toAbsolutePath().getParent();
        if (dir == null || !OwnedFiles.mayCreateIn(dir)) {
            return;
        }
        OwnedFiles.createDirectories(dir);
        OwnedFiles.append(log).close();
    }

    /**
     * Notes in the log that the line was (re)installed, so that "no run for two periods" counts from now, not from
     * the last run of a line removed long ago: {@code cron=installed every=5m}.
     */
    public static void noteInstalled(Path log, int periodMinutes, PrintWriter err) {
        new EventLog(log, new PrintWriter(PrintWriter.nullWriter()), err, false)
                .info(Logfmt.fields().add("cron", "installed").add("every", periodMinutes + "m").toString());
    }

    /**
     * When cron last ran the check, as the logs show it: the newest decision line or installation note in any of
     * {@code logs} (the cron line's file and md.conf's {@code log_file}, when they differ); else the newest
     * modification time of those logs (the wizard created the file when it installed the line). Empty when none
     * exists.
     */
    public static Optional<Instant> lastRun(List<Path> logs) {
        Optional<Instant> newest = Optional.empty();
        for (Path log : logs) {
            Optional<Instant> seen = lastRunLine(log).or(() -> modified(log));
            if (seen.isPresent() && (newest.isEmpty() || seen.get().isAfter(newest.get()))) {
                newest = seen;
            }
        }
        return newest;
    }

    static Optional<Instant> lastRunLine(Path log) {
        List<String> lines = tail(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = RUN.matcher(lines.get(i));
            if (m.matches()) {
                try {
                    return Optional.of(OffsetDateTime.parse(m.group(1)).toInstant());
                } catch (DateTimeParseException e) {
                    // not a line of ours; look further back
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> modified(Path log) {
        try {
            return Optional.of(Files.getLastModifiedTime(log).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the log (the first, likely cut, dropped when the tail starts mid-file). */
    private static List<String> tail(Path log) {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long from = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - from));
            channel.position(from);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read to the end
            }
            List<String> lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).lines().toList();
            return from > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        } catch (IOException e) {
            return List.of();
        }
    }
}
