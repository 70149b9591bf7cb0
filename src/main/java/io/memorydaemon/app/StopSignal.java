// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The watcher's stop request (SIGTERM/SIGINT through the shutdown hook), which also ends any sleep at once. */
final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    void trigger() {
        latch.countDown();
    }

    /** Sleeps up to {@code millis}; true when stopped (or interrupted), i.e. the caller should wind down. */
    boolean sleep(long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
