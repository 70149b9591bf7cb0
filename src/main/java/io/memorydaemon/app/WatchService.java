// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Logfmt;
import io.memorydaemon.check.Units;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.MemInfoGauge;
import io.memorydaemon.system.OwnedFiles;
import io.memorydaemon.system.Pressure;
import io.memorydaemon.system.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code mem_daemon watch}: the check in a loop. The watcher holds the run lock for its whole life, so a cron
 * {@code check} meanwhile logs {@code action=skipped} and never acts on the event the watcher is handling. A
 * watcher that finds the lock taken (a check in progress, another watcher) waits for it. SIGTERM or SIGINT wakes
 * the loop, which finishes the pass in progress, releases the lock and logs {@code watch=stopped}.
 */
public final class WatchService {

    /** How to watch: which config, the longest sleep between two readings, whether to act or only report. */
    public record Request(Optional<Path> configFile, long intervalMillis, boolean dryRun) { }

    /** How long the shutdown hook waits for the pass in progress (a kill waits out its grace; mail is not waited for). */
    private static final long STOP_WAIT_SECONDS = 60;

    private final Environment env;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch done = new CountDownLatch(1);

    public WatchService(Environment env) {
        this.env = env;
    }

    public int run(Request request) {
        AppPaths paths = env.paths();
        Path file = request.configFile().orElse(paths.configFile());
        Config config;
        try {
            config = ConfigLoader.loadChecked(env, request.configFile());
        } catch (ConfigException e) {
            if (env.systemWatcher()) {
                // the journal's form, so journalctl -p err shows why the unit stopped
                e.problems().forEach(EventLog.journal(env.out())::error);
            } else {
                e.problems().forEach(env.err()::println);
                env.err().flush();
            }
            return ExitCode.USAGE;
        }
        Thread hook = new Thread(this::stopAndWait, "md-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        EventLog log = CheckService.eventLog(config, env);
        try {
            config.warnings().forEach(log::warning);
            OwnedFiles.createDirectories(paths.stateDir());
            Optional<RunLock> lock = acquire(paths.lockFile(), request.intervalMillis(), log);
            if (lock.isEmpty()) {
                return ExitCode.OK;
            }
            WatchLoop loop = new WatchLoop(env, new WatchedConfig(env, file),
                    request.dryRun() ? Checker.Mode.DRY_RUN : Checker.Mode.REAL, true,
                    new WatchLoop.Parts(MemInfoGauge.system(), Pressure.system(), System::currentTimeMillis, stop));
            int code;
            try (RunLock held = lock.get()) {
                log.info(Logfmt.fields().add("watch", "started").add("interval", request.intervalMillis() + "ms")
                        .add("threshold", Units.threshold(config.thresholdPercent()) + "%")
                        .addAll(config.psiThresholdPercent().map(WatchService::psi).orElse(""))
                        .addAll(request.dryRun() ? "dry_run=yes" : "").add("lock", paths.lockFile().toString())
                        .toString());
                code = loop.run(config, log, request.intervalMillis());
                log = loop.log();
            }
            log.info("watch=stopped");
            return code;
        } catch (IOException | RuntimeException e) {
            log.error("memory-daemon: watch failed: " + e);
            return ExitCode.FAILURE;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for `done`
            }
        }
    }

    /** The lock, waiting while a check or another watcher holds it; empty when stopped while waiting. */
    private Optional<RunLock> acquire(Path lockFile, long intervalMillis, EventLog log) throws IOException {
        boolean told = false;
        while (true) {
            Optional<RunLock> lock = RunLock.tryAcquire(lockFile);
            if (lock.isPresent()) {
                return lock;
            }
            if (!told) {
                log.info(Logfmt.fields().add("watch", "waiting").add("reason", "locked").add("lock", lockFile.toString())
                        .toString());
                told = true;
            }
            if (stop.sleep(intervalMillis)) {
                log.info("watch=stopped");
                return Optional.empty();
            }
        }
    }

    /** The shutdown hook: wake the loop, let it release the lock and log, then let the JVM exit. */
    private void stopAndWait() {
        stop.trigger();
        try {
            done.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String psi(double percent) {
        return Logfmt.pair("psi", percent + "%") + (Pressure.system().available() ? "" : " psi_available=no");
    }

}
