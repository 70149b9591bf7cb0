// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.WarnLedger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings sent, one line each ({@code pid startTime epochSeconds}) in a small state file; entries older
 * than a week are dropped when the file is written. A damaged file is treated as empty: at worst one warning too many.
 */
public final class FileWarnLedger implements WarnLedger {
    private static final Duration KEEP = Duration.ofDays(7);

    private final Path file;

    public FileWarnLedger(Path file) {
        this.file = file;
    }

    private record Entry(long pid, long startTime, long epochSeconds) { }

    @Override
    public boolean warnedRecently(ProcessInfo p, Instant now, Duration interval) {
        return read().stream().anyMatch(e -> e.pid() == p.pid() && e.startTime() == p.startTime()
                && now.getEpochSecond() - e.epochSeconds() < interval.toSeconds());
    }

    @Override
    public void recordWarning(ProcessInfo p, Instant now) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : read()) {
            boolean same = e.pid() == p.pid() && e.startTime() == p.startTime();
            if (!same && now.getEpochSecond() - e.epochSeconds() < KEEP.toSeconds()) {
                kept.add(e);
            }
        }
        kept.add(new Entry(p.pid(), p.startTime(), now.getEpochSecond()));
        StringBuilder b = new StringBuilder();
        kept.forEach(e -> b.append(e.pid()).append(' ').append(e.startTime()).append(' ').append(e.epochSeconds())
                .append('\n'));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // losing the ledger only means one repeated warning; never fail a check for it
        }
    }

    private List<Entry> read() {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split(" ");
                if (f.length == 3) {
                    try {
                        entries.add(new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                    } catch (NumberFormatException ignored) {
                        // skip a damaged line
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            return entries;
        }
        return entries;
    }
}
