// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.schedule.Crontab.CrontabException;
import io.memorydaemon.system.Commands;
import io.memorydaemon.system.WatcherProcesses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs {@code mem_daemon watch} to start with the user's session: as a systemd user service where the user
 * has a systemd user instance, else as an {@code @reboot} crontab line.
 */
public final class WatcherInstaller {

    /** How the watcher was installed. */
    public enum Via { SYSTEMD, CRON }

    private final SystemdUserUnit unit;
    private final Crontab crontab;
    private final boolean runsAsTheUser;

    /**
     * @param runsAsTheUser whether this process runs as the crontab's user, so it may start and stop that user's
     *                      watcher itself (md_wizard does; a test editing another user's crontab as root does not)
     */
    public WatcherInstaller(SystemdUserUnit unit, Crontab crontab, boolean runsAsTheUser) {
        this.unit = unit;
        this.crontab = crontab;
        this.runsAsTheUser = runsAsTheUser;
    }

    /** One line per step, for the wizard to print. */
    public record Report(Via via, List<String> lines) { }

    public Report install(Path launcher, Path log, boolean allowSystemd) throws IOException, CrontabException {
        List<String> lines = new ArrayList<>();
        if (allowSystemd && unit.systemdAvailable()) {
            Commands.Result r = unit.install(launcher);
            if (r.ok()) {
                crontab.write(crontab.read().withoutWatch());
                lines.add("Installed " + unit.file() + " and ran 'systemctl --user enable --now " + SystemdUserUnit.NAME
                        + "'.");
                lines.add("It runs while you are logged in; to keep it running after logout an admin runs"
                        + " 'loginctl enable-linger $USER'.");
                return new Report(Via.SYSTEMD, lines);
            }
            lines.add("systemctl --user enable failed (" + r.firstLine() + "); using an @reboot crontab line instead.");
            unit.remove();
        } else {
            lines.add("No systemd user instance here; using an @reboot crontab line instead.");
        }
        String line = CronLine.watch(launcher, log);
        crontab.write(crontab.read().withWatch(line));
        lines.add("Installed crontab line: " + line);
        lines.add(startNow(launcher, log));
        return new Report(Via.CRON, lines);
    }

    /** Removes whichever was installed; one line per thing removed (none when nothing was installed). */
    public List<String> remove() throws IOException, CrontabException {
        List<String> lines = new ArrayList<>();
        if (unit.installed()) {
            unit.remove();
            lines.add("Removed the systemd user service " + unit.file());
        }
        CrontabText text = crontab.read();
        if (text.watchLine().isPresent()) {
            crontab.write(text.withoutWatch());
            lines.add("Removed the crontab line: " + text.watchLine().get());
            if (!runsAsTheUser) {
                lines.add("A watcher started by that line runs until the next reboot; stop it now with:"
                        + " pkill -u \"$USER\" -f 'cli.MemDaemon watch'");
            }
            for (ProcessHandle running : runsAsTheUser ? WatcherProcesses.running() : List.<ProcessHandle>of()) {
                lines.add(WatcherProcesses.stop(running)
                        ? "Stopped the running watcher (pid " + running.pid() + ")"
                        : "The watcher (pid " + running.pid() + ") did not stop within 15 s; stop it with: kill -9 "
                                + running.pid());
            }
        }
        return lines;
    }

    /** The @reboot line waits for the next boot: start the watcher now too, unless one already runs. */
    private String startNow(Path launcher, Path log) {
        String byHand = "nohup " + CronLine.quote(launcher) + " watch >> " + CronLine.quote(log) + " 2>&1 &";
        if (!runsAsTheUser) {
            return "It starts at the next boot; to start it now run: " + byHand;
        }
        List<ProcessHandle> running = WatcherProcesses.running();
        if (!running.isEmpty()) {
            return "A watcher is already running (pid " + running.get(0).pid() + "); it goes on.";
        }
        try {
            Optional<ProcessHandle> started = WatcherProcesses.start(launcher, log);
            if (started.isPresent()) {
                return "Started the watcher now (pid " + started.get().pid() + "); it starts again at each boot.";
            }
            return "It starts at the next boot; it did not start now (see " + log + "): run " + byHand;
        } catch (IOException e) {
            return "It starts at the next boot; starting it now failed (" + e.getMessage() + "): run " + byHand;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "It starts at the next boot; to start it now run: " + byHand;
        }
    }

    public boolean installed() throws CrontabException {
        return unit.installed() || crontab.read().watchLine().isPresent();
    }
}
