// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real check's answer to SIGTERM (a cron daemon or a session ending, a person's kill): the JVM would otherwise exit
 * at once, leaving a victim that got SIGTERM alive and its notice unwritten. The hook tells the signaller to cut its
 * grace short ({@link #stopping}) and waits until the notice is kept and logged ({@link #done}), at most
 * {@link #WAIT_SECONDS}: well within a service manager's stop timeout.
 */
final class ShutdownGuard implements AutoCloseable {
    static final long WAIT_SECONDS = 20;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean stopping;

    private ShutdownGuard(boolean install) {
        this.hook = install ? new Thread(this::stopAndWait, "md-check-stop") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    static ShutdownGuard install(boolean real) {
        return new ShutdownGuard(real);
    }

    boolean stopping() {
        return stopping;
    }

    /** The notice is kept and the decision logged: a stop may end the process now. */
    void done() {
        done.countDown();
    }

    private void stopAndWait() {
        stopping = true;
        try {
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        done.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has seen done
            }
        }
    }
}
