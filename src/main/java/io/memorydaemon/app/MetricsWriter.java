// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.MetricsText;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.notify.Outbox;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.MetricsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * md.conf's {@code metrics_file}, written by real runs only: a dry run and the test act on nothing, take no lock
 * and so write nothing (a write of theirs could also race the run holding the lock and lose its counts), and a
 * check skipped for the lock leaves the file to the run holding it. A check writes once, at its end; the watcher
 * hands each decision and, at most every {@link MetricsText#REFRESH_MILLIS}, a plain reading to a thread of its
 * own, so a slow disk (fsync under memory pressure) never holds up a tick or a kill.
 */
final class MetricsWriter implements AutoCloseable {
    /** How long the watcher's stop waits for the last write (a kill's count). */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final Supplier<Config> config;
    private final Supplier<EventLog> log;
    private final AppPaths paths;
    private final Thread thread;
    private MetricsFile file;
    private MemoryStatus latest;
    private long latestMillis;
    private final List<Action> decided = new ArrayList<>();
    private boolean stopped;
    private boolean started;
    /** The loop's own: when it last handed a reading over. */
    private long lastOfferMillis = Long.MIN_VALUE / 2;

    /** The watcher's: {@code config} and {@code log} are those in force (md.conf may change while it runs). */
    MetricsWriter(Supplier<Config> config, Supplier<EventLog> log, AppPaths paths) {
        this.config = config;
        this.log = log;
        this.paths = paths;
        this.thread = new Thread(this::writeLoop, "md-metrics");
        this.thread.setDaemon(true);
    }

    /**
     * After a real check's log line and mail: the file with this pass's reading and action. False when it could not
     * be written (said in the log): that costs the metrics alone, and the run's exit code says so.
     */
    static boolean afterCheck(Config config, Outcome outcome, AppPaths paths, EventLog log) {
        if (config.metricsFile().isEmpty()) {
            return true;
        }
        try {
            return new MetricsFile(config.metricsFile().get()).write(reading(config, outcome.memory(),
                    outcome.time().toInstant().toEpochMilli(), paths), List.of(outcome.action()), log);
        } catch (RuntimeException e) {
            log.error("memory-daemon: cannot write metrics_file " + config.metricsFile().get() + ": " + e);
            return false;
        }
    }

    /** A tick's reading: handed over only when the last is {@link MetricsText#REFRESH_MILLIS} old. Never blocks. */
    void tick(MemoryStatus memory, long nowMillis) {
        if (MetricsText.due(lastOfferMillis, nowMillis) && wanted()) {
            offer(memory, Optional.empty(), nowMillis);
        }
    }

    /** A decision, after its log line. Never waits for the disk. */
    void decided(MemoryStatus memory, Optional<Action> action, long nowMillis) {
        if (wanted()) {
            offer(memory, action, nowMillis);
        }
    }

    /** Whether md.conf names a metrics file; the thread starts with the first (md.conf may gain one later). */
    private boolean wanted() {
        if (config.get().metricsFile().isEmpty()) {
            return false;
        }
        if (!started) {
            started = true;
            thread.start();
        }
        return true;
    }

    private synchronized void offer(MemoryStatus memory, Optional<Action> action, long nowMillis) {
        lastOfferMillis = nowMillis;
        latest = memory;
        latestMillis = nowMillis;
        action.ifPresent(decided::add);
        notifyAll();
    }

    private void writeLoop() {
        while (true) {
            MemoryStatus memory;
            long millis;
            List<Action> actions;
            boolean last;
            synchronized (this) {
                while (latest == null && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (latest == null) {
                    return;
                }
                memory = latest;
                millis = latestMillis;
                actions = List.copyOf(decided);
                latest = null;
                decided.clear();
                last = stopped;
            }
            write(memory, millis, actions);
            if (last) {
                return;
            }
        }
    }

    private void write(MemoryStatus memory, long millis, List<Action> actions) {
        try {
            Config c = config.get();
            if (c.metricsFile().isEmpty()) {
                return;
            }
            Path path = c.metricsFile().get();
            if (file == null || !file.file().equals(path)) {
                file = new MetricsFile(path);
            }
            file.write(reading(c, memory, millis, paths), actions, log.get());
        } catch (RuntimeException e) {
            log.get().error("memory-daemon: watch cannot write metrics_file: " + e);
        }
    }

    private static MetricsText.Reading reading(Config config, MemoryStatus memory, long millis, AppPaths paths) {
        return MetricsText.Reading.of(System.getProperty("user.name", "?"), memory, config.thresholdPercent(), millis,
                new Outbox(paths.outboxDir()).list().size(), config.warnThresholdPercent());
    }

    /** Writes what is pending (a kill just before SIGTERM must still count), waiting at most a moment. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
