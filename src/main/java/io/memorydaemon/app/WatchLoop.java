// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Choice;
import io.memorydaemon.check.Job;
import io.memorydaemon.check.Logfmt;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.MemoryGauge;
import io.memorydaemon.check.MemoryHistory;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.PressureGauge;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.ProcessTable;
import io.memorydaemon.check.Trigger;
import io.memorydaemon.check.Units;
import io.memorydaemon.check.WatchPolicy;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.ProcProcessTable;
import io.memorydaemon.system.ProcSignaller;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The watcher's driver, under the run lock: reads memory (and pressure with {@code psi}), asks the
 * {@link WatchPolicy} what to do, runs the pass, sleeps. Mail goes to the {@link MailCourier}, never waited for.
 */
final class WatchLoop {

    /** The outside world of the loop, passed in so a test can drive it. */
    record Parts(MemoryGauge gauge, PressureGauge pressure, LongSupplier millis, StopSignal stop) { }

    private final Environment env;
    private final AppPaths paths;
    private final WatchedConfig watched;
    private final Checker.Mode mode;
    private final boolean mail;
    private final Parts parts;
    private volatile Config config;
    private volatile EventLog log;
    private WatchPolicy policy;
    private MetricsWriter metrics;
    /** The readings the early warning's estimate is made from: one every {@link #SAMPLE_MILLIS}. */
    private final MemoryHistory history = new MemoryHistory(List.of());
    private long lastSampleMillis = Long.MIN_VALUE / 2;
    private static final long SAMPLE_MILLIS = 5_000;

    WatchLoop(Environment env, WatchedConfig watched, Checker.Mode mode, boolean mail, Parts parts) {
        this.env = env;
        this.paths = env.paths();
        this.watched = watched;
        this.mode = mode;
        this.mail = mail;
        this.parts = parts;
    }

    EventLog log() {
        return log;
    }

    /** Ticks until stopped; 0 then, 1 when /proc/meminfo cannot be read. */
    int run(Config initial, EventLog initialLog, long intervalMillis) {
        config = initial;
        log = initialLog;
        policy = new WatchPolicy(Trigger.of(initial), intervalMillis);
        CheckService.Request request = new CheckService.Request(Optional.empty(), mode, mail);
        try (MailCourier courier = new MailCourier(() -> CheckService.mailer(config, paths, request, env),
                () -> log); MetricsWriter written = new MetricsWriter(() -> config, () -> log, paths)) {
            courier.start();
            metrics = written;
            while (true) {
                MemoryStatus memory;
                OptionalDouble pressure;
                try {
                    memory = parts.gauge().read();
                    pressure = policy.trigger().usesPressure() ? parts.pressure().someAvg10() : OptionalDouble.empty();
                } catch (IOException e) {
                    log.error("memory-daemon: watch cannot read memory: " + e.getMessage());
                    return ExitCode.FAILURE;
                }
                long now = parts.millis().getAsLong();
                if (policy.trigger().warns() && now - lastSampleMillis >= SAMPLE_MILLIS) {
                    history.add(new MemoryHistory.Reading(now, memory.usedBytes()));
                    lastSampleMillis = now;
                }
                WatchPolicy.Step step = policy.next(memory, pressure, now);
                if (step.kind() == WatchPolicy.Kind.ACT) {
                    step = policy.acted(act(memory, courier), memory, parts.millis().getAsLong());
                } else if (step.kind() == WatchPolicy.Kind.EARLY) {
                    early(memory, courier);
                } else if (step.warmUp()) {
                    warmUp();
                }
                if (policy.takeRearm() && mode == Checker.Mode.REAL) {
                    CheckService.ledger(env).rearmEarly();
                }
                if (mode == Checker.Mode.REAL) {
                    // after the decision, and no-op right after one: it was just written
                    metrics.tick(memory, parts.millis().getAsLong());
                }
                if (parts.stop().sleep(step.sleepMillis())) {
                    return ExitCode.OK;
                }
                reloadIfChanged();
            }
        }
    }

    /**
     * One pass with this reading as its trigger; its action, empty when it failed before deciding. The notice is kept
     * in the outbox before the decision's line is logged, and only its delivery is left to the courier: a stop (even
     * one that cut a grace period short) loses nothing.
     */
    private Optional<Action> act(MemoryStatus memory, MailCourier courier) {
        try {
            Checker.Pass pass = CheckService.checker(config, mode, env, parts.stop()::stopped).runWith(memory, true);
            report(pass, courier);
            if (mode == Checker.Mode.REAL) {
                metrics.decided(memory, Optional.of(pass.outcome().action()), parts.millis().getAsLong());
            }
            return Optional.of(pass.outcome().action());
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: watch check failed: " + e);
            return Optional.empty();
        }
    }

    /** The pass's notice kept in the outbox, then its line logged, then its delivery handed to the courier. */
    private void report(Checker.Pass pass, MailCourier courier) {
        CheckService.Request request = new CheckService.Request(Optional.empty(), mode, mail);
        Optional<Mailer> mailer = CheckService.mailer(config, paths, request, env);
        Optional<Mailer.Kept> kept = mode == Checker.Mode.REAL
                ? pass.notice().flatMap(n -> mailer.map(m -> m.keep(n))) : Optional.empty();
        log.decision(pass.outcome(), Reporting.mailField(config, mail, kept));
        kept.ifPresent(courier::submit);
    }

    /** Between warn_threshold and threshold: the early warning's pass, its notice kept and handed to the courier. */
    private void early(MemoryStatus memory, MailCourier courier) {
        try {
            Checker.Pass pass = CheckService.checker(config, mode, env, parts.stop()::stopped).warnEarly(memory, history);
            Action action = pass.outcome().action();
            if (action == Action.OK) {
                return; // the largest consumer is not one a kill would take: nothing to say
            }
            policy.warnedEarly();
            report(pass, courier);
            if (mode == Checker.Mode.REAL) {
                metrics.decided(memory, Optional.of(action), parts.millis().getAsLong());
            }
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: watch early warning failed: " + e);
        }
    }

    /**
     * Near the threshold, load and run the pass's code once: the first scan and OSHI's start (for the report's
     * details) cost ~400 ms cold, time a runaway job would have. Far below, the watcher stays small.
     */
    private void warmUp() {
        try {
            ProcessTable table = ProcProcessTable.system();
            List<ProcessInfo> all = table.snapshot();
            Choice choice = CheckService.checker(config, mode, env, parts.stop()::stopped).choose(table, all,
                    parts.gauge().read());
            for (ProcessInfo p : choice.job().map(Job::members).orElse(List.of()).stream().limit(1).toList()) {
                table.describe(p);
                table.describeForReport(p);
            }
            ProcSignaller.warmUp();
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: watch cannot read the process table: " + e);
        }
    }

    /** Applies a changed md.conf: a new threshold, log file or filter takes effect on the next tick. */
    private void reloadIfChanged() {
        watched.changed(log).ifPresent(fresh -> {
            config = fresh;
            Reporting reporting = Reporting.of(fresh, env);
            log = reporting.log();
            fresh.warnings().forEach(log::warning);
            reporting.sayProblems(log);
            policy.reloaded(Trigger.of(fresh), parts.millis().getAsLong());
            log.info(Logfmt.fields().add("watch", "reloaded").add("config", watched.file().toString())
                    .add("threshold", Units.threshold(fresh.thresholdPercent()) + "%")
                    .addAll(fresh.psiThresholdPercent().map(p -> Logfmt.pair("psi", p + "%")).orElse("")).toString());
        });
    }
}
