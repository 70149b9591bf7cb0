// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.Shell;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wizard as users really run it: from the copy installed in ~/.local (~/.local/bin/md_wizard), with the watcher
 * running, as an ordinary user. Uninstall takes the schedule away before the files; an upgrade restarts the watcher.
 */
class WizardLifecycleIT {
    private static final String VERSION = System.getProperty("md.version", "0.1.0");
    private static final String NEXT = "99.0.0";
    /** A watcher that never acts: nothing is over 99 %, and no process is a candidate. */
    private static final String QUIET = "threshold 99\nprefer ^mdnone$\navoid ^(?!mdnone$)\n";
    private static final String WATCH = "io.memorydaemon.cli.MemDaemon watch";

    @Test
    void uninstallFromTheInstalledCopyStopsTheWatcherAndRemovesTheLinesBeforeTheFiles() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path home = user.home();
            installWithWatcher(user, WizardRun.userBuild(user));
            assertEquals(1, user.running(WATCH), user.tempHome().readLog());

            Run.Result gone = installed(user, "uninstall", "--yes");

            assertEquals(0, gone.exitCode(), gone.both());
            assertEquals("", user.crontabText(), "no crontab line left behind");
            assertEquals(0, user.running(WATCH), "no watcher left running from deleted files");
            assertFalse(Files.exists(home.resolve(".local/share/memory-daemon"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(home.resolve(".local/bin/mem_daemon"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(home.resolve(".local/bin/md_wizard"), LinkOption.NOFOLLOW_LINKS));
            String out = gone.stdout();
            assertTrue(out.indexOf("Stopped the running watcher (pid ") < out.indexOf("Removed " + home.resolve(
                    ".local/share/memory-daemon/" + VERSION)), "the watcher stops before its files go: " + out);
            assertTrue(user.tempHome().readLog().contains(" watch=stopped"), user.tempHome().readLog());
            assertFalse(user.tempHome().readLog().contains("not found"), user.tempHome().readLog());
            assertTrue(Files.exists(user.tempHome().config()), "md.conf is kept by default");
        }
    }

    @Test
    void anUpgradeRestartsTheRunningWatcherOnTheNewVersion() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path build = WizardRun.userBuild(user);
            installWithWatcher(user, build);
            assertTrue(watchers(user).get(0).contains("/" + VERSION + " "), watchers(user).toString());
            String cronLine = user.crontab().read().checkLine().orElseThrow();
            String before = installed(user, "status").stdout();
            assertTrue(before.contains("running:   pid "), before);
            assertTrue(before.contains(", version " + VERSION + " ("), before);
            assertTrue(before.contains("started outside systemd: survives logout; the @reboot line starts it at each boot"),
                    before);

            Path next = nextVersion(user, build);
            Run.Result upgrade = WizardRun.launcher(next, user, Map.of(), "", "install", "--yes");

            assertEquals(0, upgrade.exitCode(), upgrade.both());
            assertTrue(upgrade.stdout().contains("Stopped the watcher of the previous version (pid "), upgrade.stdout());
            assertTrue(upgrade.stdout().contains("Started the watcher on the new version (pid "), upgrade.stdout());
            List<String> running = watchers(user);
            assertEquals(1, running.size(), running.toString());
            assertTrue(running.get(0).contains("/memory-daemon/" + NEXT + " "), running.toString());
            assertEquals(cronLine, user.crontab().read().checkLine().orElseThrow(), "the line keeps the stable launcher");
            assertEquals(user.home().resolve(".local/share/memory-daemon/" + NEXT + "/bin/mem_daemon"),
                    user.home().resolve(".local/bin/mem_daemon").toRealPath(), "the next check runs the new version");
            String status = installed(user, "status").stdout();
            assertTrue(status.contains("/memory-daemon/" + NEXT + ", user install)"), status);
            assertTrue(status.contains(", version " + NEXT + " ("), status);
            assertEquals(List.of(), status.lines().filter(l -> l.contains("warning:"))
                    .filter(l -> !l.contains("no cron daemon is running")).toList(),
                    "no warning after the upgrade but the host's own (whether a cron daemon runs): " + status);
        }
    }

