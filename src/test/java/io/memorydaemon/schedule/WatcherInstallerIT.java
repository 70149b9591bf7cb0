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
}
