// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/** Total and available RAM (the kernel's MemTotal and MemAvailable). */
public record MemoryStatus(long totalBytes, long availableBytes) {

    public long usedBytes() {
        return totalBytes - availableBytes;
    }

    public double usedPercent() {
        return totalBytes <= 0 ? 0 : 100.0 * usedBytes() / totalBytes;
    }
}
