// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The watcher's stop request (SIGTERM/SIGINT through the shutdown hook), which also ends any sleep at once.
 * A sleep is a bare park of the sleeping thread (no lock, no queue node): the watcher sleeps several times a second.
 */
final class StopSignal {
    private volatile boolean stopped;
    /** The thread in {@link #sleep}, for {@link #trigger} to wake; one at a time (the watcher's loop). */
    private volatile Thread sleeper;

    /** Whether a stop was asked for: a grace period in progress is cut short. */
    boolean stopped() {
        return stopped;
    }

    void trigger() {
        stopped = true;
        Thread t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Sleeps up to {@code millis}; true when stopped (or interrupted), i.e. the caller should wind down. */
    boolean sleep(long millis) {
        Thread self = Thread.currentThread();
        sleeper = self;
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            // stopped is read after sleeper is written, trigger() writes stopped before reading sleeper: either this
            // thread sees the stop, or trigger() unparks it (a permit given before the park ends it at once)
            for (long left = deadline - System.nanoTime(); !stopped && left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (self.isInterrupted()) {
                    return true;
                }
            }
            return stopped;
        } finally {
            sleeper = null;
        }
    }
}
