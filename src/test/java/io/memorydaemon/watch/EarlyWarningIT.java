// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.HostMemory;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Processes;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * warn_threshold from the linked image, with a real hog and GreenMail: one early mail naming the job, nothing killed;
 * nothing more soon after; then the kill at the threshold as ever. For {@code check}, and for {@code watch} as a hog
 * grows through both thresholds.
 */
class EarlyWarningIT {
    private final RunAs user = RunAs.checkerUser();

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.3f", p);
    }

    private static List<MimeMessage> bySubject(MailServer mail, String prefix) throws Exception {
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (MimeMessage m : mail.received()) {
            if (m.getSubject().startsWith(prefix)) {
                out.add(m);
            }
        }
        return out;
    }

    private static void awaitMails(MailServer mail, String prefix, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bySubject(mail, prefix).size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
    }

    @Test
    void aCheckBetweenTheThresholdsWarnsOnceNamingTheJobThenTheKillFollowsOverTheThreshold() throws Exception {
        try (TempHome home = new TempHome(user); MailServer mail = MailServer.start(MailServer.Flavour.PLAIN);
             Hog hog = Hog.dominant(user, false)) {
            String warn = Dominance.thresholdUnder(hog.mib());
            String mailLines = mail.mailConfig("me@example.test");
            home.writeConfig("threshold " + percent(Processes.usedPercent() + 5) + "\nwarn_threshold " + warn + "\n"
                    + hog.onlyCandidate() + "grace 1\n" + mailLines);

            Run.Result first = new ImageRun(user, home.home()).run("mem_daemon", "check");
            Run.Result second = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, first.exitCode(), first.both());
            assertEquals(0, second.exitCode(), second.both());
            String log = home.readLog();
            assertTrue(log.contains(" action=warned-early pid=" + hog.pid() + " "), log);
            assertTrue(log.contains(" action=early-suppressed pid=" + hog.pid() + " "), log);
            assertTrue(hog.isAlive(), "nothing is killed below the threshold");
            awaitMails(mail, "[RAM Early Warning]", 1);
            Thread.sleep(500);
            List<MimeMessage> early = bySubject(mail, "[RAM Early Warning]");
            assertEquals(1, early.size(), "one early warning, not one per check");
            String body = early.get(0).getContent().toString();
            assertTrue(body.contains(Long.toString(hog.pid())) && body.contains("will terminate your process below"),
                    body);

            home.writeConfig(hog.victimConfig() + "warn_threshold 1\ngrace 1\n" + mailLines);
            Run.Result over = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, over.exitCode(), over.both());
            assertTrue(hog.waitFor(10) >= 0, "over the threshold the kill follows: " + home.readLog());
            awaitMails(mail, "[Process Termination Notification]", 1);
            assertEquals(1, bySubject(mail, "[Process Termination Notification]").size());
        }
    }

    @Test
    void aWatcherWarnsOnceAsAHogGrowsThroughWarnThresholdThenKillsAtTheThreshold() throws Exception {
        int dominant = Dominance.hogMib(400);
        long total = Processes.totalMib();
        double used = HostMemory.settledUsedPercent();
        // the early warning once the hog is the largest job; the kill when it is twice that; it grows to four times
        // that, so RAM other processes hand back meanwhile cannot keep it under the threshold
        String warn = percent(used + 100.0 * dominant * 1.2 / total);
        String threshold = percent(used + 100.0 * dominant * 2 / total);
        try (TempHome home = new TempHome(user); MailServer mail = MailServer.start(MailServer.Flavour.PLAIN)) {
            home.writeConfig("threshold " + threshold + "\nwarn_threshold " + warn + "\ngrace 1\navoid ^(?!mdhog)\n"
                    + mail.mailConfig("me@example.test"));
            try (WatchRun watch = WatchRun.start(user, home, "--interval", "500ms");
                 Hog hog = Hog.growing(user, 64, 300, dominant * 4)) {
                assertTrue(watch.awaitLog(" action=warned-early pid=" + hog.pid() + " ", 120), home.readLog());
                assertTrue(watch.awaitLog(" action=killed pid=" + hog.pid() + " ", 120), home.readLog());
                assertTrue(hog.waitFor(10) >= 0, "killed at the threshold");
                awaitMails(mail, "[Process Termination Notification]", 1);
                assertEquals(1, bySubject(mail, "[RAM Early Warning]").size(), "one early warning as it grew");
                assertEquals(1, bySubject(mail, "[Process Termination Notification]").size());
                assertTrue(watch.isAlive(), "the user's own watcher lives");
            }
        }
    }
}
