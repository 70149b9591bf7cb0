// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The estimate of when the threshold is reached, from readings built here. */
class MemoryHistoryTest {
    private static final long MIB = 1L << 20;
    private static final long T0 = 1_700_000_000_000L;

    private static MemoryHistory.Reading at(long seconds, long usedMib) {
        return new MemoryHistory.Reading(T0 + seconds * 1000, usedMib * MIB);
    }

    @Test
    void aSteadyRiseGivesTheTimeLeftToTheThreshold() {
        // 60 MiB a minute, from 1000 MiB: 1240 MiB after 4 minutes; 1600 MiB is 6 minutes further on
        MemoryHistory h = new MemoryHistory(List.of(at(0, 1000), at(60, 1060), at(120, 1120), at(180, 1180),
                at(240, 1240)));

        MemoryHistory.Forecast f = h.forecast(1600 * MIB).orElseThrow();

        assertEquals(MIB, f.bytesPerSecond(), 1.0);
        assertEquals(Duration.ofMinutes(6), f.until());
    }

    @Test
    void aNoisyRiseIsFittedNotTakenFromItsLastTwoReadings() {
        MemoryHistory h = new MemoryHistory(List.of(at(0, 1000), at(30, 1100), at(60, 1050), at(90, 1150),
                at(120, 1130)));

        double perMinute = h.forecast(4000 * MIB).orElseThrow().bytesPerSecond() * 60 / MIB;

        assertTrue(perMinute > 50 && perMinute < 90, perMinute + " MiB a minute");
    }

    @Test
    void noEstimateWhenFlatFallingTooShortOrAlreadyOver() {
        assertEquals(Optional.empty(), new MemoryHistory(List.of(at(0, 1000), at(60, 1000), at(120, 1000)))
                .forecast(2000 * MIB), "flat");
        assertEquals(Optional.empty(), new MemoryHistory(List.of(at(0, 1200), at(60, 1100))).forecast(2000 * MIB),
                "falling");
        assertEquals(Optional.empty(), new MemoryHistory(List.of(at(0, 1000), at(5, 1200))).forecast(2000 * MIB),
                "five seconds say nothing");
        assertEquals(Optional.empty(), new MemoryHistory(List.of(at(0, 1000))).forecast(2000 * MIB), "one reading");
        assertEquals(Optional.empty(), new MemoryHistory(List.of(at(0, 1000), at(60, 2100))).forecast(2000 * MIB),
                "already over");
    }

    @Test
    void onlyTheLastTenMinutesCountAndAClockGoingBackStartsAgain() {
        MemoryHistory h = new MemoryHistory(List.of(at(0, 5000), at(60, 100)));
        h.add(at(700, 1000));
        h.add(at(760, 1060));

        assertEquals(List.of(at(700, 1000), at(760, 1060)), h.readings(), "readings older than the window dropped");
        h.add(at(10, 1000));
        assertEquals(List.of(at(10, 1000)), h.readings());
    }

    @Test
    void atMostSixtyFourReadingsAreKept() {
        MemoryHistory h = new MemoryHistory(List.of());
        for (int i = 0; i < 100; i++) {
            h.add(at(i, 1000 + i));
        }
        assertEquals(MemoryHistory.MAX_READINGS, h.readings().size());
        assertEquals(at(99, 1099), h.readings().get(MemoryHistory.MAX_READINGS - 1));
    }
}
