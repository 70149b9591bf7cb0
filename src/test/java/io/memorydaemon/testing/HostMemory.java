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

    public static double percentOfRam(int mib) throws IOException {
        return 100.0 * mib * 1024 / meminfoKib("MemTotal");
    }

    private static long meminfoKib(String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }
}
