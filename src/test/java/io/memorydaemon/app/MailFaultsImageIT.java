// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.BadSmtpPeer;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user loses when the mail server misbehaves: nothing. The linked image, run as an ordinary user, against
 * scripted peers that hang, trickle or refuse: the hog dies within grace + 1 s of the check's start, a second check
 * meanwhile still acts, every run ends within its budget, and the watcher kills and stops on SIGTERM regardless.
 */
class MailFaultsImageIT {
    private static final int HOG_MIB = 100;
    private static final int GRACE_SECONDS = 2;
    /** The run's budget (CheckService.RUN_BUDGET) and a margin for a loaded CI machine. */
    private static final long RUN_LIMIT_SECONDS = 120 + 20;

    private final RunAs user = RunAs.checkerUser();
    private TempHome home;

    @BeforeEach
    void home() throws IOException {
        home = new TempHome(user);
    }

    @AfterEach
    void cleanUp() throws IOException {
        home.close();
    }

    @Test
    void aHangingServerDelaysNoKillAndASecondCheckMeanwhileStillActs() throws Exception {
        try (BadSmtpPeer peer = new BadSmtpPeer(BadSmtpPeer.Mode.HANG);
             Hog first = Hog.dominant(user, false)) {
            configure(first, peer);
            keepOneMail();

            long start = System.nanoTime();
            Process check1 = startCheck();
            assertDiesWithinGracePlusOne(first, start);
            assertTrue(home.awaitLog(" action=killed pid=" + first.pid(), 10), home.readLog());
            assertTrue(check1.isAlive(), "the first check is still waiting for the hanging server");

            try (Hog second = Hog.dominant(user, false)) {
                configure(second, peer);
                long start2 = System.nanoTime();
                Process check2 = startCheck();
                assertDiesWithinGracePlusOne(second, start2);
                assertTrue(home.awaitLog(" action=killed pid=" + second.pid(), 10), home.readLog());
                assertEndsWithinBudget(check2, start2);
            }
            assertEndsWithinBudget(check1, start);
            String log = home.readLog();
            assertFalse(log.contains("action=skipped"), "mail never holds the lock: " + log);
            assertTrue(log.contains("did not finish the SMTP session within 30 s"), log);
            assertEquals(3, outbox().size(), "the kept mail and both notices wait for a later run: " + log);
        }
    }

    @Test
    void aServerTricklingOneByteEveryFewSecondsIsCutAtTheSessionDeadline() throws Exception {
        try (BadSmtpPeer peer = new BadSmtpPeer(BadSmtpPeer.Mode.TRICKLE);
             Hog hog = Hog.dominant(user, false)) {
            configure(hog, peer);
            keepOneMail();

            long start = System.nanoTime();
            Process check = startCheck();
            assertDiesWithinGracePlusOne(hog, start);
            assertEndsWithinBudget(check, start);
            assertEquals(1, check.exitValue(), "a mail kept for later is a failure cron reports");
            assertTrue(home.readLog().contains("did not finish the SMTP session within 30 s"), home.readLog());
        }
    }

