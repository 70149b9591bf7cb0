// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * RAM as the checker sees it (/proc/meminfo: used = MemTotal - MemAvailable) and processes' resident memory, for
 * tests whose hog must be the dominant process on a machine that other worktrees' tests share.
 */
public final class Memory {
    /** Never less: larger than a Maven JVM (0.5-1 GiB). */
    private static final int MIN_HOG_MIB = 1024;

    /** A process and its resident memory. */
    public record Resident(long pid, long rssKib, String name) { }

    private Memory() { }

    public static double usedPercent() throws IOException {
        long total = meminfoKib("MemTotal");
        return 100.0 * (total - meminfoKib("MemAvailable")) / total;
    }

    public static double percentOfRam(long kib) throws IOException {
        return 100.0 * kib / meminfoKib("MemTotal");
    }

    /** A hog size larger by 256 MiB than any process now, at least 1 GiB, at most a quarter of what is available. */
    public static int dominantHogMib() throws IOException {
        long largestMib = largestOtherThan(-1).map(r -> r.rssKib() / 1024).orElse(0L);
        long wanted = Math.max(MIN_HOG_MIB, largestMib + 256);
        long cap = meminfoKib("MemAvailable") / 1024 / 4;
        if (wanted > cap) {
            throw new IllegalStateException("a dominant hog needs " + wanted + " MiB, more than a quarter of the "
                    + "available RAM (" + cap * 4 + " MiB)");
        }
        return (int) wanted;
    }

    /** The process with the most resident memory, {@code pid} left out. */
    public static Optional<Resident> largestOtherThan(long pid) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != pid)
                    .map(Memory::resident).flatMap(Optional::stream)
                    .max((a, b) -> Long.compare(a.rssKib(), b.rssKib()));
        }
    }

    /** VmRSS of a process in KiB; 0 when it is gone. */
    public static long rssKib(long pid) {
        return resident(Path.of("/proc", Long.toString(pid))).map(Resident::rssKib).orElse(0L);
    }

    private static Optional<Resident> resident(Path proc) {
        try {
            String name = "?";
            long rss = -1;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Name:")) {
                    name = line.substring(5).strip();
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return rss < 0 ? Optional.empty()
                    : Optional.of(new Resident(Long.parseLong(proc.getFileName().toString()), rss, name));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile, or a kernel thread
        }
    }

    private static long meminfoKib(String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst()
                .orElseThrow(() -> new IOException("no " + key + " in /proc/meminfo"));
    }
}
