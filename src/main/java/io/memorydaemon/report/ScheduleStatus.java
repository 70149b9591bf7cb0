// SPDX-License-Identifier: MIT
package io.memorydaemon.report;

import io.memorydaemon.install.Layout;
import io.memorydaemon.schedule.CronHealth;
import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronLog;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.schedule.Linger;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.system.CronDaemon;
import io.memorydaemon.system.WatcherProcesses;
import io.memorydaemon.system.WatcherProcesses.Watcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protection as it is, for {@code md_wizard status}: the cron line and its period, the watcher as installed and
 * as running (since when, which version, whether it outlives logout and reboot), and a warning for anything that
 * points at a launcher that is gone, runs an older version than the one installed, reads another md.conf, or does
 * not run: no cron daemon, or no check in the log for two periods.
 */
final class ScheduleStatus {
    private static final String INDENT = "           ";
    /** Where the .deb and the .rpm put the runtime, and their launcher's link on PATH. */
    private static final Path PACKAGE = Path.of("/opt/memory-daemon");
    private static final Path PACKAGE_LINK = Path.of("/usr/bin/mem_daemon");

    private final Layout layout;
    private final Crontab crontab;
    private final SystemdUserUnit unit;
    private final Map<String, String> env;

    ScheduleStatus(Layout layout, Crontab crontab, SystemdUserUnit unit, Map<String, String> env) {
        this.layout = layout;
        this.crontab = crontab;
        this.unit = unit;
        this.env = env;
    }

    /**
     * @param version the version installed now (the one every watcher should run)
     * @param logs    where cron's checks leave their lines: the line's log and md.conf's log_file
     * @param expectedConfigHome the XDG_CONFIG_HOME a line must set to read the md.conf shown above
     */
    void report(List<String> out, String version, List<Path> logs, Optional<Path> expectedConfigHome) {
        CrontabText text;
        try {
            text = crontab.read();
        } catch (Crontab.CrontabException e) {
            out.add("cron:      " + e.getMessage());
            return;
        }
        out.add("cron:      " + text.checkLine().map(l -> "every "
                + CronLine.periodMinutes(l).map(String::valueOf).orElse("?") + " min: " + l)
                .orElse(text.legacyLines().isEmpty() ? "no crontab line (md_wizard cron adds one)"
                        : "only the original tool's line: " + text.legacyLines().get(0)));
        text.checkLine().flatMap(CronLine::launcher).ifPresent(l -> missing(out, "the crontab line", l, "md_wizard cron"));
        text.checkLine().ifPresent(l -> {
            otherConfig(out, "the crontab line", l, expectedConfigHome, "md_wizard cron");
            CronHealth.warnings(CronDaemon.system().find(), CronLog.lastRun(logs),
                    CronLine.periodMinutes(l).orElse(CronLine.DEFAULT_PERIOD_MINUTES), Instant.now())
                    .forEach(w -> out.add(INDENT + "warning: " + w));
        });
        out.add("watcher:   " + (unit.installed() ? "systemd user service " + unit.file()
                : text.watchLine().map(l -> "crontab: " + l).orElse("not installed (md_wizard watch)")));
        if (unit.installed()) {
            unit.launcher().ifPresent(l -> missing(out, "the systemd unit", l, "md_wizard watch"));
        }
        text.watchLine().flatMap(CronLine::launcher).ifPresent(l -> missing(out, "the @reboot line", l, "md_wizard watch"));
        text.watchLine().ifPresent(l -> otherConfig(out, "the @reboot line", l, expectedConfigHome, "md_wizard watch"));
        List<Watcher> running = WatcherProcesses.running(layout.home());
        if (running.isEmpty()) {
            out.add("running:   no watcher process" + (unit.installed() || text.watchLine().isPresent()
                    ? "\n" + INDENT + "warning: the watcher is installed but not running; start it: md_wizard watch" : ""));
        }
        for (Watcher w : running) {
            out.add("running:   pid " + w.pid() + w.started().map(t -> " since " + t.truncatedTo(ChronoUnit.SECONDS)).orElse("")
                    + ", version " + w.version().orElse("?") + " (" + w.image().map(Path::toString).orElse("?") + ")");
            out.add(INDENT + survival(w, text.watchLine().isPresent()));
            Optional<String> v = w.version();
            if (v.isEmpty()) {
                out.add(INDENT + "warning: it runs from deleted files (an upgrade or uninstall removed them); restart it:"
                        + " md_wizard watch --restart");
            } else if (!v.get().equals(version)) {
                out.add(INDENT + "warning: it runs version " + v.get() + ", not the installed " + version
                        + "; restart it: md_wizard watch --restart");
            }
        }
    }

    private String survival(Watcher w, boolean rebootLine) {
        if (w.underSystemd()) {
            return new Linger(env).on() ? "started by systemd: survives logout (lingering is on) and starts at each boot"
                    : "started by systemd: STOPS at logout (lingering is off; md_wizard watch chooses the @reboot line"
                            + " instead)";
        }
        return "started outside systemd: survives logout; " + (rebootLine ? "the @reboot line starts it at each boot"
                : "nothing starts it after a reboot (md_wizard watch adds the @reboot line)");
    }

    /** A line written for another md.conf (XDG_CONFIG_HOME changed since, or a line of an older version). */
    private static void otherConfig(List<String> out, String what, String line, Optional<Path> expected, String fix) {
        Optional<Path> carried = CronLine.configHome(line);
        if (!carried.equals(expected)) {
            out.add(INDENT + "warning: " + what + " reads md.conf in " + carried.map(h -> h + "/mem_daemon")
                    .orElse("~/.config/mem_daemon") + ", not the one above; run " + fix + " again");
        }
    }

    private static void missing(List<String> out, String what, Path launcher, String fix) {
        if (Files.isExecutable(launcher)) {
            return;
        }
        if (launcher.startsWith(PACKAGE) || launcher.equals(PACKAGE_LINK)) {
            // the admin removed the .deb/.rpm: its removal named this user; this copy is the way out
            out.add(INDENT + "warning: " + what + " runs " + launcher + ", which is missing: the system package"
                    + " memory-daemon was removed; run " + fix + " from this copy to keep the protection, or md_wizard"
                    + " uninstall" + (what.endsWith("line") ? " (or crontab -e and delete the lines marked"
                    + " '# memory-daemon')" : ""));
            return;
        }
        out.add(INDENT + "warning: " + what + " runs " + launcher + ", which is missing; run " + fix
                + " again (or md_wizard uninstall)");
    }
}
