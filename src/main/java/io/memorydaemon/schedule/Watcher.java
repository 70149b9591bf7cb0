// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.schedule.Crontab.CrontabException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs {@code mem_daemon watch} to start with the user's session: as a systemd user service where the user
 * has a systemd user instance, else as an {@code @reboot} crontab line.
 */
public final class Watcher {

    /** How the watcher was installed. */
    public enum Via { SYSTEMD, CRON }

    private final SystemdUserUnit unit;
    private final Crontab crontab;

    public Watcher(SystemdUserUnit unit, Crontab crontab) {
        this.unit = unit;
        this.crontab = crontab;
    }

    /** One line per step, for the wizard to print. */
    public record Report(Via via, List<String> lines) { }

    public Report install(Path launcher, Path log, boolean allowSystemd) throws IOException, CrontabException {
        List<String> lines = new ArrayList<>();
        if (allowSystemd && unit.systemdAvailable()) {
            Exec.Result r = unit.install(launcher);
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
        lines.add("It starts at the next boot; to start it now run: nohup " + CronLine.quote(launcher)
                + " watch >> " + CronLine.quote(log) + " 2>&1 &");
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
            lines.add("A watcher started by that line runs until the next reboot; stop it now with:"
                    + " pkill -u \"$USER\" -f 'cli.MemDaemon watch'");
        }
        return lines;
    }

    public boolean installed() throws CrontabException {
        return unit.installed() || crontab.read().watchLine().isPresent();
    }
}
