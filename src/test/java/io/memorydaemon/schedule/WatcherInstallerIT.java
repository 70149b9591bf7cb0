// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.CrontabStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where there is no systemd user instance (cron jobs, su, containers: here, an empty XDG_RUNTIME_DIR), the watcher
 * goes into the crontab as an @reboot line, and removal takes it out again.
 */
class WatcherInstallerIT {

    @Test
    void withoutSystemdTheWatcherBecomesAnAtRebootLineAndIsRemovedAgain() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path runtime = Files.createDirectories(user.home().resolve("run"));
            Map<String, String> env = Map.of("HOME", user.home().toString(), "XDG_RUNTIME_DIR", runtime.toString(),
                    "PATH", CrontabStandIn.path("/usr/bin:/bin"));
            SystemdUserUnit unit = new SystemdUserUnit(user.home().resolve(".config"), env);
            WatcherInstaller watcher = new WatcherInstaller(unit, user.crontab(), Optional.empty(), env);
            String others = "# mine\n0 3 * * * /usr/bin/backup\n";
            user.crontab().write(CrontabText.parse(others));
            Path launcher = Path.of("/opt/md/bin/mem_daemon");
            Path log = user.home().resolve(".config/mem_daemon/tmp.log");

            assertFalse(unit.systemdAvailable(), "no user bus in an empty XDG_RUNTIME_DIR");
            WatcherInstaller.Report report = watcher.install(launcher, log, true);

            assertEquals(WatcherInstaller.Via.CRON, report.via());
            assertEquals(others + CronLine.watch(launcher, log) + "\n", user.crontabText());
            assertFalse(Files.exists(unit.file()), "no unit file left behind");
            assertTrue(watcher.installed());

            watcher.install(launcher, log, true);
            assertEquals(others + CronLine.watch(launcher, log) + "\n", user.crontabText(), "one line, not two");

            List<String> removed = watcher.remove();
            assertEquals("Removed the crontab line: " + CronLine.watch(launcher, log), removed.get(0));
            assertTrue(removed.get(1).endsWith("stop it now with: pkill -u \"$USER\" -f 'cli.MemDaemon watch'"), removed.get(1));
            assertEquals(others, user.crontabText());
            assertFalse(watcher.installed());
        }
    }

    @Test
    void withSystemdTheWatcherIsAUnitOnlyWhereItOutlivesLogout() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path bin = Files.createDirectories(user.home().resolve("standins"));
            Path calls = user.home().resolve("calls.log");
            standIn(bin.resolve("systemctl"), "");
            standIn(bin.resolve("loginctl"), """
                    case $1 in
                        show-user) echo "Linger=$MD_LINGER" ;;
                        enable-linger) [ "$MD_ENABLE" = ok ] || { echo 'Could not enable linger: Access denied' >&2; exit 1; } ;;
                    esac
                    """);
            Path launcher = Path.of("/opt/md/bin/mem_daemon");
            Path log = user.home().resolve(".config/mem_daemon/tmp.log");

            WatcherInstaller.Report on = install(user, bin, calls, "yes", "refused", launcher, log);
            assertEquals(WatcherInstaller.Via.SYSTEMD, on.via(), on.lines().toString());
            assertTrue(on.lines().contains("It keeps running after you log out (lingering is on for " + user.name()
                    + ") and starts at each boot."), on.lines().toString());
            assertFalse(Files.readString(calls).contains("enable-linger"), Files.readString(calls));
            assertTrue(Files.readString(calls).contains("systemctl --user enable --now memory-daemon.service"));
            assertEquals("", user.crontabText());

            WatcherInstaller.Report enabled = install(user, bin, calls, "no", "ok", launcher, log);
            assertEquals(WatcherInstaller.Via.SYSTEMD, enabled.via(), enabled.lines().toString());
            assertTrue(Files.readString(calls).contains("loginctl enable-linger " + user.name()), Files.readString(calls));
            assertTrue(enabled.lines().toString().contains("lingering was off; 'loginctl enable-linger " + user.name()
                    + "' turned it on"), enabled.lines().toString());

            WatcherInstaller.Report refused = install(user, bin, calls, "no", "refused", launcher, log);
            assertEquals(WatcherInstaller.Via.CRON, refused.via(), refused.lines().toString());
            assertEquals("Not a systemd user service, which would stop when you log out: lingering is off and"
                    + " 'loginctl enable-linger " + user.name() + "' was refused (Could not enable linger: Access denied);"
                    + " using an @reboot crontab line, started now, instead.", refused.lines().get(0));
            assertEquals(CronLine.watch(launcher, log) + "\n", user.crontabText());
            assertFalse(Files.exists(user.home().resolve(".config/systemd/user/memory-daemon.service")),
                    "the unit that would stop at logout is gone");
        }
    }

    private static WatcherInstaller.Report install(CronUser user, Path bin, Path calls, String linger, String enable,
            Path launcher, Path log) throws Exception {
        Map<String, String> env = Map.of("HOME", user.home().toString(), "USER", user.name(),
                "XDG_RUNTIME_DIR", Files.createDirectories(user.home().resolve("run")).toString(),
                "PATH", bin + ":" + CrontabStandIn.path("/usr/bin:/bin"),
                "MD_CALLS", calls.toString(), "MD_LINGER", linger, "MD_ENABLE", enable);
        SystemdUserUnit unit = new SystemdUserUnit(user.home().resolve(".config"), env);
        return new WatcherInstaller(unit, user.crontab(), Optional.empty(), env).install(launcher, log, true);
    }

    /** A command that notes each call in $MD_CALLS, then runs {@code body}. */
    private static void standIn(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> \"$MD_CALLS\"\n" + body);
        file.toFile().setExecutable(true, false);
    }
}