    @Test
    void aBuildTheUserCannotWriteIsCopiedIntoTheHomeLikeAnyOther() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path dir = Files.createTempDirectory("md-readonly");
            try {
                Path build = dir.resolve("memory-daemon-" + VERSION);
                Shell.run("cp", "-a", WizardRun.userBuild(user).toString(), build.toString());
                Shell.run("chmod", "-R", "a-w", build.toString());
                Shell.run("chmod", "755", dir.toString());

                Run.Result install = WizardRun.launcher(build, user, Map.of(), "", "install", "--yes");

                assertEquals(0, install.exitCode(), install.both());
                Path copy = user.home().resolve(".local/share/memory-daemon/" + VERSION);
                assertTrue(install.stdout().contains("Copied the build at " + build + " to " + copy), install.stdout());
                assertTrue(Files.isExecutable(copy.resolve("bin/java")));
                Path gone1 = Path.of("/nonexistent/mem_daemon");
                user.crontab().write(CrontabText.parse(CronLine.check(gone1, user.tempHome().log(), 5) + "\n"));
                String status = installed(user, "status").stdout();
                assertTrue(status.contains("warning: the crontab line runs " + gone1 + ", which is missing; run md_wizard"
                        + " cron again"), status);

                Run.Result gone = installed(user, "uninstall", "--yes");
                assertEquals(0, gone.exitCode(), gone.both());
                assertFalse(Files.exists(copy), "the copy of a read-only build can be removed again: " + gone.stdout());
            } finally {
                Shell.run("chmod", "-R", "u+w", dir.toString());
                Shell.run("rm", "-rf", dir.toString());
            }
        }
    }

    @Test
    void editAndTestRunFromTheInstalledCopyWhileTheWatcherHoldsTheLock() throws Exception {
        try (CronUser user = CronUser.create()) {
            installWithWatcher(user, WizardRun.userBuild(user));

            Run.Result edit = WizardRun.launcher(user.home().resolve(".local"), user, Map.of("EDITOR", "true"), "e\n",
                    "edit");
            assertEquals(0, edit.exitCode(), edit.both());
            assertTrue(edit.stdout().contains("is valid: threshold 99%, mail off."), edit.stdout());

            Run.Result test = installed(user, "test");
            assertEquals(0, test.exitCode(), test.both());
            assertTrue(test.stdout().contains("A real run over the threshold would"), test.stdout());
            assertFalse(user.tempHome().readLog().contains("action=skipped"), "a test acts on nothing and needs no"
                    + " lock: " + user.tempHome().readLog());
            assertTrue(installed(user, "uninstall", "--yes").exitCode() == 0);
        }
    }

    /** Installs {@code build}, then from the installed copy: md.conf, the cron line and the @reboot watcher. */
    private static void installWithWatcher(CronUser user, Path build) throws Exception {
        Run.Result install = WizardRun.launcher(build, user, Map.of(), "", "install", "--yes");
        assertEquals(0, install.exitCode(), install.both());
        user.tempHome().writeConfig(QUIET);
        Run.Result cron = installed(user, "cron", "--every", "5");
        assertEquals(0, cron.exitCode(), cron.both());
        Path stable = user.home().resolve(".local/bin/mem_daemon");
        assertEquals(CronLine.check(stable, user.tempHome().log(), 5), user.crontab().read().checkLine().orElseThrow());
        Run.Result watch = installed(user, "watch", "--cron");
        assertEquals(0, watch.exitCode(), watch.both());
        assertTrue(watch.stdout().contains("Started the watcher now (pid "), watch.stdout());
        assertTrue(user.tempHome().awaitLog("watch=started", 30), user.tempHome().readLog());
    }

    /** {@code ~/.local/bin/md_wizard args…}, as the user types it after installing. */
    private static Run.Result installed(CronUser user, String... args) throws Exception {
        return WizardRun.launcher(user.home().resolve(".local"), user, Map.of(), "", args);
    }

    /** Version N+1: a copy of the build with another VERSION, as the next release would be. */
    private static Path nextVersion(CronUser user, Path build) throws Exception {
        Path next = build.resolveSibling("image-next");
        Shell.run("cp", "-a", build.toString(), next.toString());
        Files.writeString(next.resolve("VERSION"), NEXT + "\n");
        user.runAs().own(user.home());
        return next;
    }

    private static List<String> watchers(CronUser user) throws Exception {
        return user.commandLines(WATCH);
    }
}
