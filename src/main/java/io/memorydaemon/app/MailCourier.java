// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.system.EventLog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The watcher's mail, delivered beside its loop on a thread of its own: the loop hands a notice over and goes on
 * ticking and killing, whatever the mail server does. Kept mail is retried at start and then as often as the usual
 * crontab line runs a check. Each delivery has the same deadlines as a check's.
 */
final class MailCourier implements AutoCloseable {
    static final Duration RETRY_EVERY = Duration.ofMinutes(5);
    /** Notices waiting for a slow server beyond this many are logged and dropped: each is already in the log. */
    private static final int QUEUE_MAX = 32;

    private final Supplier<Optional<Mailer>> mailer;
    private final Supplier<EventLog> log;
    private final BlockingQueue<Notice> queue = new LinkedBlockingQueue<>(QUEUE_MAX);
    private final Thread thread;
    private volatile boolean stopped;

    /** @param mailer the mailer of the settings in force (md.conf may change while the watcher runs) */
    MailCourier(Supplier<Optional<Mailer>> mailer, Supplier<EventLog> log) {
        this.mailer = mailer;
        this.log = log;
        this.thread = new Thread(this::deliverLoop, "md-mail");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Never blocks the caller. */
    void submit(Notice notice) {
        if (!queue.offer(notice)) {
            log.get().error("memory-daemon: watch dropped the notice '" + notice.subject() + "': " + QUEUE_MAX
                    + " notices already wait for the mail server");
        }
    }

    private void deliverLoop() {
        long retryDue = System.nanoTime();
        while (!stopped) {
            try {
                long wait = Math.max(0, retryDue - System.nanoTime());
                Notice notice = queue.poll(wait, TimeUnit.NANOSECONDS);
                Optional<Mailer> m = mailer.get();
                if (notice != null && m.isPresent()) {
                    Deliveries.log(m.get().send(notice, Deadline.in(CheckService.RUN_BUDGET)), log.get());
                } else if (notice == null) {
                    retryDue = System.nanoTime() + RETRY_EVERY.toNanos();
                    if (m.isPresent() && m.get().hasKept()) {
                        Deliveries.log(m.get().retryKept(Deadline.in(CheckService.RUN_BUDGET)), log.get());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.get().error("memory-daemon: watch cannot deliver mail: " + e);
            }
        }
    }

    /**
     * Stops without waiting for a delivery in progress: its mail is in the outbox already and goes out with a later
     * run. Notices not yet handed to the mailer are named in the log.
     */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        for (Notice n; (n = queue.poll()) != null; ) {
            log.get().error("memory-daemon: watch stopped before mailing '" + n.subject() + "'");
        }
    }
}
