// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.MetricsText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * md.conf's {@code metrics_file}, for node_exporter's textfile collector. Replaced whole each time: a temporary
 * file in the same directory (never ending in .prom, so the collector skips it), written, fsync'ed, renamed over
 * the file, so a scrape sees the old file or the new one, never half of one.
 *
 * <p>The action counters are read back from the previous file (bounded, never through a link, only if it is this
 * user's) and the new ones added: they survive restarts, and cron's check and the watcher of one user add to the
 * same series. A previous file that cannot be read as ours restarts them at 0 with one line in the log.
 *
 * <p>Unlike the tool's private files it is 0644 whatever the umask: node_exporter runs as another user
 * ({@code prometheus}) and must read it. It holds nothing secret: memory shares, the threshold and counters.
 *
 * <p>Never throws: a problem is one line in the log (said once while it lasts) and the run goes on; the metrics
 * come after the signal and the decision's log line, and never change a run's exit code.
 */
public final class MetricsFile {
    private final Path file;
    /** Actions decided since the last file written: kept when a write fails, added to the next one. */
    private final Map<String, Long> pending = new TreeMap<>();
    /** Problems logged since the last file written: each is said once while it lasts. */
    private final Set<String> told = new HashSet<>();

    public MetricsFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Writes the file with the previous counters plus the actions decided since the last write; false on a problem. */
    public boolean write(MetricsText.Reading reading, Iterable<Action> decided, EventLog log) {
        for (Action a : decided) {
            pending.putAll(MetricsText.plus(pending, a));
        }
        try {
            Optional<FileStat> now = FileStat.of(file);
            if (now.isPresent() && !now.get().link() && now.get().uid() != FileStat.myUid()) {
                // another user's file (two md.conf naming one file): theirs, neither read nor replaced
                throw new UnsafeFileException(file, now.get().problem(false).orElse("is another user's"));
            }
            Map<String, Long> counts = previous(log);
            for (Map.Entry<String, Long> p : pending.entrySet()) {
                counts.put(p.getKey(), counts.getOrDefault(p.getKey(), 0L) + p.getValue());
            }
            replace(MetricsText.render(reading, counts));
            pending.clear();
            told.clear();
            return true;
        } catch (IOException | RuntimeException e) {
            String what = e instanceof UnsafeFileException ? e.getMessage() : e.toString();
            tell(log, "memory-daemon: cannot write metrics_file " + file + ": " + what);
            return false;
        }
    }

    /** The counters the file holds now; {@link MetricsText#zero()} when there is none or it is not ours. */
    private Map<String, Long> previous(EventLog log) {
        String problem;
        try {
            Optional<FileStat> stat = FileStat.of(file);
            if (stat.isEmpty()) {
                return MetricsText.zero();
            }
            Optional<String> unsafe = stat.get().problem(false);
            if (unsafe.isPresent()) {
                problem = unsafe.get();
            } else {
                Optional<InputStream> in = OwnedFiles.read(file);
                if (in.isEmpty()) {
                    return MetricsText.zero();
                }
                byte[] bytes;
                try (InputStream s = in.get()) {
                    bytes = s.readNBytes(MetricsText.MAX_BYTES + 1);
                }
                if (bytes.length > MetricsText.MAX_BYTES) {
                    problem = "is larger than " + MetricsText.MAX_BYTES / 1024 + " KiB";
                } else {
                    return MetricsText.counters(new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            problem = "is not a metrics file memory-daemon wrote: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            problem = "cannot be read: " + e.getMessage();
        }
        tell(log, "memory-daemon: metrics_file " + file + " " + problem + "; its action counters restart at 0");
        return MetricsText.zero();
    }

    private void replace(String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        OwnedFiles.replaceWith(file, tmp, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Once while the problem lasts: the watcher writes every few seconds. */
    private void tell(EventLog log, String problem) {
        if (told.add(problem)) {
            log.error(problem);
        }
    }
}
