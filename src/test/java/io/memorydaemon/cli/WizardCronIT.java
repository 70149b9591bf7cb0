// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.testing.CrontabStandIn;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crontab line does nothing without a cron daemon, and cron gives the line none of the user's environment: md_wizard
 * says when no daemon runs or the log shows no check for two periods, and a line for a non-default md.conf carries
 * XDG_CONFIG_HOME, so that cron's run (under {@code env -i}, as cron runs it) reads the md.conf the wizard edited.
 * The built image's md_wizard as a throw-away user with a real crontab (as root; the stand-in otherwise).
 */
class WizardCronIT {
    private static final String NO_DAEMON = "no cron daemon is running (no cron, crond or fcron process in /proc),"
            + " so the line never runs; an admin starts one: 'sudo systemctl enable --now cron'";
    private static final String SILENT_LOG = "warning: the log shows no check since ";

    @TempDir
    Path scratch;

    /**
     * md_wizard where no cron daemon runs: as root in a PID namespace of its own (its /proc shows its own processes
     * only, whatever runs on the host); as an ordinary user only where no daemon is visible.
     */
    private static Run.Result withoutCronDaemon(CronUser user, String... args) throws Exception {
        ImageRun image = new ImageRun(user.runAs(), user.home());
        List<String> cmd = new ArrayList<>(List.of(image.launcher("md_wizard").toString()));
        cmd.addAll(List.of(args));
        if (!Root.is()) {
            assumeTrue(Run.of("pgrep", "-x", "cron|crond|fcron").env("PATH", "/usr/bin:/bin").go().exitCode() == 1,
                    "a cron daemon runs here; as root the test hides it in a PID namespace of its own");
            return Run.of(cmd).env(env(user)).go();
        }
        List<String> isolated = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
        isolated.addAll(user.runAs().command(cmd));
        user.runAs().own(user.home());
        return Run.of(isolated).env(env(user)).go();
    }

    private static Map<String, String> env(CronUser user) {
        return Map.of("HOME", user.home().toString(), "PATH", CrontabStandIn.path("/usr/local/bin:/usr/bin:/bin"),
                "LANG", "C.UTF-8");
    }

    @Test
    void withoutACronDaemonCronAndStatusSaySoAndTheLineIsStillInstalled() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");

            Run.Result cron = withoutCronDaemon(user, "cron", "--every", "5");
            Run.Result status = withoutCronDaemon(user, "status");

            assertEquals(0, cron.exitCode(), cron.both());
            assertTrue(cron.stdout().contains("\nWarning: " + NO_DAEMON), cron.stdout());
            assertTrue(user.crontab().read().checkLine().isPresent(), user.crontabText());
            assertEquals(0, status.exitCode(), status.both());
            assertTrue(status.stdout().contains("\ncron:      every 5 min: "), status.stdout());
            assertTrue(status.stdout().contains("\n           warning: " + NO_DAEMON), status.stdout());
            assertFalse(status.stdout().contains(SILENT_LOG), "the missing daemon already says why: " + status.stdout());
        }
    }

    /** A process named cron stands for the daemon (its name is what an ordinary user can see of it). */
    @Test
    void statusSaysWhenTheLogShowsNoCheckForTwoPeriodsUntilCronRunsTheLine() throws Exception {
        Path cronName = Files.copy(Path.of("/bin/sleep"), Files.createDirectories(scratch.resolve("bin")).resolve("cron"));
        Process daemon = new ProcessBuilder(cronName.toString(), "600").start();
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            Run.Result cron = WizardRun.image(user, Map.of(), "", "cron", "--every", "1");
            assertEquals(0, cron.exitCode(), cron.both());
            assertFalse(cron.stdout().contains("Warning:"), "a cron process runs: " + cron.stdout());
            assertTrue(user.tempHome().readLog().matches("time=\\S+ level=info cron=installed every=1m\n"),
                    user.tempHome().readLog());
            String fresh = status(user);
            assertFalse(fresh.contains(SILENT_LOG), "just installed: " + fresh);

            String tenMinutesAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx"));
            Files.writeString(user.tempHome().log(), "time=" + tenMinutesAgo
                    + " level=info used=40.0% threshold=99% action=ok\n");
            String silent = status(user);
            assertTrue(silent.contains("\n           " + SILENT_LOG), silent);
            assertTrue(silent.contains("more than two periods of 1 min): cron is not running the line;"), silent);

            Run.Result byCron = user.runAsCronWould(user.crontab().read().checkLine().orElseThrow());
            assertEquals(0, byCron.exitCode(), byCron.both());
            String ran = status(user);
            assertFalse(ran.contains(SILENT_LOG), "cron's run is in the log: " + ran);
        } finally {
            daemon.destroyForcibly().waitFor();
        }
    }

    private static String status(CronUser user) throws Exception {
        Run.Result r = WizardRun.image(user, Map.of(), "", "status");
        assertEquals(0, r.exitCode(), r.both());
        return r.stdout();
    }

    @Test
    void withXdgConfigHomeTheLineCarriesItAndCronsRunReadsThatMdConf() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 11\n"); // ~/.config/mem_daemon: the md.conf cron must NOT read
            Path xdg = user.home().resolve("settings");
            Path conf = Files.createDirectories(xdg.resolve("mem_daemon")).resolve("md.conf");
            Files.writeString(conf, "threshold 97.5\n");
            user.runAs().own(user.home());
            Path launcher = new ImageRun(user.runAs(), user.home()).launcher("mem_daemon");
            String older = CronLine.check(launcher, user.tempHome().log(), 5);
            user.crontab().write(CrontabText.parse("# mine\n" + older + "\n"));

            Run.Result cron = WizardRun.image(user, Map.of("XDG_CONFIG_HOME", xdg.toString()), "", "cron", "--every", "5");

            assertEquals(0, cron.exitCode(), cron.both());
            String line = CronLine.check(launcher, xdg.resolve("mem_daemon/tmp.log"), 5, java.util.Optional.of(xdg));
            assertEquals("# mine\n" + line + "\n", user.crontabText(), "the earlier line replaced, not doubled");
            assertTrue(line.contains(" XDG_CONFIG_HOME=" + xdg + " " + launcher + " check >> "), line);
            assertTrue(cron.stdout().contains("It sets XDG_CONFIG_HOME=" + xdg + ", as you have it, so that cron's check"
                    + " reads " + conf + "."), cron.stdout());

            Run.Result byCron = user.runAsCronWould(line);

            assertEquals(0, byCron.exitCode(), byCron.both());
            String log = Files.readString(xdg.resolve("mem_daemon/tmp.log"));
            assertTrue(log.matches("(?s).*\ntime=\\S+ level=info used=\\S+ threshold=97.5% action=ok\\b.*"), log);
            assertTrue(Files.exists(xdg.resolve("mem_daemon/md.lock")), "the lock beside that md.conf, as the watcher's");
            assertFalse(Files.exists(user.tempHome().log()), "nothing read or written in ~/.config/mem_daemon");

            Run.Result mine = WizardRun.image(user, Map.of("XDG_CONFIG_HOME", xdg.toString()), "", "status");
            assertFalse(mine.stdout().contains("reads md.conf in"), mine.stdout());
            Run.Result other = WizardRun.image(user, Map.of(), "", "status");
            assertTrue(other.stdout().contains("warning: the crontab line reads md.conf in " + xdg + "/mem_daemon, not the"
                    + " one above; run md_wizard cron again"), other.stdout());
        }
    }
}
