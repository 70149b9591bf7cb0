// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code mem_daemon} launcher as users and old crontab lines call it. */
class MemDaemonImageIT {
    private final RunAs user = RunAs.checkerUser();
    private TempHome home;

    @BeforeEach
    void home() throws Exception {
        home = new TempHome(user);
    }

    @AfterEach
    void cleanUp() throws Exception {
        home.close();
    }

    private Run.Result run(String... args) throws Exception {
        return new ImageRun(user, home.home()).run("mem_daemon", args);
    }

    private static String onlyVictim(Hog hog) {
        return hog.victimConfig();
    }

    @Test
    void aBadConfigExitsTwoWithOneLineAndChangesNothing() throws Exception {
        home.writeConfig("# mine\nthreshold 150\n");
        byte[] before = Files.readAllBytes(home.config());
        FileTime modified = Files.getLastModifiedTime(home.config());

        Run.Result r = run("check");

        assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
        assertEquals(home.config() + ":2: 'threshold' must be a number from 1 to 99 (decimals allowed), not '150';"
                + " write a percentage of total RAM, e.g. 'threshold 90' or 'threshold 90.5'\n", r.stderr());
        assertEquals("", r.stdout());
        assertArrayEquals(before, Files.readAllBytes(home.config()));
        assertEquals(modified, Files.getLastModifiedTime(home.config()));
        assertFalse(Files.exists(home.log()), "no log line for a config that was refused");
    }

    @Test
    void errorsAreUtf8EvenInCronsEnvironmentWithNoLocale() throws Exception {
        Path conf = Files.writeString(home.configDir().resolve("m\u00e9moire.conf"), "threshold 0\n");
        user.own(home.configDir());

        Run.Result r = new ImageRun(user, home.home()).env("LANG", "").run("mem_daemon", "check", "--config",
                conf.toString());

        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith(conf + ":1: 'threshold' must be"), r.stderr());
    }

    @Test
    void anUnreadableConfigSaysPermissionDenied() throws Exception {
        home.writeConfig("threshold 90\n");
        Files.setPosixFilePermissions(home.config(), PosixFilePermissions.fromString("---------"));

        Run.Result r = run("check");

        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(home.config() + ": permission denied; make it readable by you ('chmod 600 " + home.config()
                + "' as its owner)\n", r.stderr());
    }

    @Test
    void theOriginalBareTemplateIsRefusedLineByLine() throws Exception {
        home.writeConfig("receiver\nsender\npass\nthreshold\nsmtp\nport\n");

        Run.Result r = run("0", "1");

        assertEquals(2, r.exitCode(), r.stderr());
        String[] lines = r.stderr().split("\n");
        assertEquals(6, lines.length, r.stderr());
        assertTrue(lines[3].startsWith(home.config() + ":4: 'threshold' has no value; write 'threshold 90'"), lines[3]);
    }

    @Test
    void aPlainPasswordOthersCanReadIsWarnedAboutOnStderrAndInTheLog() throws Exception {
        home.writeConfig("threshold 99\navoid .\nreceiver me@example.org\nsender md@example.org\npass hunter2\n"
                + "smtp 127.0.0.1\nport 25\n");
        Files.setPosixFilePermissions(home.config(), PosixFilePermissions.fromString("rw-r--r--"));

        Run.Result r = run("check", "--no-mail");

        assertEquals(0, r.exitCode(), r.stderr());
        String warning = home.config() + ": holds a plain 'pass' but can be read by other users; run 'chmod 600 "
                + home.config() + "' or use pass_file / pass_command\n";
        assertEquals(warning, r.stderr());
        assertTrue(home.readLog().matches("time=\\S+ level=warning msg=\"" + Pattern.quote(warning.strip()) + "\"\n(?s).*"),
                home.readLog());
        assertFalse(r.stderr().contains("hunter2") || home.readLog().contains("hunter2"));
    }

    @Test
    void theLegacyRealRunFormKillsTheHog() throws Exception {
        try (Hog hog = Hog.dominant(user, false)) {
            home.writeConfig(onlyVictim(hog));

            Run.Result r = run("0", "1");

            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(hog.waitFor(10) >= 0, "mem_daemon 0 1 is a real run");
            assertTrue(home.readLog().contains(" action=killed pid=" + hog.pid() + " "), home.readLog());
            assertTrue(home.readLog().contains(" mail=off"), home.readLog());
        }
    }

    @Test
    void theLegacyDummyTestFormKillsNothing() throws Exception {
        try (Hog hog = Hog.dominant(user, false)) {
            home.writeConfig("threshold 99\n" + hog.onlyCandidate());

            Run.Result r = run("1", "1");

            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(home.readLog().contains(" threshold=0% action=would-kill test=yes pid=" + hog.pid() + " "),
                    home.readLog());
            assertFalse(hog.waitFor(1) >= 0, "mem_daemon 1 1 must not kill");
        }
    }

    @Test
    void helpListsTheCommandsAndExitsZero() throws Exception {
        Run.Result r = run("--help");

        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("Usage: mem_daemon "), r.stdout());
        assertTrue(r.stdout().contains("  check "), r.stdout());
        assertTrue(r.stdout().contains("mem_daemon 0 1"), r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        String version = System.getProperty("md.version");

        Run.Result r = run("--version");
        Run.Result check = run("check", "--version");

        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("memory-daemon " + version, r.stdout().lines().findFirst().orElse(""));
        assertEquals(r.stdout(), check.stdout());
        assertEquals(version, Files.readString(new ImageRun(user, home.home()).image().resolve("VERSION")).strip());
    }

    @Test
    void anUnknownOptionIsBadUsage() throws Exception {
        Run.Result r = run("check", "--frobnicate");

        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().startsWith("Unknown option: '--frobnicate'"), r.stderr());
    }
}
