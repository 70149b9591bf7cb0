// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.LockFile;
import io.memorydaemon.testing.Processes;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mem_daemon watch} from the linked image, as the checker's user ({@code nobody} under root). Every md.conf
 * restricts the candidates to the test's own hog ({@code prefer}/{@code avoid}), as other tests run hogs as that user
 * at the same time (and, run by an ordinary user, the build itself is that user's too).
 */
class WatchIT {
    private final RunAs user = RunAs.checkerUser();

    /** The hog's source and launcher link; JUnit removes it after each test. */
    @TempDir
    Path hogDir;

    /** The hog as the only process of the user's a pass may choose, and a threshold just under used RAM. */
    private static String onlyHog(Hog hog) {
        return hog.victimConfig() + "grace 5\n";
    }

    @Test
    void aChangedConfigEndsTheWaitAfterNothingCouldBeChosen() throws Exception {
        try (TempHome home = new TempHome(user)) {
            // threshold 1: over from the start, but every process of the user's is avoided until the hog exists:
            // another user's is the largest, and only warned about
            home.writeConfig("threshold 1\nprefer ^mdhog-none$\navoid .\n");
            try (WatchRun watch = WatchRun.start(user, home, "--interval", "1s");
                 Hog hog = Hog.dominant(user, hogDir, false)) {
                assertTrue(watch.awaitLog("action=warned", 30), home.readLog());
                home.writeConfig(onlyHog(hog));

                assertTrue(watch.awaitLog("action=killed pid=" + hog.pid() + " user=" + user.user(), 60), home.readLog());
                assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
                assertTrue(watch.isAlive(), "the watcher keeps watching after a kill");
            }
        }
    }

    @Test
    void killsAHogAlreadyOverTheThresholdAtOnce() throws Exception {
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, hogDir, true)) {
            home.writeConfig(onlyHog(hog).replace("grace 5", "grace 1"));
            try (WatchRun watch = WatchRun.start(user, home)) {
                assertTrue(watch.awaitLog("action=killed-sigkill pid=" + hog.pid(), 60), home.readLog());
                assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
                String log = home.readLog();
                assertEquals(1, log.split("action=killed", -1).length - 1, "one kill for one event: " + log);
            }
        }
    }

    @Test
    void stopsCleanlyOnSigterm() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 99\n");
            Path lockFile = home.configDir().resolve("md.lock");
            try (WatchRun watch = WatchRun.start(user, home)) {
                assertTrue(LockFile.isHeld(lockFile), "the watcher holds the lock while it runs");

                assertEquals(143, watch.terminate(), watch.stderr());
            }
            assertTrue(home.readLog().contains("watch=stopped"), home.readLog());
            assertFalse(LockFile.isHeld(lockFile), "the lock is released");
        }
    }

    @Test
    void stopsCleanlyOnSigint() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 99\n");
            try (WatchRun watch = WatchRun.start(user, home)) {
                assertEquals(130, watch.interrupt(), watch.stderr());
            }
            assertTrue(home.readLog().contains("watch=stopped"), home.readLog());
        }
    }

    @Test
    void aDryRunOverTheThresholdReportsAndSignalsNothing() throws Exception {
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, hogDir, false)) {
            home.writeConfig(onlyHog(hog));
            try (WatchRun watch = WatchRun.start(user, home, "--dry-run")) {
                assertTrue(watch.awaitLog("action=would-kill dry_run=yes pid=" + hog.pid(), 60), home.readLog());
                assertTrue(home.readLog().contains(" dry_run=yes "), home.readLog());
                assertEquals(-1, hog.waitFor(2), "a dry run must not signal the hog");
                assertTrue(watch.isAlive());
            }
        }
    }

    @Test
    void aSecondWatcherWaitsForTheLockAndTakesOverWhenTheFirstStops() throws Exception {
        try (TempHome home = new TempHome(user)) {
            home.writeConfig("threshold 99\n");
            try (WatchRun first = WatchRun.start(user, home);
                 WatchRun second = WatchRun.startUntil("watch=waiting", user, home)) {
                assertEquals(1, count(home.readLog(), "watch=started"), home.readLog());

                assertEquals(143, first.terminate(), first.stderr());

                assertTrue(second.awaitLog("watch=stopped", 10), home.readLog());
                assertTrue(waitForCount(home, "watch=started", 2), home.readLog());
                assertTrue(second.isAlive());
            }
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static boolean waitForCount(TempHome home, String part, int n) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (count(home.readLog(), part) >= n) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void appliesAChangedConfigWhileRunning() throws Exception {
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, hogDir, false)) {
            home.writeConfig("threshold 99\n" + hog.onlyCandidate() + "grace 5\n");
            try (WatchRun watch = WatchRun.start(user, home, "--interval", "200ms")) {
                home.writeConfig("threshold 0\n");
                assertTrue(watch.awaitLog("not valid, keeping the previous settings", 30), home.readLog());
                assertTrue(hog.isAlive(), "a bad config changes nothing");

                home.writeConfig(onlyHog(hog));

                assertTrue(watch.awaitLog("watch=reloaded", 30), home.readLog());
                assertTrue(watch.awaitLog("action=killed pid=" + hog.pid(), 60), home.readLog());
                assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
            }
        }
    }

    @Test
    void aCheckWhileTheWatcherHoldsTheLockDoesNotAct() throws Exception {
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, hogDir, false)) {
            home.writeConfig("threshold 99\n" + hog.onlyCandidate() + "grace 5\n");
            Path killing = home.configDir().resolve("check.conf");
            Files.writeString(killing, onlyHog(hog));
            user.own(home.configDir());
            try (WatchRun watch = WatchRun.start(user, home)) {
                Run.Result r = new ImageRun(user, home.home())
                        .run("mem_daemon", "check", "--config", killing.toString());

                assertEquals(0, r.exitCode(), r.stderr());
                assertTrue(home.readLog().contains("action=skipped"), home.readLog());
                assertTrue(hog.isAlive(), "the check must not act while the watcher holds the lock");
                assertFalse(home.readLog().contains("action=killed"), home.readLog());
            }
        }
    }

    @Test
    void aRespawningPoolIsKilledWholeByTheWatcherAndTheWatcherItselfLives() throws Exception {
        int mib = Dominance.hogMib(600);
        try (TempHome home = new TempHome(user); Hog pool = Hog.pool(user, 4, mib / 4 + 32, true, true);
             Hog innocent = Hog.start(user, 20, false)) {
            // the user's own other processes (run by an ordinary user: this build's JVMs) are never candidates
            home.writeConfig("threshold " + Dominance.thresholdUnder(mib) + "\ngrace 1\navoid ^(?!mdhog)\n");
            try (WatchRun watch = WatchRun.start(user, home)) {
                assertTrue(watch.awaitLog(" job=pgroup:" + pool.pid() + " procs=5 ", 60), home.readLog());

                assertEquals(List.of(), Processes.inGroup(pool.pid()), "the pool whole: " + home.readLog());
                Thread.sleep(1000);
                assertEquals(List.of(), Processes.inGroup(pool.pid()), "and nothing of it forked again");
                assertTrue(home.readLog().contains(" action=killed-sigkill pid=" + pool.pid() + " "), home.readLog());
                assertTrue(innocent.isAlive(), "the user's other process lives");
                assertTrue(watch.isAlive(), "the user's own watcher lives");
                assertEquals(1, home.readLog().split("action=killed", -1).length - 1, "one kill: " + home.readLog());
            }
        }
    }
}
