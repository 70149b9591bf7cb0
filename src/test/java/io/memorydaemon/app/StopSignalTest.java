// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watcher's sleep and its stop request; no timing is asserted (a bound only keeps a broken wake from hanging). */
class StopSignalTest {
    private final StopSignal stop = new StopSignal();

    @Test
    void aSleepThatRunsItsCourseSaysNotStopped() {
        assertFalse(stop.sleep(1));
        assertFalse(stop.sleep(0));
    }

    @Test
    void aStopWakesTheSleeperAtOnce() throws Exception {
        CompletableFuture<Boolean> slept = CompletableFuture.supplyAsync(() -> stop.sleep(TimeUnit.HOURS.toMillis(1)));
        while (!slept.isDone() && !sleeping()) {
            Thread.onSpinWait();
        }
        stop.trigger();

        assertTrue(slept.get(60, TimeUnit.SECONDS));
    }

    @Test
    void afterAStopEverySleepEndsAtOnce() {
        stop.trigger();

        assertTrue(stop.sleep(TimeUnit.HOURS.toMillis(1)));
    }

    @Test
    void anInterruptedSleeperWindsDownAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertTrue(stop.sleep(TimeUnit.HOURS.toMillis(1)));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /** Whether some thread is parked on the signal (so the trigger under test comes during the sleep). */
    private boolean sleeping() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> java.util.concurrent.locks.LockSupport.getBlocker(t) == stop);
    }
}
