// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition by the wall clock: polled every 200 ms until it holds or the deadline passes. */
public final class Await {
    private Await() { }

    /** True as soon as {@code condition} holds; false when {@code deadline} passed first. */
    public static boolean until(Duration deadline, Callable<Boolean> condition) throws Exception {
        long until = System.nanoTime() + deadline.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - until > 0) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
