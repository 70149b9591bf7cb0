// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's RAM as the checker reads it (/proc/meminfo: used = total - available), for thresholds in tests. */
public final class HostMemory {
    private HostMemory() { }

    public static double usedPercent() throws IOException {
        long total = meminfoKib("MemTotal");
        return 100.0 * (total - meminfoKib("MemAvailable")) / total;
    }

    /**
     * {@link #usedPercent()} once it holds still: read every 250 ms until two readings are within 64 MiB of each
     * other (a process killed a moment ago may still be handing its memory back), at most 10 s.
     */
    public static double settledUsedPercent() throws IOException, InterruptedException {
        double steady = percentOfRam(64);
        double last = usedPercent();
        for (int i = 0; i < 40; i++) {
            Thread.sleep(250);
            double now = usedPercent();
            if (Math.abs(now - last) < steady) {
                return now;
            }
            last = now;
        }
        return last;
    }

    public static double percentOfRam(int mib) throws IOException {
        return 100.0 * mib * 1024 / totalKib();
    }

    /** MemTotal, in KiB. */
    public static long totalKib() throws IOException {
        return meminfoKib("MemTotal");
    }

    private static long meminfoKib(String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }
}
