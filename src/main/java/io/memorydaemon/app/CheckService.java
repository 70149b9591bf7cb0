// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.NoticeWriter;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.notify.DeferredMailer;
import io.memorydaemon.notify.Outbox;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.FileWarnLedger;
import io.memorydaemon.system.Host;
import io.memorydaemon.system.MemInfoGauge;
import io.memorydaemon.system.ProcProcessTable;
import io.memorydaemon.system.ProcSignaller;
import io.memorydaemon.system.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/** One check as cron runs it: config, lock, outbox retry, the decision, the log line, the exit code. */
public final class CheckService {

    /** How to run: which config, which mode, whether to mail. */
    public record Request(Optional<Path> configFile, Checker.Mode mode, boolean mail) { }

    private final Environment env;
    private final Consumer<Outcome> seen;

    public CheckService(Environment env) {
        this(env, outcome -> { });
    }

    /** @param seen told each decision, for a caller that explains it to a person (md_wizard test) */
    public CheckService(Environment env, Consumer<Outcome> seen) {
        this.env = env;
        this.seen = seen;
    }

    public int run(Request request) {
        AppPaths paths = env.paths();
        Config config;
        try {
            config = load(paths, request.configFile());
        } catch (ConfigException e) {
            e.problems().forEach(env.err()::println);
            env.err().flush();
            return ExitCode.USAGE;
        }
        if (request.mode() == Checker.Mode.TEST) {
            config = config.withThreshold(0);
        }
        EventLog log = new EventLog(config.logFile(), env.out(), env.err(), !Streams.stdoutIs(config.logFile()));
        config.warnings().forEach(log::error);
        try {
            Files.createDirectories(paths.configDir());
            Optional<RunLock> lock = RunLock.tryAcquire(paths.lockFile());
            if (lock.isEmpty()) {
                log.info(Outcome.timestamp(Clock.systemDefaultZone()) + " action=skipped reason=another memory-daemon"
                        + " run holds " + paths.lockFile());
                return ExitCode.OK;
            }
            try (RunLock held = lock.get()) {
                return checkOnce(config, paths, request, log, Checker::run);
            }
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: check failed: " + e);
            return ExitCode.FAILURE;
        }
    }

    /** How a pass runs the checker: cron's reads memory itself; the watcher passes the reading and trigger it had. */
    interface Pass {
        Outcome run(Checker checker) throws IOException;
    }

    /** The body of one check, under the lock; also what the watcher runs each time it is over the threshold. */
    int checkOnce(Config config, AppPaths paths, Request request, EventLog log, Pass pass) throws IOException {
        Optional<Mailer> mailer = mailer(config, paths, request);
        // a kept mail still not delivered is a runtime failure, as when it was kept
        boolean failed = !retryKept(mailer, log);
        Checker checker = new Checker(config, request.mode(), parts(paths, mailer));
        Outcome outcome = pass.run(checker);
        seen.accept(outcome);
        String line = outcome.logLine();
        if (config.mail().isEmpty() && request.mail()) {
            line += " mail=off";
        }
        log.info(line);
        if (outcome.mail().isPresent() && !outcome.mail().get().sent()) {
            log.error(outcome.mail().get().detail());
            failed = true;
        } else if (outcome.mail().isPresent() && request.mode() == Checker.Mode.TEST) {
            log.info("test mail " + outcome.mail().get().detail());
        }
        if (outcome.action() == Action.KILL_FAILED) {
            failed = true;
        }
        return failed ? ExitCode.FAILURE : ExitCode.OK;
    }

    /**
     * Only the retry of mail kept in the outbox: the watcher's share of what every cron check does, as cron's
     * checks are skipped while the watcher holds the lock.
     */
    void retryKept(Config config, AppPaths paths, Request request, EventLog log) {
        retryKept(mailer(config, paths, request), log);
    }

    /** Logs each kept mail's fate; false if any is still not delivered. */
    private static boolean retryKept(Optional<Mailer> mailer, EventLog log) {
        boolean allSent = true;
        if (mailer.isPresent() && mailer.get().hasKept()) {
            for (Mailer.Delivery d : mailer.get().retryKept()) {
                if (d.sent()) {
                    log.info(d.detail());
                } else {
                    log.error(d.detail());
                    allSent = false;
                }
            }
        }
        return allSent;
    }

    Config load(AppPaths paths, Optional<Path> override) throws ConfigException {
        return new ConfigParser(paths, env.home()).parse(override.orElse(paths.configFile()));
    }

    private static Optional<Mailer> mailer(Config config, AppPaths paths, Request request) {
        if (!request.mail() || request.mode() == Checker.Mode.DRY_RUN || config.mail().isEmpty()) {
            return Optional.empty();
        }
        // deferred: a check under the threshold with an empty outbox loads no mail class
        return Optional.of(new DeferredMailer(config.mail().get(), new Outbox(paths.outboxDir()), Host.name()));
    }

    private static Checker.Parts parts(AppPaths paths, Optional<Mailer> mailer) {
        return new Checker.Parts(MemInfoGauge.system(), ProcProcessTable::system, ProcSignaller.system(), mailer,
                new FileWarnLedger(paths.warnStateFile()), new NoticeWriter(Host.name()), Clock.systemDefaultZone());
    }
}
