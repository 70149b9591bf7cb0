// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.util.List;
import java.util.Locale;

/**
 * Sizes a test's hog so that a check sees what a real runaway job looks like: the largest consumer on the machine
 * (bigger than any other job: the process group of Maven and its test JVMs, other tests' processes), and a
 * threshold just under used RAM, so
 * that the hog alone holds the excess. A kill of a job that could not relieve the memory is refused by design, so
 * a hog of a few MiB under {@code threshold 1} proves nothing any more.
 */
public final class Dominance {
    private static final int MIN_MIB = 400;

    private Dominance() { }

    /** MiB a hog needs to be the largest consumer on the machine now (at least {@code atLeast}). */
    public static int hogMib(int atLeast) {
        long others = Processes.largestJobRssBytesExcept(List.of()) >> 20;
        return (int) Math.max(Math.max(atLeast, MIN_MIB), others * 5 / 4 + 96);
    }

    /**
     * A threshold (percent, as md.conf takes it) under used RAM by {@code share} of {@code mib}, measured now: after
     * the hog started, so it alone holds the excess (half of it: memory noise of other processes cannot undo the
     * crossing, and the hog is more than half the excess).
     */
    public static String thresholdUnder(long mib, double share) {
        double percent = Processes.usedPercent() - 100.0 * mib * share / Processes.totalMib();
        return String.format(Locale.ROOT, "%.3f", Math.max(1.0, percent));
    }

    /** A threshold under used RAM by half the hog: the hog holds twice the excess. */
    public static String thresholdUnder(long mib) {
        return thresholdUnder(mib, 0.5);
    }

    /** A threshold no use of memory reaches. */
    public static String never() {
        return "99";
    }
}
