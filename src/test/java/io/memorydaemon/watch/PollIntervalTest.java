// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.PollInterval;
import org.junit.jupiter.api.Test;

/** The watcher's adaptive sleep: headroom to the threshold at earlyoom's 6000 MiB/s, clamped to 100 ms…interval. */
class PollIntervalTest {
    private static final long MIB = 1L << 20;
    private static final long TOTAL = 24_000 * MIB;

    private static MemoryStatus used(long usedMib) {
        return new MemoryStatus(TOTAL, TOTAL - usedMib * MIB);
    }

    @Test
    void farBelowTheThresholdSleepsTheWholeInterval() {
        assertEquals(1000, PollInterval.sleepMillis(used(2_000), 90, 1000));
        assertEquals(3000, PollInterval.sleepMillis(used(2_000), 90, 3000));
    }

    @Test
    void sleepsAsLongAsRamFillingAt6000MibPerSecondNeedsToReachTheThreshold() {
        // threshold 50% of 24000 MiB = 12000 MiB; 3000 MiB of headroom at 6000 MiB/s = 500 ms
        assertEquals(500, PollInterval.sleepMillis(used(9_000), 50, 1000));
        // 1200 MiB of headroom = 200 ms
        assertEquals(200, PollInterval.sleepMillis(used(10_800), 50, 1000));
    }

    @Test
    void theCloserToTheThresholdTheShorterTheSleep() {
        long previous = Long.MAX_VALUE;
        for (long usedMib = 6_000; usedMib <= 12_000; usedMib += 500) {
            long sleep = PollInterval.sleepMillis(used(usedMib), 50, 1000);
            assertTrue(sleep <= previous, usedMib + " MiB used: " + sleep + " ms after " + previous + " ms");
            previous = sleep;
        }
    }

    @Test
    void neverShorterThan100MillisNorLongerThanTheInterval() {
        assertEquals(100, PollInterval.sleepMillis(used(11_990), 50, 1000));
        assertEquals(100, PollInterval.sleepMillis(used(20_000), 50, 1000), "over the threshold");
        assertEquals(100, PollInterval.sleepMillis(used(1_000), 50, 10), "an interval below the floor");
        assertEquals(250, PollInterval.sleepMillis(used(1_000), 50, 250));
    }

    @Test
    void memoryHasSettledOnceAvailableRamStopsGrowing() {
        assertFalse(PollInterval.settled(used(20_000), used(15_000)), "still freeing the victim's pages");
        assertTrue(PollInterval.settled(used(15_000), used(15_000)));
        assertTrue(PollInterval.settled(used(15_000), used(15_100)), "growing again");
        assertTrue(PollInterval.settled(used(15_000), used(14_900)), "less than 0.5% of the total freed");
    }

    @Test
    void afterAPassThatKilledNothingOnlyGrowthOfMoreThanOnePercentCallsForAnother() {
        assertFalse(PollInterval.grewSince(used(20_000), used(20_000)));
        assertFalse(PollInterval.grewSince(used(20_000), used(20_200)), "200 MiB of 24000 is less than 1%");
        assertTrue(PollInterval.grewSince(used(20_000), used(20_300)));
        assertFalse(PollInterval.grewSince(used(20_000), used(15_000)), "memory was freed");
    }

    @Test
    void aDecimalThresholdCountsItsFraction() {
        // 50.5% of 24000 MiB = 12120 MiB; 600 MiB of headroom = 100 ms, 1200 MiB = 200 ms
        assertEquals(100, PollInterval.sleepMillis(used(11_520), 50.5, 1000));
        assertEquals(200, PollInterval.sleepMillis(used(10_920), 50.5, 1000));
    }
}
