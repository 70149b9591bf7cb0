// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users whose schedules run the package's launcher: an upgrade keeps their crontab lines working; {@code dpkg -r}
 * names each of them (a crontab line, a systemd user unit) with what they must do, and no one else; such a user's
 * {@code md_wizard status} from a copy of their own says the package is gone and how to mend it, and its uninstall
 * mends it; a reinstall from the "rc" state says whose lines run again.
 */
class PackageRemovalIT {
    private static final String SBIN = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path IMAGE = Path.of(System.getProperty("md.image", "target/image"));
    /** sh's exit code for a command it cannot find: what cron gets from a line whose launcher is gone. */
    private static final int NOT_FOUND = 127;

    private Path dir;
    private PackageScratch scratch;

    @BeforeEach
    void setUp() throws Exception {
        scratch = PackageScratch.openLocked("md-removal"); // the host lock too: dpkg is the host's
        dir = scratch.dir();
    }

    @AfterEach
    void restore() throws Exception {
        scratch.close();
    }

    @Test
    void removalNamesEachUserWhoseScheduleRunsThePackageAndWhatTheyMustDo() throws Exception {
        Root.assume("install the .deb with dpkg and make throw-away users with crontabs");
        assumeTrue(PackagesIT.onPath("dpkg") && PackagesIT.onPath("crontab"),
                "needs dpkg and crontab (apt-get install cron)");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        Path next = withRevision(PackagesIT.DEB, "2");
        Path path = Dist.pathWithoutJava(dir);
        try (CronUser alice = CronUser.create(); CronUser bob = CronUser.create(); CronUser carol = CronUser.create()) {
            dpkg("-i", PackagesIT.DEB.toString());
            // alice sets up her check with the package's md_wizard, as its hint says
            alice.tempHome().writeConfig("threshold 99\n");
            Run.of("/usr/bin/md_wizard", "cron", "--every", "5").as(alice.runAs())
                    .env("HOME", alice.home().toString()).env("PATH", path.toString()).ok();
            String line = alice.crontab().read().checkLine().orElseThrow();
            assertEquals(Path.of("/opt/memory-daemon/bin/mem_daemon"), CronLine.launcher(line).orElseThrow(), line);
            // bob's watcher is a systemd user unit that runs the package's launcher by its link on PATH
            Path unit = bob.home().resolve(".config/systemd/user/memory-daemon.service");
            Files.createDirectories(unit.getParent());
            Files.writeString(unit, SystemdUserUnit.content(Path.of("/usr/bin/mem_daemon")));
            bob.runAs().own(bob.home());
            // carol runs a copy of her own: nothing of hers depends on the package
            carol.crontab().write(carol.crontab().read().withCheck(CronLine.check(
                    carol.home().resolve(".local/bin/mem_daemon"), carol.tempHome().log(), 5)));

            // an upgrade replaces the launchers in place: alice's line keeps working, and no one is named
            Run.Result upgrade = dpkg("-i", next.toString());
            assertFalse(upgrade.stdout().contains(alice.name()), upgrade.both());
            assertEquals(0, alice.runAsCronWould(line).exitCode(), "the line runs after the upgrade");

            Run.Result removal = dpkg("-r", "memory-daemon");
            String out = removal.stdout();
            assertTrue(out.contains("these users' schedules run this package's launcher, which is being removed:"),
                    out);
            assertTrue(out.contains("\n  " + alice.name() + ": 1 crontab line\n"), out);
            assertTrue(out.contains("\n  " + bob.name() + ": systemd user unit " + unit + "\n"), out);
            assertFalse(out.contains(carol.name()), "carol's schedule runs her own copy: " + out);
            assertTrue(out.contains("'md_wizard uninstall'") && out.contains("'crontab -e'"), out);
            assertEquals(NOT_FOUND, alice.runAsCronWould(line).exitCode(), "the line now fails, as named");

            // alice's status from a copy of her own says the same, and that copy's uninstall mends it
            Run status = Run.of(IMAGE.resolve("bin/md_wizard").toString(), "status").as(alice.runAs())
                    .env("HOME", alice.home().toString()).env("PATH", path.toString());
            String said = status.go().stdout();
            assertTrue(said.contains("warning: the crontab line runs /opt/memory-daemon/bin/mem_daemon, which is"
                    + " missing: the system package memory-daemon was removed; run md_wizard cron from this copy"), said);

            // installed again over what the removal kept: alice's line runs again, and the package says whose
            Run.Result again = dpkg("-i", PackagesIT.DEB.toString());
            assertTrue(again.stdout().contains("these users' schedules run this package's launcher again:\n"),
                    again.both());
            assertTrue(again.stdout().contains("\n  " + alice.name() + ": 1 crontab line\n"), again.both());
            assertEquals(0, alice.runAsCronWould(line).exitCode(), "the line runs again");

            dpkg("-r", "memory-daemon");
            Run.of(IMAGE.resolve("bin/md_wizard").toString(), "uninstall", "--yes", "--keep-config").as(alice.runAs())
                    .env("HOME", alice.home().toString()).env("PATH", path.toString()).ok();
            assertTrue(alice.crontab().read().checkLine().isEmpty(), alice.crontabText());
            assertFalse(status.go().stdout().contains("which is missing"), "nothing left pointing at the package");
            List<String> carolsLines = carol.crontabText().lines().toList();
            assertEquals(1, carolsLines.stream().filter(CronLine::isCheck).count(), "carol's line untouched");
        }
    }

    /** The same package with a higher Debian revision (VERSION-REVISION), as a rebuilt release would be. */
    private Path withRevision(Path deb, String revision) throws Exception {
        Path root = dir.resolve("rebuilt");
        Run.of("dpkg-deb", "-R", deb.toString(), root.toString()).env("PATH", SBIN).ok();
        Path control = root.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$",
                "Version: " + Dist.VERSION + "-" + revision));
        Path out = dir.resolve("memory-daemon_" + Dist.VERSION + "-" + revision + "_amd64.deb");
        // gzip -1: the test's own package, made quickly
        Run.of("dpkg-deb", "-Zgzip", "-z1", "-b", root.toString(), out.toString()).env("PATH", SBIN).ok();
        Dist.deleteTree(root);
        return out;
    }

    private static Run.Result dpkg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        return Run.of(cmd).env("PATH", SBIN).ok();
    }
}
