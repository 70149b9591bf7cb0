// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.schedule.WatcherInstaller;
import io.memorydaemon.testing.CrontabStandIn;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.SystemImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Install and uninstall in a temporary HOME, with the built image (target/image) as the source checkout's build. */
class UserInstallIT {
    private static final String VERSION = System.getProperty("md.version", "0.1.0");

    @Test
    void installsTheBuildIntoTheHomeLayoutAndTheInstalledLauncherRuns() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path image = new ImageRun(user.runAs(), user.home()).image();
            Layout layout = Layout.fromEnvironment(Map.of("HOME", user.home().toString()));
            Origin origin = new Origin(Optional.of(image), Optional.of(image.resolve("bin/md_wizard")));
            assertEquals(Origin.Kind.BUILD, origin.kind(layout), "a build run by its owner");

            new UserInstall(layout).install(image, "0.0.1-older");
            List<String> upgrade = new UserInstall(layout).install(image, origin.version());
            assertTrue(upgrade.contains("Removed the previous version " + layout.versionDir("0.0.1-older")), upgrade.toString());
            assertEquals(List.of(layout.versionDir(VERSION)), new UserInstall(layout).installedVersions());
            user.runAs().own(user.home());

            Path installed = user.home().resolve(".local/share/memory-daemon/" + VERSION);
            assertTrue(Files.isExecutable(installed.resolve("bin/java")));
            assertEquals(Path.of(VERSION), Files.readSymbolicLink(user.home().resolve(".local/share/memory-daemon/current")));
            for (String name : Layout.LAUNCHERS) {
                assertEquals(user.home().resolve(".local/share/memory-daemon/current/bin/" + name),
                        Files.readSymbolicLink(user.home().resolve(".local/bin/" + name)));
            }
            for (String doc : List.of("man/man1/mem_daemon.1", "man/man1/md_wizard.1", "man/man5/md.conf.5",
                    "bash-completion/completions/mem_daemon", "bash-completion/completions/md_wizard")) {
                assertEquals(layout.current().resolve("share/" + doc),
                        Files.readSymbolicLink(user.home().resolve(".local/share/" + doc)), "where man and bash look");
                assertTrue(Files.isRegularFile(user.home().resolve(".local/share/" + doc)), doc);
            }
            String version = runAsUser(user, user.home().resolve(".local/bin/mem_daemon").toString(), "--version");
            assertTrue(version.startsWith("memory-daemon " + VERSION + "\n"), version);
            Origin installedOrigin = new Origin(Optional.of(installed), Optional.empty());
            assertEquals(Origin.Kind.USER_INSTALL, installedOrigin.kind(layout));
            assertEquals(Optional.of(user.home().resolve(".local/bin/mem_daemon")), installedOrigin.memDaemonLauncher(layout));

