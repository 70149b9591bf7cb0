// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.MemoryGauge;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.PollInterval;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.ProcessTable;
import io.memorydaemon.check.Units;
import io.memorydaemon.check.VictimSelector;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.MemInfoGauge;
import io.memorydaemon.system.Pressure;
import io.memorydaemon.system.ProcProcessTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The watcher's ticks, under the lock. A tick reads /proc/meminfo (and the pressure file when {@code psi} is set)
 * and nothing else; only over the threshold does it run a check pass, which scans the processes and acts. Mail
 * kept in the outbox is retried at start and every five minutes, as cron's checks would.
 */
final class WatchLoop {
    /**
     * After a pass that killed nothing (another user's process, nothing to choose, dry run): scan again this late,
     * or as soon as used RAM grew by more than 1% of the total since.
     */
    private static final long REPEAT_AFTER_NO_KILL_MILLIS = 10_000;
    /** The longest wait for the kernel to free a victim's memory before acting again. */
    private static final long SETTLE_MAX_MILLIS = 5_000;
    /** Mail kept in the outbox is retried at start and then as often as the usual crontab line runs a check. */
    private static final long OUTBOX_RETRY_MILLIS = 5 * 60_000;

    private final Environment env;
    private final CheckService checks;
    private final AppPaths paths;
    private final WatchedConfig watched;
    private final CheckService.Request mode;
    private final long intervalMillis;
    private final StopSignal stop;
    private final MemoryGauge gauge = MemInfoGauge.system();
    private final Pressure pressure = Pressure.system();
    private Config config;
    private EventLog log;
    private long quietUntilNanos;
    /** The reading of the last pass that killed nothing, while its pause lasts. */
    private MemoryStatus quietSince;
    private boolean warmed;
    private long outboxTriedNanos;

    WatchLoop(Environment env, CheckService checks, AppPaths paths, Path configFile, CheckService.Request mode,
              long intervalMillis, StopSignal stop) {
        this.env = env;
        this.checks = checks;
        this.paths = paths;
        this.watched = new WatchedConfig(checks, paths, configFile);
        this.mode = mode;
        this.intervalMillis = intervalMillis;
        this.stop = stop;
    }

    static EventLog log(Config config, Environment env) {
        return new EventLog(config.logFile(), env.out(), env.err(), !Streams.stdoutIs(config.logFile()));
    }

    EventLog log() {
        return log;
    }

    /** Ticks until stopped; 0 then, 1 when /proc/meminfo cannot be read. */
    int run(Config initial) {
        config = initial;
        log = log(initial, env);
        retryKept();
        while (true) {
            MemoryStatus memory;
            boolean over;
            try {
                memory = gauge.read();
                over = memory.usedPercent() > config.thresholdPercent() || pressureOver();
            } catch (IOException e) {
                log.error("memory-daemon: watch cannot read memory: " + e.getMessage());
                return ExitCode.FAILURE;
            }
            long sleepMillis = PollInterval.sleepMillis(memory, config.thresholdPercent(), intervalMillis);
            boolean due = System.nanoTime() - quietUntilNanos >= 0
                    || quietSince != null && PollInterval.grewSince(quietSince, memory);
            if (over && due) {
                if (act(memory) && settle(memory)) {
                    return ExitCode.OK;
                }
                continue;
            } else if (over) {
                sleepMillis = PollInterval.MIN_MILLIS;
            } else if (!warmed && sleepMillis < intervalMillis) {
                warmUp();
            }
            if (stop.sleep(sleepMillis)) {
                return ExitCode.OK;
            }
            reloadIfChanged();
            if (System.nanoTime() - outboxTriedNanos >= TimeUnit.MILLISECONDS.toNanos(OUTBOX_RETRY_MILLIS)) {
                retryKept();
            }
        }
    }

    /** Through CheckService's deferred mailer: with nothing kept, no mail class is loaded. */
    private void retryKept() {
        outboxTriedNanos = System.nanoTime();
        try {
            checks.retryKept(config, paths, mode, log);
        } catch (RuntimeException e) {
            log.error("memory-daemon: watch cannot retry the outbox: " + e);
        }
    }

    /**
     * Near the threshold (RAM filling at full speed would cross it within one interval), load and run the pass's
     * code once: the first scan and OSHI's start (for the report's details) cost ~400 ms cold, time a runaway job
     * would have. Far below, the watcher stays small (OSHI and JNA add to its RSS).
     */
    private void warmUp() {
        warmed = true;
        try {
            ProcessTable table = ProcProcessTable.system();
            List<ProcessInfo> all = table.snapshot();
            new VictimSelector(table.selfAndAncestors(), config.avoid(), config.prefer()).choose(all);
            for (ProcessInfo p : VictimSelector.top(all, 1)) {
                table.describe(p);
                table.describeForReport(p);
            }
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: watch cannot read the process table: " + e);
        }
    }

    /** A kernel without PSI (or booted with psi=0) simply never triggers it; the start line says so. */
    private boolean pressureOver() {
        if (config.psiThreshold().isEmpty()) {
            return false;
        }
        try {
            OptionalDouble some = pressure.someAvg10();
            return some.isPresent() && some.getAsDouble() >= config.psiThreshold().get();
        } catch (IOException e) {
            return false;
        }
    }

    /** One check pass with this reading as its trigger; true when it killed, so memory must settle first. */
    private boolean act(MemoryStatus memory) {
        Outcome[] seen = new Outcome[1];
        try {
            checks.checkOnce(config, paths, mode, log, checker -> seen[0] = checker.runWith(memory, true));
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: watch check failed: " + e);
        }
        Action action = seen[0] == null ? Action.KILL_FAILED : seen[0].action();
        boolean killed = action == Action.KILLED || action == Action.KILLED_SIGKILL || action == Action.GONE;
        quietSince = killed ? null : memory;
        if (!killed) {
            quietUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPEAT_AFTER_NO_KILL_MILLIS);
        }
        return killed;
    }

    /** Waits until available RAM stops growing (the victim's pages are freed); true if stopped meanwhile. */
    private boolean settle(MemoryStatus before) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MAX_MILLIS);
        MemoryStatus last = before;
        while (System.nanoTime() - deadline < 0) {
            if (stop.sleep(PollInterval.MIN_MILLIS)) {
                return true;
            }
            try {
                MemoryStatus now = gauge.read();
                if (PollInterval.settled(last, now)) {
                    return false;
                }
                last = now;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** Applies a changed md.conf: a new threshold, log file or filter takes effect on the next tick. */
    private void reloadIfChanged() {
        watched.changed(log).ifPresent(fresh -> {
            config = fresh;
            log = log(fresh, env);
            fresh.warnings().forEach(log::error);
            quietUntilNanos = System.nanoTime();
            quietSince = null;
            log.info(Outcome.timestamp(Clock.systemDefaultZone()) + " watch reloaded " + watched.file()
                    + ": threshold=" + Units.threshold(fresh.thresholdPercent()) + "%"
                    + fresh.psiThreshold().map(p -> " psi=" + p).orElse(""));
        });
    }
}
