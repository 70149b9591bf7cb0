// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * The watcher's adaptive sleep, after earlyoom: sleep as long as RAM filling at {@link #FILL_RATE_BYTES_PER_SECOND}
 * would need to reach the threshold, never shorter than {@link #MIN_MILLIS} nor longer than the user's interval.
 * Far below the threshold it polls once per interval; close to it, ten times a second.
 */
public final class PollInterval {
    /** earlyoom's assumed fill rate (6000 MiB/s): a job filling RAM this fast is still seen before it crosses. */
    public static final long FILL_RATE_BYTES_PER_SECOND = 6000L << 20;
    public static final long MIN_MILLIS = 100;

    private PollInterval() { }

    /**
     * @param memory           the latest reading
     * @param thresholdPercent used RAM above which the watcher acts
     * @param maxMillis        the longest sleep (--interval), at least {@link #MIN_MILLIS}
     */
    public static long sleepMillis(MemoryStatus memory, double thresholdPercent, long maxMillis) {
        long thresholdBytes = (long) (memory.totalBytes() * (thresholdPercent / 100.0));
        long headroomBytes = Math.max(0, thresholdBytes - memory.usedBytes());
        long millis = headroomBytes / (FILL_RATE_BYTES_PER_SECOND / 1000);
        return Math.max(MIN_MILLIS, Math.min(millis, Math.max(MIN_MILLIS, maxMillis)));
    }

    /**
     * After a kill the kernel needs a moment to free the victim's pages; acting again before then would pick a
     * second victim for the same event. Memory has settled once available RAM stopped growing by more than
     * {@code 0.5%} of the total between two readings.
     */
    public static boolean settled(MemoryStatus before, MemoryStatus now) {
        return now.availableBytes() - before.availableBytes() <= now.totalBytes() / 200;
    }

    /**
     * Over the threshold with nothing the watcher may kill (another user's process, all avoided), it scans again
     * only after a pause, unless used RAM grew by more than 1% of the total since that pass: a new job of the
     * user's own is caught while it grows, not a pause later.
     */
    public static boolean grewSince(MemoryStatus atPass, MemoryStatus now) {
        return now.usedBytes() - atPass.usedBytes() > now.totalBytes() / 100;
    }
}
