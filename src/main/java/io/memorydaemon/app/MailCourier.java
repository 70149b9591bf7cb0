// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.Logfmt;
import io.memorydaemon.check.Mailer;
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
    /** Notices waiting for a slow server beyond this many wait in the outbox for the next retry instead. */
    private static final int QUEUE_MAX = 32;

    private final Supplier<Optional<Mailer>> mailer;
    private final Supplier<EventLog> log;
    private final BlockingQueue<Mailer.Kept> queue = new LinkedBlockingQueue<>(QUEUE_MAX);
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

    /** A notice already kept in the outbox, to deliver now. Never blocks the caller. */
    void submit(Mailer.Kept kept) {
        if (!queue.offer(kept)) {
            log.get().warning("memory-daemon: " + QUEUE_MAX + " notices already wait for the mail server; '"
                    + kept.notice().subject() + "' waits in the outbox for the next retry");
        }
    }

    private void deliverLoop() {
        long retryDue = System.nanoTime();
        while (!stopped) {
            try {
                long wait = Math.max(0, retryDue - System.nanoTime());
                Mailer.Kept kept = queue.poll(wait, TimeUnit.NANOSECONDS);
                Optional<Mailer> m = mailer.get();
                if (kept != null && m.isPresent()) {
                    Deliveries.log(m.get().deliver(kept, Deadline.in(CheckService.RUN_BUDGET)), log.get());
                } else if (kept == null) {
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
     * Stops without waiting for a delivery in progress: every notice handed over was kept in the outbox first, so
     * the next run delivers it. Each one not yet tried is named in the log with where it waits.
     */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        for (Mailer.Kept k; (k = queue.poll()) != null; ) {
            String where = k.file().map(f -> "kept in " + f + "; the next run delivers it")
                    .orElse("it could not be kept: " + k.problem());
            log.get().report(k.file().isPresent() ? EventLog.Level.INFO : EventLog.Level.ERROR,
                    Logfmt.fields().add("mail", k.file().isPresent() ? "kept" : "not-sent")
                            .add("msg", "watch stopped before mailing '" + k.notice().subject() + "': " + where)
                            .toString());
        }
    }
}
