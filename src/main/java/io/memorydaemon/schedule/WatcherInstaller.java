// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.schedule.Crontab.CrontabException;
import io.memorydaemon.system.Commands;
import io.memorydaemon.system.WatcherProcesses;
import io.memorydaemon.system.WatcherProcesses.Watcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs {@code mem_daemon watch} to run beyond the session: as a systemd user service where the user has a
 * systemd user instance that outlives logout (lingering), else as an {@code @reboot} crontab line started now.
 */
public final class WatcherInstaller {

    /** How the watcher was installed. */
    public enum Via { SYSTEMD, CRON }

    private final SystemdUserUnit unit;
    private final Crontab crontab;
    private final Optional<Path> ownHome;
    private final Linger linger;
    private final Optional<Path> configHome;

    /**
     * @param ownHome the HOME of the crontab's user when this process runs as that user, so it may start and stop
     *                that user's watchers itself (md_wizard does); empty for a test editing another user's crontab
     *                as root
     */
    public WatcherInstaller(SystemdUserUnit unit, Crontab crontab, Optional<Path> ownHome, Map<String, String> env) {
        this(unit, crontab, ownHome, env, Optional.empty());
    }

    /** @param configHome the {@code XDG_CONFIG_HOME} the unit and the line set (see {@link CronLine#configHomeFor}) */
    public WatcherInstaller(SystemdUserUnit unit, Crontab crontab, Optional<Path> ownHome, Map<String, String> env,
                            Optional<Path> configHome) {
        this.unit = unit;
        this.crontab = crontab;
        this.ownHome = ownHome;
        this.linger = new Linger(env);
        this.configHome = configHome;
    }

    /** One line per step, for the wizard to print. */
    public record Report(Via via, List<String> lines) { }

    public Report install(Path launcher, Path log, boolean allowSystemd) throws IOException, CrontabException {
        List<String> lines = new ArrayList<>();
        if (allowSystemd && unit.systemdAvailable()) {
            Linger.Answer lingers = linger.ensure();
            if (lingers.survivesLogout()) {
                Commands.Result r = unit.install(launcher, configHome);
                if (r.ok()) {
                    crontab.write(crontab.read().withoutWatch());
                    stopOthers(lines, true);
                    lines.add("Installed " + unit.file() + " and ran 'systemctl --user enable --now "
                            + SystemdUserUnit.NAME + "'.");
                    lines.add("It keeps running after you log out (" + lingers.why() + ") and starts at each boot.");
                    return new Report(Via.SYSTEMD, lines);
                }
                lines.add("systemctl --user enable failed (" + r.firstLine() + "); using an @reboot crontab line instead.");
            } else {
                lines.add("Not a systemd user service, which would stop when you log out: " + lingers.why()
                        + "; using an @reboot crontab line, started now, instead.");
            }
            if (unit.installed()) {
                unit.remove();
            }
        } else {
            lines.add("No systemd user instance here; using an @reboot crontab line instead.");
        }
        String line = CronLine.watch(launcher, log, configHome);
        CronLog.prepare(log);
        crontab.write(crontab.read().withWatch(line));
        lines.add("Installed crontab line: " + line);
        lines.add(startNow(launcher, log));
        return new Report(Via.CRON, lines);
    }

    /** Removes whichever was installed and stops what runs; one line per thing done (none when nothing was there). */
    public List<String> remove() throws IOException, CrontabException {
        List<String> lines = new ArrayList<>();
        if (unit.installed()) {
            unit.remove();
            lines.add("Removed the systemd user service " + unit.file() + " (systemctl --user disable --now)");
        }
        CrontabText text = crontab.read();
        if (text.watchLine().isPresent()) {
            crontab.write(text.withoutWatch());
            lines.add("Removed the crontab line: " + text.watchLine().get());
            if (ownHome.isEmpty()) {
                lines.add("A watcher started by that line runs until the next reboot; stop it now with:"
                        + " pkill -u \"$USER\" -f 'cli.MemDaemon watch'");
            }
        }
        stopOthers(lines, false);
        return lines;
    }

    /**
     * After an upgrade: a watcher still runs the old code (from deleted files), so the unit is restarted and any
     * other running watcher is stopped and started again from {@code launcher}, the stable link to the new version.
     */
    public List<String> restart(Path launcher, Path log) throws IOException {
        List<String> lines = new ArrayList<>();
        if (ownHome.isEmpty()) {
            return lines;
        }
        if (unit.installed() && unit.systemdAvailable()) {
            Commands.Result r = unit.restartIfRunning();
            lines.add(r.ok() ? "Restarted the systemd user service " + SystemdUserUnit.NAME + " on the new version"
                    : "Could not restart " + SystemdUserUnit.NAME + " (" + r.firstLine() + "); run: systemctl --user"
                            + " restart " + SystemdUserUnit.NAME);
        }
        List<Watcher> others = WatcherProcesses.running(ownHome.get()).stream().filter(w -> !w.underSystemd()).toList();
        if (others.isEmpty()) {
            return lines;
        }
        for (Watcher w : others) {
            if (!WatcherProcesses.stop(w)) {
                lines.add("The old watcher (pid " + w.pid() + ") did not stop within 15 s; stop it with: kill -9 " + w.pid()
                        + ", then run: " + byHand(launcher, log));
                return lines;
            }
            lines.add("Stopped the watcher of the previous version (pid " + w.pid() + ")");
        }
        lines.add(startNow(launcher, log).replace("Started the watcher now", "Started the watcher on the new version"));
        return lines;
    }

    /** Stops running watchers (all, or those systemd did not start); one line each. */
    private void stopOthers(List<String> lines, boolean onlyOutsideSystemd) {
        if (ownHome.isEmpty()) {
            return;
        }
        for (Watcher running : WatcherProcesses.running(ownHome.get())) {
            if (onlyOutsideSystemd && running.underSystemd()) {
                continue;
            }
            lines.add(WatcherProcesses.stop(running)
                    ? "Stopped the running watcher (pid " + running.pid() + ")"
                    : "The watcher (pid " + running.pid() + ") did not stop within 15 s; stop it with: kill -9 "
                            + running.pid());
        }
    }

    private String byHand(Path launcher, Path log) {
        return "setsid -f " + CronLine.command(configHome, launcher, "watch", log);
    }

    /** The @reboot line waits for the next boot: start the watcher now too, unless one already runs. */
    private String startNow(Path launcher, Path log) {
        if (ownHome.isEmpty()) {
            return "It starts at the next boot; to start it now run: " + byHand(launcher, log);
        }
        List<Watcher> running = WatcherProcesses.running(ownHome.get());
        if (!running.isEmpty()) {
            return "A watcher is already running (pid " + running.get(0).pid() + "); it goes on.";
        }
        try {
            Optional<Watcher> started = WatcherProcesses.start(launcher, log, ownHome.get());
            if (started.isPresent()) {
                return "Started the watcher now (pid " + started.get().pid() + "); it starts again at each boot.";
            }
            return "It starts at the next boot; it did not start now (see " + log + "): run " + byHand(launcher, log);
        } catch (IOException e) {
            return "It starts at the next boot; starting it now failed (" + e.getMessage() + "): run "
                    + byHand(launcher, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "It starts at the next boot; to start it now run: " + byHand(launcher, log);
        }
    }

    /** The systemd unit file, whether installed or not. */
    public Path unitFile() {
        return unit.file();
    }

    public boolean installed() throws CrontabException {
        return unit.installed() || crontab.read().watchLine().isPresent();
    }
}
