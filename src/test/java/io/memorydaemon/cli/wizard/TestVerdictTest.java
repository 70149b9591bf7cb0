// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import io.memorydaemon.testing.Outcomes;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What md_wizard test says for each decision the dummy run can take, and for each way the test mail can go. */
class TestVerdictTest {
    /** How the menu names the edit step; a subcommand names "md_wizard edit". */
    private static final String EDIT = "2) Edit md.conf";
    private static final MailSettings MAIL = new MailSettings(List.of("me@example.org"), "md@example.org",
            Optional.empty(), "smtp.example.org", 587, Tls.AUTO);
    private static final ProcessDetails HOG = new ProcessDetails(
            new ProcessInfo(4242, 1, 1000, 77, 512L << 20, "java"), "alice", "/usr/lib/jvm/bin/java -Xmx8g Big");

    private static Config config(Optional<MailSettings> mail) {
        return new Config(Path.of("md.conf"), 90, mail, 5, Optional.empty(), Optional.empty(), 60, Path.of("tmp.log"),
                false, Optional.empty(), List.of());
    }

    private static Outcome outcome(Action action, Optional<ProcessDetails> process, Optional<Mailer.Delivery> mail) {
        return Outcomes.of(ZonedDateTime.now(), new MemoryStatus(8L << 30, 1L << 30), 0, action, process, List.of(), mail);
    }

    @Test
    void ownProcessWouldBeTerminatedAndTheAcceptedMailIsNamed() {
        List<String> lines = TestVerdict.lines(Optional.of(outcome(Action.WOULD_KILL, Optional.of(HOG),
                Optional.of(new Mailer.Delivery(true, "accepted by smtp.example.org:587 for me@example.org")))),
                config(Optional.of(MAIL)), 1000, EDIT);
        assertEquals(List.of(
                "A real run over the threshold would TERMINATE pid 4242 (java, 512.0 MiB), your own largest job,"
                        + " every process of it together, and mail a kill notice. This test left it running.",
                "The mail server smtp.example.org accepted the test mail: look for it in the inbox of me@example.org."),
                lines);
    }

    @Test
    void anotherUsersProcessIsOnlyWarnedAboutAndTheServersReasonIsShownWithoutTheOutboxPart() {
        List<String> lines = TestVerdict.lines(Optional.of(outcome(Action.WOULD_WARN, Optional.of(HOG),
                Optional.of(new Mailer.Delivery(false, "mail not sent: smtp.example.org:587 rejected the login of"
                        + " md@example.org (535 bad); check 'pass'; kept in /h/outbox/1.eml, retried on the next run")))),
                config(Optional.of(MAIL)), 1001, EDIT);
        assertEquals(List.of(
                "A real run over the threshold would only WARN about pid 4242 (java, 512.0 MiB): it belongs to alice,"
                        + " and memory-daemon never kills another user's process.",
                "The test mail was NOT accepted: mail not sent: smtp.example.org:587 rejected the login of md@example.org"
                        + " (535 bad); check 'pass'.",
                "A test mail is never kept for a later run. Fix md.conf with 2) Edit md.conf and test again."), lines);
    }

    @Test
    void rootsOwnProcessIsOnlyWarnedAboutWithoutKillAsRoot() {
        ProcessDetails rootsHog = new ProcessDetails(new ProcessInfo(4242, 1, 0, 77, 512L << 20, "java"), "root",
                HOG.commandLine());
        List<String> lines = TestVerdict.lines(Optional.of(Outcomes.of(ZonedDateTime.now(),
                new MemoryStatus(8L << 30, 1L << 30), 0, Action.WOULD_WARN, Optional.of(rootsHog), List.of(),
                Optional.empty(), Checker.Mode.TEST, KillRule.Verdict.WARN_ROOT)), config(Optional.empty()), 0,
                "md_wizard edit");
        assertEquals("A real run over the threshold would only WARN about pid 4242 (java, 512.0 MiB), your own process:"
                + " you run as root, and md.conf does not say 'kill_as_root yes'.", lines.get(0));
        assertEquals("To be told by mail, set receiver, sender, smtp and port with md_wizard edit.", lines.get(1),
                "outside the menu the subcommand is named");
    }

    @Test
    void noCandidateSendsNoMailAndAStoppedCheckSaysSo() {
        assertEquals(List.of("A real run over the threshold would find no process it may choose (all are protected or"
                + " excluded by avoid in md.conf): it would only log the RAM use.",
                "No test mail was sent: there was no process to report."),
                TestVerdict.lines(Optional.of(outcome(Action.NO_CANDIDATE, Optional.empty(), Optional.empty())),
                        config(Optional.of(MAIL)), 1000, EDIT));
        assertEquals(List.of("The check stopped before it chose a process (the reason is above); run the test again."),
                TestVerdict.lines(Optional.empty(), config(Optional.of(MAIL)), 1000, EDIT));
    }
}
