// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Deadline;
import io.memorydaemon.check.HistoryStore;
import io.memorydaemon.check.Logfmt;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.NoticeWriter;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.notify.DeferredMailer;
import io.memorydaemon.notify.Outbox;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.FileHistoryStore;
import io.memorydaemon.system.FileWarnLedger;
import io.memorydaemon.system.Host;
import io.memorydaemon.system.LoginDefs;
import io.memorydaemon.system.MemInfoGauge;
import io.memorydaemon.system.OwnedFiles;
import io.memorydaemon.system.Pressure;
import io.memorydaemon.system.ProcProcessTable;
import io.memorydaemon.system.ProcSignaller;
import io.memorydaemon.system.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One check as cron runs it. The order is fixed: read memory, decide, signal (under the run lock, which guards
 * only that); keep the notice in the outbox; log; then mail, the new notice first and kept ones after, within the
 * run's budget. Nothing that talks to the outside world runs before the signal. Only md.conf's decision settings
 * can stop the run; a report setting that is wrong or unusable costs its feature, and the run says so and exits 1.
 * A SIGTERM while a victim waits out its grace still ends the kill ({@link ShutdownGuard}) and keeps its notice.
 */
public final class CheckService {
    /** A whole check, mail included, ends within this whatever the mail server does. */
    static final Duration RUN_BUDGET = Duration.ofMinutes(2);

    /** How to run: which config, which mode, whether to mail. */
    public record Request(Optional<Path> configFile, Checker.Mode mode, boolean mail) { }

    private final Environment env;
    private final Consumer<Outcome> seen;

    public CheckService(Environment env) {
        this(env, outcome -> { });
    }

    /** @param seen told each decision with how its mail went, for a caller that explains it (md_wizard test) */
    public CheckService(Environment env, Consumer<Outcome> seen) {
        this.env = env;
        this.seen = seen;
    }

    public int run(Request request) {
        Config config;
        try {
            config = ConfigLoader.load(env, request.configFile());
        } catch (ConfigException e) {
            Reporting.refused(env, e);
            return ExitCode.USAGE;
        }
        return run(config, request);
    }

    /** With md.conf already loaded (the wizard's test loads it once, to explain it). */
    public int run(Config loaded, Request request) {
        Deadline budget = Deadline.in(RUN_BUDGET);
        Config config = request.mode() == Checker.Mode.TEST ? loaded.withThreshold(0) : loaded;
        AppPaths paths = env.paths();
        Reporting reporting = Reporting.of(config, env);
        EventLog log = reporting.log();
        config.warnings().forEach(log::warning);
        reporting.sayProblems(log);
        Checker.Pass pass;
        try (ShutdownGuard guard = ShutdownGuard.install(request.mode() == Checker.Mode.REAL)) {
            try {
                OwnedFiles.createDirectories(paths.stateDir());
                if (request.mode() != Checker.Mode.REAL) {
                    // a dry run or the dummy-trigger test signals nothing and records nothing: it needs no lock, and
                    // md_wizard test works while the watcher holds it
                    pass = checker(config, request.mode(), env, guard::stopping).run();
                } else {
                    Optional<RunLock> lock = RunLock.tryAcquire(paths.lockFile());
                    if (lock.isEmpty()) {
                        log.info(Logfmt.fields().add("action", "skipped").add("reason", "locked")
                                .add("lock", paths.lockFile().toString()).toString());
                        return reporting.exitCode(true);
                    }
                    try (RunLock held = lock.get()) {
                        pass = checker(config, request.mode(), env, guard::stopping).run();
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.error("memory-daemon: check failed: " + e);
                return ExitCode.FAILURE;
            }
            Optional<Mailer> mailer = mailer(config, paths, request, env);
            // kept before its log line is written: a stop, or a mail server that is down, loses nothing from here on
            Optional<Mailer.Kept> kept = request.mode() == Checker.Mode.REAL
                    ? pass.notice().flatMap(n -> mailer.map(m -> m.keep(n))) : Optional.empty();
            log.decision(pass.outcome(), Reporting.mailField(config, request.mail(), kept));
            guard.done();
            boolean ok = pass.outcome().action() != Action.KILL_FAILED;
            List<Mailer.Delivery> deliveries = List.of();
            if (mailer.isPresent()) {
                if (pass.notice().isPresent() && request.mode() == Checker.Mode.TEST) {
                    deliveries = List.of(mailer.get().sendOnce(pass.notice().get(), budget));
                } else if (kept.isPresent()) {
                    deliveries = mailer.get().deliver(kept.get(), budget);
                } else {
                    deliveries = mailer.get().retryKept(budget);
                }
                ok &= Deliveries.log(deliveries, log);
            }
            if (request.mode() == Checker.Mode.REAL) {
                ok &= MetricsWriter.afterCheck(config, pass.outcome(), paths, log);
            }
            Optional<Mailer.Delivery> first = pass.notice().isPresent() ? deliveries.stream().findFirst()
                    : Optional.empty();
            seen.accept(pass.outcome().withMail(first));
            return ok ? reporting.exitCode(true) : ExitCode.FAILURE;
        }
    }

    static EventLog eventLog(Config config, Environment env) {
        return Reporting.of(config, env).log();
    }

    /** The pass with the machine's parts, for a caller that only asks what it would choose ({@code md_wizard status}). */
    public static Checker checker(Config config, Checker.Mode mode, Environment env) {
        return checker(config, mode, env, () -> false);
    }

    /**
     * The pass with the machine's parts: /proc, signals, the warn ledger in the state directory. The system watcher's
     * kills only ordinary users' jobs (uid at least md.conf's min_uid, else UID_MIN of login.defs).
     *
     * @param stopping true once the process is asked to stop: a grace period in progress is cut short
     */
    static Checker checker(Config config, Checker.Mode mode, Environment env, BooleanSupplier stopping) {
        FileWarnLedger ledger = ledger(env);
        long minUid = env.systemWatcher() ? config.minUid().orElseGet(() -> (long) LoginDefs.uidMin()) : 0;
        Path proc = Path.of("/proc");
        Checker.Parts parts = new Checker.Parts(MemInfoGauge.system(), Pressure.system(), ProcProcessTable::system,
                env.systemWatcher() ? ProcSignaller.forOrdinaryUsers(proc, minUid, stopping)
                        : ProcSignaller.forUser(proc, stopping),
                ledger, new NoticeWriter(Host.name()), Clock.systemDefaultZone(),
                config.warnThresholdPercent().isPresent() ? new FileHistoryStore(env.paths().historyFile(), line -> {
                    env.err().println(line);
                    env.err().flush();
                }) : HistoryStore.NONE);
        return env.systemWatcher() ? Checker.system(config, mode, parts, minUid) : new Checker(config, mode, parts);
    }

    /** The warnings sent (and the early ones), in the state directory; a problem with it is said on stderr. */
    static FileWarnLedger ledger(Environment env) {
        return new FileWarnLedger(env.paths().warnStateFile(), line -> {
            env.err().println(line);
            env.err().flush();
        });
    }

    /**
     * Deferred: a check under the threshold with an empty outbox loads no mail class. Present whenever md.conf sets
     * mail, even wrongly: then notices are kept until it is fixed.
     */
    static Optional<Mailer> mailer(Config config, AppPaths paths, Request request, Environment env) {
        if (!request.mail() || request.mode() == Checker.Mode.DRY_RUN || !config.mailSet()) {
            return Optional.empty();
        }
        return Optional.of(new DeferredMailer(config.mail(), new Outbox(paths.outboxDir()), Host.name(),
                env.variables()));
    }
}
