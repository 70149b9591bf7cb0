// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A stop (SIGTERM, as systemctl stop or a session's end sends it) while a victim waits out its grace: the kill still
 * ends (SIGKILL, the grace cut short), its notice is in the outbox, and the process exits well within a service
 * manager's stop timeout. For the watcher and for a cron check alike. Mail goes to a port nobody listens on.
 */
class StopDuringGraceIT {
    private static final long GRACE_SECONDS = 120;
    /** systemd's default stop timeout is 90 s; the unit's, 30 s. */
    private static final double STOP_SECONDS_MAX = 15;

    private final RunAs user = RunAs.checkerUser();

    private String config(Hog hog, int mib) {
        return "threshold " + Dominance.thresholdUnder(mib) + "\n" + hog.onlyCandidate() + "grace " + GRACE_SECONDS
                + "\nreceiver me@example.test\nsender md@example.test\nsmtp 127.0.0.1\nport "
                + MailServer.unusedPort() + "\ntls none\n";
    }

    @Test
    void aWatcherStoppedDuringGraceKillsTheVictimKeepsTheNoticeAndStopsInTime() throws Exception {
        int mib = Dominance.hogMib(400);
        try (TempHome home = new TempHome(user); Hog hog = Hog.start(user, mib, true)) {
            home.writeConfig(config(hog, mib));
            try (WatchRun watch = WatchRun.start(user, home)) {
                awaitTermSent(hog);

                long start = System.nanoTime();
                int exit = watch.terminate();
                double seconds = (System.nanoTime() - start) / 1e9;

                assertEquals(143, exit, home.readLog() + watch.stderr());
                assertTrue(seconds < STOP_SECONDS_MAX, "stopped " + seconds + " s after SIGTERM");
                assertEquals(128 + 9, hog.waitFor(5), "the victim got SIGKILL, not a grace of " + GRACE_SECONDS + " s");
                String log = home.readLog();
                assertTrue(log.contains(" action=killed-sigkill pid=" + hog.pid() + " "), log);
                assertTrue(log.contains("notice=kept"), "kept before the line was written: " + log);
                assertTrue(log.contains("watch=stopped"), log);
                assertEquals(1, kept(home).size(), "the notice waits in the outbox: " + log);
            }
        }
    }

    @Test
    void aCheckStoppedDuringGraceKillsTheVictimAndKeepsTheNotice() throws Exception {
        int mib = Dominance.hogMib(400);
        try (TempHome home = new TempHome(user); Hog hog = Hog.start(user, mib, true)) {
            home.writeConfig(config(hog, mib));
            List<String> cmd = new ArrayList<>(List.of(new ImageRun(user, home.home()).launcher("mem_daemon").toString(),
                    "check"));
            ProcessBuilder pb = new ProcessBuilder(user.command(cmd)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(java.util.Map.of("HOME", home.home().toString(), "PATH", "/usr/bin:/bin"));
            Process check = pb.start();
            awaitTermSent(hog);

            long start = System.nanoTime();
            check.destroy();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS), "the check ended after SIGTERM");
            double seconds = (System.nanoTime() - start) / 1e9;

            assertTrue(seconds < STOP_SECONDS_MAX, "stopped " + seconds + " s after SIGTERM");
            assertEquals(128 + 9, hog.waitFor(5), "the victim got SIGKILL");
            assertTrue(home.readLog().contains("notice=kept"), home.readLog());
            assertEquals(1, kept(home).size(), home.readLog());
        }
    }

    /** Waits until the hog got SIGTERM (it ignores it): the grace has begun. */
    private static void awaitTermSent(Hog hog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            if (hog.termReceived()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the hog was never sent SIGTERM");
    }

    private static List<Path> kept(TempHome home) throws Exception {
        Path outbox = home.configDir().resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }
}
