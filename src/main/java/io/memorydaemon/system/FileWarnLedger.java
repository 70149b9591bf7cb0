// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.WarnLedger;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The warnings sent, one line each ({@code pid startTimeTicks epochSeconds}; an early warning's line starts with
 * {@code early}) in a small state file; entries older than a week are dropped when the file is written. A damaged file is treated as empty: at worst one warning too many.
 * The file is read and written only through {@link OwnedFiles}: a state file that is a link or someone else's is
 * treated as empty and reported, and the next write replaces it (a rename replaces the link, never its target).
 */
public final class FileWarnLedger implements WarnLedger {
    private static final Duration KEEP = Duration.ofDays(7);
    /** Far more than a week of warnings; a longer file is damaged and only its start is read. */
    private static final int MAX_LINES = 10_000;

    private final Path file;
    private final Consumer<String> problems;
    /** Said once per ledger: a check asks the ledger twice. */
    private String lastProblem;

    /** @param problems told, in one line each, why the file could not be used (a refused file must not go unsaid) */
    public FileWarnLedger(Path file, Consumer<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    private record Entry(boolean early, long pid, long startTimeTicks, long epochSeconds) {
        boolean about(ProcessInfo p) {
            return pid == p.pid() && startTimeTicks == p.startTimeTicks();
        }
    }

    @Override
    public boolean warnedRecently(ProcessInfo p, Instant now, Duration interval) {
        return read().stream().anyMatch(e -> !e.early() && e.about(p)
                && now.getEpochSecond() - e.epochSeconds() < interval.toSeconds());
    }

    @Override
    public void recordWarning(ProcessInfo p, Instant now) {
        record(false, p, now);
    }

    @Override
    public boolean warnedEarly(ProcessInfo p, Instant now, Duration interval) {
        return read().stream().anyMatch(e -> e.early() && e.about(p)
                && now.getEpochSecond() - e.epochSeconds() < interval.toSeconds());
    }

    @Override
    public void recordEarly(ProcessInfo p, Instant now) {
        record(true, p, now);
    }

    @Override
    public void rearmEarly() {
        List<Entry> all = read();
        if (all.stream().anyMatch(Entry::early)) {
            save(all.stream().filter(e -> !e.early()).toList());
        }
    }

    @Override
    public Optional<Instant> lastEarly() {
        return read().stream().filter(Entry::early).map(e -> Instant.ofEpochSecond(e.epochSeconds()))
                .max(Instant::compareTo);
    }

    private void record(boolean early, ProcessInfo p, Instant now) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : read()) {
            boolean same = e.early() == early && e.about(p);
            if (!same && now.getEpochSecond() - e.epochSeconds() < KEEP.toSeconds()) {
                kept.add(e);
            }
        }
        kept.add(new Entry(early, p.pid(), p.startTimeTicks(), now.getEpochSecond()));
        save(kept);
    }

    private void save(List<Entry> entries) {
        StringBuilder b = new StringBuilder();
        entries.forEach(e -> b.append(e.early() ? "early " : "").append(e.pid()).append(' ')
                .append(e.startTimeTicks()).append(' ').append(e.epochSeconds()).append('\n'));
        try {
            write(b.toString());
        } catch (IOException e) {
            // losing the ledger only means one repeated warning; never fail a check for it
            report("memory-daemon: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Through a new temporary file beside it, synced, then renamed over the state: never half a file. */
    private void write(String text) throws IOException {
        OwnedFiles.replaceWith(file, file.resolveSibling(file.getFileName() + ".tmp"),
                text.getBytes(StandardCharsets.US_ASCII), false);
    }

    private List<Entry> read() {
        List<Entry> entries = new ArrayList<>();
        Optional<InputStream> in;
        try {
            in = OwnedFiles.read(file);
        } catch (UnsafeFileException e) {
            report("memory-daemon: not reading the warning state: " + e.getMessage());
            return entries;
        } catch (IOException e) {
            return entries;
        }
        if (in.isEmpty()) {
            return entries;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.US_ASCII))) {
            String line;
            while (entries.size() < MAX_LINES && (line = r.readLine()) != null) {
                parse(line).ifPresent(entries::add);
            }
        } catch (IOException e) {
            return entries;
        }
        return entries;
    }

    private void report(String problem) {
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            problems.accept(problem);
        }
    }

    private static Optional<Entry> parse(String line) {
        String[] f = line.trim().split(" ");
        boolean early = f.length == 4 && f[0].equals("early");
        int at = early ? 1 : 0;
        if (f.length != 3 + at) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(early, Long.parseLong(f[at]), Long.parseLong(f[at + 1]),
                    Long.parseLong(f[at + 2])));
        } catch (NumberFormatException damaged) {
            return Optional.empty();
        }
    }
}
