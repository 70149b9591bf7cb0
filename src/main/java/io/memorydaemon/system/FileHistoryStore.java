// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.HistoryStore;
import io.memorydaemon.check.MemoryHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code check}'s last readings of used RAM ({@code epochMillis usedBytes} a line), for the early warning's
 * estimate: written only with {@code warn_threshold} set, through {@link OwnedFiles} (never a link, 0600, replaced
 * whole). A damaged or refused file is an empty history: at worst no estimate.
 */
public final class FileHistoryStore implements HistoryStore {
    private final Path file;
    private final Consumer<String> problems;

    public FileHistoryStore(Path file, Consumer<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    @Override
    public List<MemoryHistory.Reading> load() {
        List<MemoryHistory.Reading> readings = new ArrayList<>();
        Optional<InputStream> in;
        try {
            in = OwnedFiles.read(file);
        } catch (IOException e) {
            return readings;
        }
        if (in.isEmpty()) {
            return readings;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.US_ASCII))) {
            String line;
            while (readings.size() < MemoryHistory.MAX_READINGS && (line = r.readLine()) != null) {
                String[] f = line.trim().split(" ");
                if (f.length == 2) {
                    readings.add(new MemoryHistory.Reading(Long.parseLong(f[0]), Long.parseLong(f[1])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new ArrayList<>();
        }
        return readings;
    }

    @Override
    public void save(List<MemoryHistory.Reading> readings) {
        StringBuilder b = new StringBuilder();
        readings.forEach(r -> b.append(r.epochMillis()).append(' ').append(r.usedBytes()).append('\n'));
        try {
            OwnedFiles.replaceWith(file, file.resolveSibling(file.getFileName() + ".tmp"),
                    b.toString().getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException e) {
            problems.accept("memory-daemon: cannot write " + file + ": " + e.getMessage());
        }
    }
}
