// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.Shell;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A setting that only reports on the protection (mail, metrics, the log), wrong or unusable at run time, costs its
 * own feature and nothing else: the hog still dies within its grace and a few seconds, the run says what it went
 * without (stderr, which cron mails), exits 1, and the notice waits in the outbox where mail is set.
 */
class ReportSettingsImageIT {
    private static final int GRACE = 1;
    private static final double DEAD_WITHIN_SECONDS = GRACE + 10;

    private final RunAs user = RunAs.checkerUser();

    /** Runs a check with {@code more} in md.conf against a dominant hog; the result once the hog is dead. */
    private Run.Result killWith(TempHome home, String more) throws Exception {
        int mib = Dominance.hogMib(400);
        try (Hog hog = Hog.start(user, mib, false)) {
            home.writeConfig("threshold " + Dominance.thresholdUnder(mib) + "\n" + hog.onlyCandidate() + "grace "
                    + GRACE + "\n" + more);
            long start = System.nanoTime();
            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");
            int exit = hog.waitFor((long) DEAD_WITHIN_SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(exit >= 0, "the hog lives " + seconds + " s after the check:\n" + r.both() + home.readLog());
            assertTrue(seconds < DEAD_WITHIN_SECONDS, "the hog died " + seconds + " s after the check started");
            return r;
        }
    }

    private static long kept(TempHome home) throws Exception {
        Path outbox = home.configDir().resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void anEmptiedCaFileCostsTheMailAloneAndTheNoticeIsKept() throws Exception {
        try (TempHome home = new TempHome(user); MailServer mail = MailServer.start(MailServer.Flavour.STARTTLS)) {
            Path ca = Files.writeString(home.configDir().resolve("ca.pem"), "");
            user.own(home.configDir());

            Run.Result r = killWith(home, mail.mailConfig("me@example.test") + "ca_file " + ca + "\n");

            assertEquals(1, r.exitCode(), r.both());
            assertTrue(home.readLog().contains("mail=kept"), home.readLog());
            assertEquals(1, kept(home), "the notice waits for a CA file that can be read");
        }
    }

    @Test
    void aMovedPassFileCostsTheMailAloneAndTheNoticeIsKept() throws Exception {
        try (TempHome home = new TempHome(user); MailServer mail = MailServer.start(MailServer.Flavour.PLAIN)) {
            String lines = mail.mailConfig("me@example.test").replace("pass " + MailServer.PASSWORD,
                    "pass_file " + home.configDir().resolve("moved.pass"));

            Run.Result r = killWith(home, lines);

            assertEquals(1, r.exitCode(), r.both());
            assertTrue(home.readLog().contains("mail=kept"), home.readLog());
            assertEquals(1, kept(home));
        }
    }

    @Test
    void aWrongPortInMdConfTurnsMailOffKeepsTheNoticeAndSaysWhichLine() throws Exception {
        try (TempHome home = new TempHome(user)) {
            Run.Result r = killWith(home, "receiver me@example.test\nsender md@example.test\nsmtp 127.0.0.1\n"
                    + "port 99999\n");

            assertEquals(1, r.exitCode(), r.both());
            assertTrue(r.stderr().contains(home.config() + ":8: 'port' must be a whole number"), r.both());
            assertTrue(home.readLog().contains("notice=kept"), home.readLog());
            assertEquals(1, kept(home), "kept until md.conf is fixed");
        }
    }

    @Test
    void aLogFileWhoseDirectoryWasRemovedCostsTheLogAloneAndTheDecisionGoesToStderr() throws Exception {
        try (TempHome home = new TempHome(user)) {
            Path gone = home.home().resolve("logs/md.log");

            Run.Result r = killWith(home, "log_file " + gone + "\n");

            assertEquals(1, r.exitCode(), r.both());
            assertTrue(r.stderr().contains("log_file " + gone + ": its directory"), r.both());
            assertTrue(r.stderr().contains(" action=killed "), "the decision is not lost: " + r.both());
        }
    }

    @Test
    void aMetricsPathPlantedByAnotherUserIsNeverWrittenNorFollowedAndCostsOnlyTheMetrics() throws Exception {
        Root.assume("plant files as another user (root) in a directory all users may write");
        Path shared = Files.createTempDirectory("md-textfile");
        try {
            Shell.run("chmod", "1777", shared.toString());
            Path target = Files.writeString(Files.createTempDirectory("md-target").resolve("secret"), "root's\n");
            Path file = Files.writeString(shared.resolve("file.prom"), "# root's\n");
            Path link = Files.createSymbolicLink(shared.resolve("link.prom"), target);
            Path dir = Files.createDirectory(shared.resolve("dir.prom"));
            Path fifo = shared.resolve("fifo.prom");
            Shell.run("mkfifo", fifo.toString());
            for (Path planted : List.of(file, link, dir, fifo)) {
                try (TempHome home = new TempHome(user)) {

                    Run.Result r = killWith(home, "metrics_file " + planted + "\n");

                    assertEquals(1, r.exitCode(), planted + ": " + r.both());
                    assertTrue(r.stderr().contains("metrics_file") || home.readLog().contains("metrics_file"),
                            planted + ": " + r.both() + home.readLog());
                }
            }
            assertEquals("# root's\n", Files.readString(file), "another user's file is not replaced");
            assertEquals("root's\n", Files.readString(target), "nor what a link points to");
            assertTrue(Files.isSymbolicLink(link) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS));
        } finally {
            Shell.run("rm", "-rf", shared.toString());
        }
    }
}