    @Test
    void theWatcherKillsUnderAHangingServerAndStopsOnSigtermWithinTenSeconds() throws Exception {
        try (BadSmtpPeer peer = new BadSmtpPeer(BadSmtpPeer.Mode.HANG)) {
            home.writeConfig("threshold 99\ngrace " + GRACE_SECONDS + "\n" + peer.mailLines("a@example.test"));
            keepOneMail();
            List<String> cmd = new ArrayList<>(List.of(launcher().toString(), "watch", "--interval", "200ms"));
            Process watch = start(cmd);
            try {
                assertTrue(home.awaitLog("watch=started", 60), home.readLog());
                for (int i = 0; i < 2; i++) {
                    try (Hog hog = Hog.dominant(user, false)) {
                        configure(hog, peer); // the watcher re-reads md.conf: the new hog is its only victim
                        assertTrue(hog.waitFor(20) >= 0, "the watcher killed hog " + i + ": " + home.readLog());
                        assertTrue(home.awaitLog(" action=killed pid=" + hog.pid(), 10), home.readLog());
                    }
                }
                assertTrue(peer.connections() >= 1, "the courier is talking to the hanging server meanwhile");
                long stop = System.nanoTime();
                watch.destroy();
                assertTrue(watch.waitFor(10, TimeUnit.SECONDS), "SIGTERM ends the watcher within 10 s");
                assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stop) <= 10);
                assertTrue(home.awaitLog("watch=stopped", 5), home.readLog());
            } finally {
                watch.destroyForcibly();
            }
        }
    }

    @Test
    void aMailRefusedForGoodMovesToFailedAndNoLongerFailsEveryRun() throws Exception {
        try (BadSmtpPeer peer = new BadSmtpPeer(BadSmtpPeer.Mode.REFUSE)) {
            home.writeConfig("threshold 99\n" + peer.mailLines("a@example.test"));
            keepOneMail();

            assertEquals(1, new ImageRun(user, home.home()).run("mem_daemon", "check").exitCode(),
                    "the run that gives the mail up says so once");
            assertTrue(home.readLog().contains(" mail=failed msg=\"kept mail "), home.readLog());
            assertEquals(List.of(), outbox());
            try (Stream<Path> failed = Files.list(home.configDir().resolve("outbox/failed"))) {
                assertEquals(1, failed.count());
            }

            assertEquals(0, new ImageRun(user, home.home()).run("mem_daemon", "check").exitCode());
            assertEquals(1, peer.refused(), "never offered again");
        }
    }

    @Test
    void withTheMailServerDownAnotherUsersHogIsWarnedAboutOncePerWarnInterval() throws Exception {
        Root.assume("run a second user's process");
        try (Hog rootHog = Hog.dominant(RunAs.lookup("root"), false)) {
            home.writeConfig(rootHog.victimConfig() + "warn_interval 1\n"
                    + "receiver a@example.test\nsender md@example.test\nsmtp 127.0.0.1\nport "
                    + io.memorydaemon.testing.MailServer.unusedPort() + "\ntls none\n");
            Process watch = start(List.of(launcher().toString(), "watch", "--interval", "200ms"));
            try {
                // passes at 0 s, 10 s and 20 s: the pause after a pass that killed nothing is 10 s
                assertTrue(home.awaitLog("action=warn-suppressed", 60), home.readLog());
                assertTrue(awaitCount("action=warn-suppressed", 2, 30), home.readLog());
            } finally {
                watch.destroy();
                watch.waitFor(15, TimeUnit.SECONDS);
                watch.destroyForcibly();
            }
            String log = home.readLog();
            assertEquals(1, count(log, " action=warned reason=other-user pid=" + rootHog.pid()), log);
            assertEquals(1, outbox().size(), "one warning kept for later, not one per pass: " + log);
            assertTrue(rootHog.isAlive(), "another user's process is never signalled");
        }
    }

    private boolean awaitCount(String text, int n, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(home.readLog(), text) < n) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    private void configure(Hog hog, BadSmtpPeer peer) throws IOException {
        home.writeConfig(hog.victimConfig() + "grace " + GRACE_SECONDS + "\n"
                + peer.mailLines("a@example.test"));
    }

    /** A notice an earlier run could not send, as it lies in the outbox. */
    private void keepOneMail() throws IOException {
        Path kept = home.configDir().resolve(String.format("outbox/%013d-0001.eml", System.currentTimeMillis()));
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, "From: md@example.test\r\nTo: a@example.test\r\n"
                + "Subject: [Process Termination Notification] earlier\r\n\r\nkept while the server was down\r\n");
        user.own(home.configDir());
    }

    private List<Path> outbox() throws IOException {
        try (Stream<Path> files = Files.list(home.configDir().resolve("outbox"))) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    private Path launcher() {
        return new ImageRun(user, home.home()).launcher("mem_daemon");
    }

    private Process startCheck() throws IOException {
        return start(List.of(launcher().toString(), "check"));
    }

    private Process start(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(user.command(cmd));
        pb.environment().clear();
        pb.environment().put("HOME", home.home().toString());
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("LANG", "C.UTF-8");
        return pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void assertDiesWithinGracePlusOne(Hog hog, long startNanos) throws Exception {
        long limitNanos = startNanos + TimeUnit.SECONDS.toNanos(GRACE_SECONDS + 1);
        hog.waitFor(Math.max(0, TimeUnit.NANOSECONDS.toSeconds(limitNanos - System.nanoTime())) + 1);
        long diedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        assertFalse(hog.isAlive(), "the hog still runs " + diedMillis + " ms after the check started; the log:\n"
                + home.readLog());
        assertTrue(diedMillis <= (GRACE_SECONDS + 1) * 1000L, "the hog died " + diedMillis + " ms after the start");
    }

    private static void assertEndsWithinBudget(Process run, long startNanos) throws InterruptedException {
        long left = RUN_LIMIT_SECONDS - TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        assertTrue(run.waitFor(Math.max(1, left), TimeUnit.SECONDS), "the check still runs after "
                + RUN_LIMIT_SECONDS + " s");
    }
}