            new UserInstall(layout).install(image, origin.version());
            assertTrue(Files.isExecutable(installed.resolve("bin/java")), "re-install of the same version replaces it");
        }
    }

    @Test
    void configFolderAndFileArePrivateAndAnExistingMdConfIsNeverTouched() throws Exception {
        try (CronUser user = CronUser.create()) {
            Files.delete(user.tempHome().configDir());
            Layout layout = Layout.fromEnvironment(Map.of("HOME", user.home().toString()));
            Path template = Path.of("packaging/md.conf.template");

            ConfigSetup.ensure(layout.paths(), user.home(), Optional.of(template));

            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.paths().configDir())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.paths().configFile())));
            assertEquals(Files.readString(template), Files.readString(layout.paths().configFile()));

            Files.writeString(layout.paths().configFile(), "threshold 77\n# mine\n");
            Files.setPosixFilePermissions(layout.paths().configFile(), PosixFilePermissions.fromString("rw-r-----"));
            Files.setLastModifiedTime(layout.paths().configFile(), FileTime.fromMillis(1_000_000_000_000L));
            List<String> done = ConfigSetup.ensure(layout.paths(), user.home(), Optional.of(template));

            assertEquals("threshold 77\n# mine\n", Files.readString(layout.paths().configFile()));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.paths().configFile())));
            assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(layout.paths().configFile()));
            assertTrue(done.contains("Kept your existing " + layout.paths().configFile()), done.toString());
        }
    }

    @Test
    void uninstallRemovesExactlyWhatItSaysAndLeavesTheRest() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path image = new ImageRun(user.runAs(), user.home()).image();
            Map<String, String> env = Map.of("HOME", user.home().toString(), "PATH", CrontabStandIn.path("/usr/bin:/bin"),
                    "XDG_RUNTIME_DIR", Files.createDirectories(user.home().resolve("run")).toString());
            Layout layout = Layout.fromEnvironment(env);
            Origin origin = new Origin(Optional.of(image), Optional.empty());
            new UserInstall(layout).install(image, origin.version());
            ConfigSetup.ensure(layout.paths(), user.home(), origin.template());
            Files.writeString(layout.paths().defaultLogFile(), "a log line\n");
            Path mine = Files.writeString(user.home().resolve(".local/bin/my-tool"), "#!/bin/sh\n");
            String others = "# mine\n0 3 * * * /usr/bin/backup\n";
            Path checker = user.home().resolve(".local/bin/mem_daemon");
            user.crontab().write(CrontabText.parse(others).withCheck(CronLine.check(checker, layout.paths().defaultLogFile(), 5)));
            WatcherInstaller watcher = new WatcherInstaller(new SystemdUserUnit(layout.configHome(), env), user.crontab(),
                    Optional.empty(), env);
            watcher.install(checker, layout.paths().defaultLogFile(), true);

            List<String> said = new Uninstall(layout, origin, user.crontab(), watcher).run(new Uninstall.Choices(true, true))
                    .lines();

            assertEquals(others, user.crontabText());
            assertFalse(Files.exists(layout.dataDir()), said.toString());
            assertFalse(Files.exists(checker, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(layout.link("md_wizard"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertTrue(Files.exists(mine), "other files in ~/.local/bin stay");
            assertEquals("a log line\n", Files.readString(layout.paths().defaultLogFile()));
            assertTrue(Files.exists(layout.paths().configFile()));
            assertTrue(Files.isDirectory(image.resolve("bin")), "the build it ran from stays");
            assertEquals(List.of(
                    "Removed the crontab line: " + CronLine.watch(checker, layout.paths().defaultLogFile()),
                    "A watcher started by that line runs until the next reboot; stop it now with:"
                            + " pkill -u \"$USER\" -f 'cli.MemDaemon watch'",
                    "Removed the crontab line: " + CronLine.check(checker, layout.paths().defaultLogFile(), 5),
                    "Removed " + layout.link("md_wizard"),
                    "Removed " + checker,
                    "Removed the links of the man pages and bash completions",
                    "Removed " + layout.versionDir(VERSION),
                    "Removed " + user.home().resolve(".local/share/man/man1") + " (empty; install had created it)",
                    "Removed " + user.home().resolve(".local/share/man/man5") + " (empty; install had created it)",
                    "Removed " + user.home().resolve(".local/share/bash-completion/completions")
                            + " (empty; install had created it)",
                    "Removed " + user.home().resolve(".local/share/man") + " (empty; install had created it)",
                    "Removed " + user.home().resolve(".local/share/bash-completion") + " (empty; install had created it)",
                    "Removed " + user.home().resolve(".local/share") + " (empty; install had created it)",
                    "Left " + layout.paths().configDir() + " (md.conf, the log, the outbox) — delete it yourself when"
                            + " you no longer need it",
                    "Left the build you ran this from (" + image + ")"), said);

            List<String> second = new Uninstall(layout, origin, user.crontab(), watcher).run(new Uninstall.Choices(true, false))
                    .lines();
            assertFalse(Files.exists(layout.paths().configDir()));
            assertEquals(List.of("Removed " + layout.paths().configDir() + " (md.conf, the log, the outbox)",
                    "Left the build you ran this from (" + image + ")"), second);
        }
    }

    @Test
    void whenTheScheduleCannotBeRemovedNothingElseIsAndTheWayByHandIsSaid() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path image = new ImageRun(user.runAs(), user.home()).image();
            Map<String, String> env = Map.of("HOME", user.home().toString(), "PATH", CrontabStandIn.path("/usr/bin:/bin"));
            Layout layout = Layout.fromEnvironment(env);
            Origin origin = new Origin(Optional.of(image), Optional.empty());
            new UserInstall(layout).install(image, origin.version());
            // no such user: crontab -u refuses, as a broken crontab would
            Crontab broken = Crontab.ofUser(Map.of("PATH", "/usr/bin:/bin"), "md-no-such-user");
            WatcherInstaller watcher = new WatcherInstaller(new SystemdUserUnit(layout.configHome(), env), broken,
                    Optional.empty(), env);

            Uninstall.Outcome outcome = new Uninstall(layout, origin, broken, watcher).run(new Uninstall.Choices(true, true));

            assertFalse(outcome.complete());
            assertTrue(outcome.lines().get(0).startsWith("Could not remove the schedule: crontab -l failed"),
                    outcome.lines().toString());
            assertTrue(outcome.lines().get(1).startsWith("Nothing else was removed, so nothing points at a missing"
                    + " launcher. Remove the schedule by hand (crontab -e: the lines ending '# memory-daemon'"),
                    outcome.lines().toString());
            assertTrue(Files.isExecutable(layout.link("mem_daemon")), "the launcher the schedule runs stays");
        }
    }

    @Test
    void keepingTheCrontabLineKeepsTheRuntimeItRuns() throws Exception {
        try (CronUser user = CronUser.create()) {
            Path image = new ImageRun(user.runAs(), user.home()).image();
            Map<String, String> env = Map.of("HOME", user.home().toString(), "PATH", CrontabStandIn.path("/usr/bin:/bin"));
            Layout layout = Layout.fromEnvironment(env);
            Origin origin = new Origin(Optional.of(image), Optional.empty());
            new UserInstall(layout).install(image, origin.version());
            String line = CronLine.check(layout.link("mem_daemon"), layout.paths().defaultLogFile(), 5);
            user.crontab().write(CrontabText.parse(line + "\n"));
            WatcherInstaller watcher = new WatcherInstaller(new SystemdUserUnit(layout.configHome(), env), user.crontab(),
                    Optional.empty(), env);

            Uninstall.Outcome outcome = new Uninstall(layout, origin, user.crontab(), watcher)
                    .run(new Uninstall.Choices(false, true));

            assertTrue(outcome.complete());
            assertEquals(line + "\n", user.crontabText());
            assertTrue(Files.isExecutable(layout.link("mem_daemon")), outcome.lines().toString());
            assertTrue(outcome.lines().get(0).startsWith("Left your crontab line and watcher, and the runtime they run ("),
                    outcome.lines().toString());
        }
    }

    @Test
    void aSystemInstallIsNeverRemovedAndTheAdminsCommandIsNamed() throws Exception {
        try (CronUser user = CronUser.create();
             SystemImage system = SystemImage.of(new ImageRun(user.runAs(), user.home()))) {
            ImageRun run = new ImageRun(user.runAs(), user.home(), system.image());

            Run.Result r = run.run("md_wizard", "uninstall", "--yes");

            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stdout().contains("installed by a system package (" + run.image() + ") and stays; an admin"
                    + " removes it with 'sudo apt remove memory-daemon'"), r.stdout());
            assertTrue(Files.isExecutable(run.launcher("mem_daemon")));
            assertTrue(Files.exists(user.tempHome().configDir()), "md.conf kept by default");
        }
    }

    private static String runAsUser(CronUser user, String... command) throws Exception {
        return Run.of(command).as(user.runAs()).env("HOME", user.home().toString())
                .env("PATH", CrontabStandIn.path("/usr/bin:/bin")).ok()
                .both();
    }
}
