// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Logfmt;
import io.memorydaemon.system.Capabilities;
import io.memorydaemon.system.EventLog;
import io.memorydaemon.system.ProcessImage;
import io.memorydaemon.system.ServiceUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The system watcher's start, before md.conf: on any init it must end up as memory-daemon.service runs it. Root (no
 * systemd to drop privileges) hands the process over to the service user with the unit's two capabilities; anyone
 * else is told at once which capability they lack. Every line is in journal form, as the watcher's log is.
 */
public final class SystemWatcherStart {
    private SystemWatcherStart() { }

    /**
     * As root: makes the state directory and replaces this process with the watcher run as the service user (returns
     * only if that failed). Else: says what the missing capabilities cost, and lets the caller go on.
     *
     * @param image the image this launcher runs from (its {@code bin/mem_daemon} is run again), empty outside one
     * @param args the watcher's arguments, {@code watch --system …}
     * @return empty to go on watching in this process; else the exit code, the reason logged
     */
    public static OptionalInt prepare(Environment env, Capabilities self, Optional<Path> image, List<String> args) {
        EventLog journal = EventLog.journal(env.out());
        if (!self.isRoot()) {
            warnMissing(self, journal);
            return OptionalInt.empty();
        }
        Path stateDir = env.paths().stateDir();
        String handOver = String.join(" ", ServiceUser.setpriv("setpriv",
                command(image.orElse(Path.of("/opt/memory-daemon")), args)));
        if (image.isEmpty()) {
            return refuse(journal, "as root the system watcher runs itself again as " + ServiceUser.NAME
                    + ", and this run is not from an image; run: " + handOver);
        }
        try {
            ServiceUser.prepareStateDirectory(stateDir);
        } catch (ServiceUser.Refused e) {
            return refuse(journal, e.getMessage());
        }
        Optional<Path> setpriv = ServiceUser.findSetpriv(env.variables());
        if (setpriv.isEmpty()) {
            return refuse(journal, "as root the system watcher becomes " + ServiceUser.NAME + " through setpriv,"
                    + " which is not installed; install util-linux, then run: " + handOver);
        }
        journal.info(Logfmt.fields().add("watch", "handing-over").add("user", ServiceUser.NAME)
                .add("capabilities", "CAP_KILL,CAP_SYS_PTRACE").add("state", stateDir.toString()).toString());
        List<String> argv = ServiceUser.setpriv(setpriv.get().toString(), command(image.get(), args));
        journal.error("memory-daemon: cannot become " + ServiceUser.NAME + ": "
                + ProcessImage.replaceWith(argv).getMessage() + "; run: " + handOver);
        return OptionalInt.of(ExitCode.FAILURE);
    }

    /** A start-up failure in journal form (priority error), not a plain line on stderr. */
    public static int failed(Environment env, Exception e) {
        EventLog.journal(env.out()).error("memory-daemon: watch failed: " + e);
        return ExitCode.FAILURE;
    }

    private static void warnMissing(Capabilities self, EventLog journal) {
        if (!self.has(Capabilities.CAP_KILL)) {
            journal.error("memory-daemon: the system watcher runs without CAP_KILL (CapEff " + self.effectiveHex()
                    + "): it cannot signal other users' processes, each kill will fail with EPERM; run it as"
                    + " memory-daemon.service does, or start it as root (it then becomes " + ServiceUser.NAME
                    + " with CAP_KILL and CAP_SYS_PTRACE)");
        }
        if (!self.has(Capabilities.CAP_SYS_PTRACE)) {
            journal.warning("memory-daemon: the system watcher runs without CAP_SYS_PTRACE (CapEff "
                    + self.effectiveHex() + "): it cannot read which executable other users' processes run, so"
                    + " avoid and prefer cannot match their executables");
        }
    }

    private static OptionalInt refuse(EventLog journal, String why) {
        journal.error("memory-daemon: " + why);
        return OptionalInt.of(ExitCode.USAGE);
    }

    private static List<String> command(Path image, List<String> args) {
        List<String> command = new ArrayList<>(List.of(image.resolve("bin/mem_daemon").toString()));
        command.addAll(args);
        return command;
    }
}
