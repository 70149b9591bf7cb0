// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ExitCode;
import io.memorydaemon.schedule.WatcherInstaller;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The resident watcher's installation (issue 6); offered by menu entry 4. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Add (or --remove) the resident watcher (systemd or @reboot).",
        description = "Install the resident watcher ('mem_daemon watch', reacts within a second) as the systemd user "
            + "service ~/.config/systemd/user/memory-daemon.service (systemctl --user enable --now) where it outlives "
            + "logout (lingering, which it tries to turn on with loginctl enable-linger), else as an @reboot crontab "
            + "line marked '# memory-daemon watch', started now.")
public final class WatcherSetupCommand implements Callable<Integer> {

    @Option(names = "--remove", description = "Remove the watcher, whichever way it was installed.")
    boolean remove;

    @Option(names = "--restart", description = "Restart a running watcher on the version installed now (install.sh"
            + " does this after an upgrade).")
    boolean restart;

    @Option(names = "--cron", description = "Use the @reboot crontab line even where systemd is available.")
    boolean cronOnly;

    private final WizardSession s;

    public WatcherSetupCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public Integer call() throws Exception {
        WatcherInstaller watcher = s.watcher();
        if (remove) {
            List<String> done = watcher.remove();
            done.forEach(s.out()::println);
            if (done.isEmpty()) {
                s.out().println("No watcher was installed.");
            }
            return ExitCode.OK;
        }
        Optional<Path> launcher = s.launcher();
        if (launcher.isEmpty()) {
            s.err().println("md_wizard: no mem_daemon launcher found; run md_wizard from an installed or built image");
            return ExitCode.FAILURE;
        }
        if (restart) {
            List<String> done = watcher.restart(launcher.get(), s.paths().defaultLogFile());
            done.forEach(s.out()::println);
            if (done.isEmpty()) {
                s.out().println("No watcher is running; nothing to restart.");
            }
            return ExitCode.OK;
        }
        watcher.install(launcher.get(), s.paths().defaultLogFile(), !cronOnly).lines().forEach(s.out()::println);
        return ExitCode.OK;
    }
}
