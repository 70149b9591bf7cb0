// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.ConfigCheck;
import io.memorydaemon.app.Environment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mem_daemon watch}: the resident mode. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Watch used RAM and act as 'check' does the moment it crosses the threshold. Each tick reads only"
                + " /proc/meminfo (and /proc/pressure/memory when md.conf sets 'psi'); processes are scanned only"
                + " when over. The sleep shrinks as used RAM nears the threshold (down to 100ms); --interval is the"
                + " longest. md.conf is re-read when it changes (a bad new file is logged, the old settings kept).",
            "",
            "The watcher holds the lock of 'check' while it runs: a cron 'check' meanwhile logs action=skipped"
                + " and does nothing. A watcher started while the lock is held waits for it.",
            "",
            "SIGTERM/SIGINT: finishes the pass in progress, releases the lock, logs 'watch=stopped' and exits"
                + " with 143 (SIGTERM) or 130 (SIGINT), the JVM's code for the signal."})
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = WatchArgs.DEFAULT_INTERVAL, converter = IntervalConverter.class,
            description = "Longest sleep between two readings, far below the threshold: e.g. 500ms, 1s, 1m"
                    + " (100ms to 1h; default ${DEFAULT-VALUE}).")
    Duration interval;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--dry-run", description = "Log the decisions; signal nothing, mail nothing.")
    boolean dryRun;

    @Option(names = "--system", description = "The system watcher, as memory-daemon.service runs it (root, or a"
            + " service user with CAP_KILL): reads /etc/memory-daemon/md.conf (root's alone), keeps its lock and"
            + " outbox in /var/lib/memory-daemon ($STATE_DIRECTORY), terminates the largest process of any ordinary"
            + " user (uid at least min_uid; never root's or a system user's) and logs to stdout for the journal.")
    boolean system;

    @Option(names = "--check-config", description = "Only check md.conf as this watcher would read it, then exit:"
            + " 0 when valid, 2 with each problem on its own line. Watches nothing and runs no pass_command. With"
            + " --system as root, an existing metrics_file must be the service user's. For a tool that installs"
            + " md.conf: 'mem_daemon watch --system --check-config --config FILE'.")
    boolean checkConfig;

    private final Environment env;

    WatchCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (checkConfig) {
            return ConfigCheck.run(system ? env.asSystem() : env, Optional.ofNullable(config.file));
        }
        return watch().run(env);
    }

    WatchArgs.Watch watch() {
        return new WatchArgs.Watch(WatchArgs.request(config.file, interval, dryRun), system);
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}; a bare number is seconds ({@link WatchArgs#interval}). */
    static final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return WatchArgs.interval(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
