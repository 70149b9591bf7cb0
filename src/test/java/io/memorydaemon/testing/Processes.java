// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What /proc says of the processes a test started: who is in a process group, how much RAM is used. */
public final class Processes {
    private Processes() { }

    /** The pids in process group {@code pgid} now (none when the group is gone). */
    public static List<Long> inGroup(long pgid) {
        List<Long> pids = new ArrayList<>();
        String[] names = Path.of("/proc").toFile().list();
        for (String n : names == null ? new String[0] : names) {
            if (n.isEmpty() || !Character.isDigit(n.charAt(0))) {
                continue;
            }
            try {
                String stat = Files.readString(Path.of("/proc", n, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (Long.parseLong(f[2]) == pgid && !f[0].equals("Z")) {
                    pids.add(Long.parseLong(n));
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        }
        return pids;
    }

    /**
     * The largest consumer on the machine but the given processes, in bytes: the resident sets of a process group
     * added up (memory-daemon counts a job whole: this test's own Maven and JVMs are one), or of a single process.
     */
    public static long largestJobRssBytesExcept(List<Long> except) {
        java.util.Map<String, Long> groups = new java.util.HashMap<>();
        String[] names = Path.of("/proc").toFile().list();
        for (String n : names == null ? new String[0] : names) {
            if (n.isEmpty() || !Character.isDigit(n.charAt(0)) || except.contains(Long.parseLong(n))) {
                continue;
            }
            try {
                String stat = Files.readString(Path.of("/proc", n, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long rss = Long.parseLong(f[21]) * 4096;
                long uid = (Integer) Files.getAttribute(Path.of("/proc", n), "unix:uid");
                groups.merge(uid + ":" + f[2], rss, Long::sum);
            } catch (IOException | RuntimeException e) {
                // gone, or hidden
            }
        }
        return groups.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Used RAM now (MemTotal - MemAvailable), in percent of the total: {@link HostMemory#usedPercent()}. */
    public static double usedPercent() {
        try {
            return HostMemory.usedPercent();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** RAM in MiB. */
    public static long totalMib() {
        try {
            return HostMemory.totalKib() / 1024;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
