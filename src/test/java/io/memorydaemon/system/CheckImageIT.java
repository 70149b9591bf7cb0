// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.CrontabStandIn;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.LockFile;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mem_daemon check} from the linked image against a hog this test started, the largest process on the
 * machine, with a threshold just under used RAM. Every md.conf restricts the user's own candidates to that hog
 * ({@code prefer} it, {@code avoid} every other name of theirs).
 */
class CheckImageIT {
    private final RunAs user = RunAs.checkerUser();
    private TempHome home;
    private Path hogDir;

    @BeforeEach
    void home() throws Exception {
        home = new TempHome(user);
        hogDir = Files.createTempDirectory("md-hog");
    }

    @AfterEach
    void cleanUp() throws Exception {
        home.close();
        try (var files = Files.walk(hogDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A threshold just under used RAM, and the hog as the only process of its user's a check may choose. */
    static String onlyVictim(Hog hog) {
        return hog.victimConfig();
    }

    @Test
    void aHogIgnoringSigtermIsKilledWithSigkill() throws Exception {
        try (Hog hog = Hog.dominant(user, hogDir, true)) {
            home.writeConfig(onlyVictim(hog) + "grace 2\n");

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(128 + 9, hog.waitFor(10), "the hog must die of SIGKILL");
            String log = home.readLog();
            assertTrue(log.contains(" action=killed-sigkill pid=" + hog.pid() + " user=" + user.user() + " "), log);
        }
    }

    @Test
    void anotherUsersHogIsWarnedAboutAndLeftRunning() throws Exception {
        Root.assume("run a second user's process");
        try (Hog rootHog = Hog.dominant(RunAs.lookup("root"), hogDir, false)) {
            home.writeConfig(onlyVictim(rootHog));

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.stderr());
            String log = home.readLog();
            assertTrue(log.contains(" action=warned reason=other-user pid=" + rootHog.pid() + " user=root "), log);
            assertTrue(log.contains("mail=off"), log);
            assertTrue(rootHog.isAlive(), "another user's hog must survive");
        }
    }

    /** Root in a home of its own: memory-daemon refuses a lock or log file another user owns, root included. */
    @Test
    void asRootTheCheckerOnlyWarnsUnlessKillAsRootIsSet() throws Exception {
        Root.assume("run the checker as root beside another user's hog");
        try (Hog hog = Hog.dominant(user, hogDir, false); TempHome home = new TempHome(RunAs.lookup("root"))) {
            home.writeConfig(onlyVictim(hog));

            Run.Result warned = new ImageRun(user, home.home()).asRoot().run("mem_daemon", "check");

            assertEquals(0, warned.exitCode(), warned.stderr());
            assertTrue(home.readLog().contains(" action=warned reason=root pid=" + hog.pid() + " user=" + user.user() + " "), home.readLog());
            assertTrue(hog.isAlive(), "root without kill_as_root must not kill");

            home.writeConfig(onlyVictim(hog) + "kill_as_root yes\n");
            Run.Result killed = new ImageRun(user, home.home()).asRoot().run("mem_daemon", "check");

            assertEquals(0, killed.exitCode(), killed.stderr());
            assertTrue(hog.waitFor(10) >= 0, "kill_as_root yes lets root kill");
            assertTrue(home.readLog().contains(" action=killed pid=" + hog.pid() + " user=" + user.user() + " "), home.readLog());
        }
    }

    @Test
    void theShellThatStartedTheCheckerIsNeverChosen() throws Exception {
        String name = "mdanc" + Long.toHexString(System.nanoTime() & 0xffffff);
        Files.createSymbolicLink(hogDir.resolve(name), Path.of("/bin/sh").toRealPath());
        user.own(hogDir);
        home.writeConfig("threshold 1\nprefer ^" + name + "$\navoid ^(?!" + name + "$)\n");
        String launcher = new ImageRun(user, home.home()).launcher("mem_daemon").toString();
        // not the last command, so the shell stays the checker's parent instead of exec'ing it
        ProcessBuilder pb = new ProcessBuilder(user.command(List.of(hogDir.resolve(name).toString(), "-c",
                "\"$0\" check; echo \"exit=$?\"", launcher))).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("HOME", home.home().toString(), "PATH", CrontabStandIn.path("/usr/bin:/bin")));
        Process shell = pb.start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(shell.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, shell.exitValue(), out);
        assertTrue(out.endsWith("exit=0\n"), out);
        String log = home.readLog();
        assertTrue(log.contains(" action="), log);
        assertFalse(log.contains("action=killed"), "its own shell is never chosen: " + log);
    }

    @Test
    void aRunWhileAnotherHoldsTheLockSkipsAndLeavesTheHog() throws Exception {
        try (Hog hog = Hog.dominant(user, hogDir, false)) {
            home.writeConfig(onlyVictim(hog));
            Path lockFile = home.configDir().resolve("md.lock");
            Files.createFile(lockFile);
            user.own(home.configDir());
            try (LockFile held = LockFile.hold(lockFile)) {

                Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

                assertEquals(0, r.exitCode(), r.stderr());
                assertTrue(home.readLog().contains(" action=skipped reason=locked lock="),
                        home.readLog());
                assertFalse(home.readLog().contains("action=killed"), home.readLog());
                assertTrue(hog.isAlive(), "a skipped run must not act");
            }
        }
    }

    @Test
    void aDryRunReportsTheDecisionAndKillsNothing() throws Exception {
        try (Hog hog = Hog.dominant(user, hogDir, false)) {
            home.writeConfig(onlyVictim(hog));

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check", "--dry-run");

            assertEquals(0, r.exitCode(), r.stderr());
            String line = " action=would-kill dry_run=yes pid=" + hog.pid() + " user=" + user.user() + " ";
            assertTrue(r.stdout().contains(line), r.stdout());
            assertTrue(home.readLog().contains(line), home.readLog());
            assertFalse(hog.waitFor(1) >= 0, "a dry run must not kill");
        }
    }
}
