// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.Checker;
import io.memorydaemon.check.Choice;
import io.memorydaemon.check.Job;
import io.memorydaemon.check.JobReport;
import io.memorydaemon.check.KillRule;
import io.memorydaemon.check.MemoryStatus;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.testing.Outcomes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHours(1));
    private static final Clock CLOCK = Clock.fixed(NOW.toInstant(), NOW.getZone());
    private static final String T = "time=2026-03-04T05:06:07+01:00 ";

    private EventLog log(Path file, boolean echo) {
        return new EventLog(file, new PrintWriter(out), new PrintWriter(err), echo, CLOCK);
    }

    @Test
    void linesAreAppendedAndEchoedOnlyWhenAskedTo() throws Exception {
        Path file = dir.resolve("sub/tmp.log");
        log(file, false).info("first");
        log(file, true).info("second");

        assertEquals(T + "level=info first\n" + T + "level=info second\n", Files.readString(file));
        assertEquals(T + "level=info second" + System.lineSeparator(), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void errorsGoToStderrInWordsAndToTheLogAsFields() throws Exception {
        Path file = dir.resolve("tmp.log");
        log(file, false).error("memory-daemon: broken");
        log(file, false).warning("/home/a/md.conf:3: pass is readable by others");

        assertEquals(T + "level=error msg=broken\n" + T + "level=warning msg=\"/home/a/md.conf:3: pass is readable by others\"\n",
                Files.readString(file));
        assertEquals("memory-daemon: broken\n/home/a/md.conf:3: pass is readable by others\n",
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aFullLogRotatesKeepingThreeOldFiles() throws Exception {
        Path file = dir.resolve("tmp.log");
        EventLog log = log(file, false);
        String big = "x".repeat((int) EventLog.MAX_BYTES);
        for (int round = 1; round <= 5; round++) {
            Files.writeString(file, big, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.info("line=" + round);
        }

        assertEquals(T + "level=info line=5\n", Files.readString(file));
        for (int old = 1; old <= 3; old++) {
            String text = Files.readString(dir.resolve("tmp.log." + old));
            String first = T + "level=info line=" + (5 - old) + "\n";
            assertTrue(text.startsWith(first), "tmp.log." + old + " starts " + text.substring(0, first.length()));
            assertEquals(first.length() + big.length(), text.length(), "tmp.log." + old);
        }
        assertFalse(Files.exists(dir.resolve("tmp.log.4")));
    }

    @Test
    void aLogThatCannotBeWrittenIsReportedNotThrown() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "");
        log(blocker.resolve("tmp.log"), false).info("line");

        assertTrue(err.toString().startsWith("memory-daemon: cannot write the log " + blocker.resolve("tmp.log")),
                err.toString());
    }
    @Test
    void aLogThatIsASymbolicLinkIsNotWrittenAndStderrSaysWhatToDo() throws Exception {
        Path target = Files.writeString(dir.resolve("someone-elses"), "theirs\n");
        Path file = Files.createSymbolicLink(dir.resolve("tmp.log"), target);
        EventLog log = log(file, false);

        log.info("used=95.0% threshold=90% action=killed pid=4242");
        log.info("second=2");

        assertEquals("theirs\n", Files.readString(target), "the link's target is untouched");
        assertTrue(Files.isSymbolicLink(file));
        List<String> lines = err.toString().lines().toList();
        assertEquals("memory-daemon: not writing the log: " + file + " is a symbolic link: remove it, memory-daemon"
                + " recreates it", lines.get(0), err.toString());
        assertEquals(List.of(T + "level=info used=95.0% threshold=90% action=killed pid=4242", T + "level=info second=2"),
                lines.subList(1, lines.size()), "the lines meant for the log are not lost, the reason said once");
    }

    @Test
    void rotationRenamesLinksAsNamesAndNeverWritesThroughThem() throws Exception {
        Path file = dir.resolve("tmp.log");
        Path target = Files.writeString(dir.resolve("someone-elses"), "theirs\n");
        Files.createSymbolicLink(dir.resolve("tmp.log.1"), target);
        Files.createSymbolicLink(dir.resolve("tmp.log.3"), target);
        Files.writeString(file, "x".repeat((int) EventLog.MAX_BYTES));

        log(file, false).info("after=rotation");

        assertEquals("theirs\n", Files.readString(target));
        assertEquals(T + "level=info after=rotation\n", Files.readString(file));
        assertTrue(Files.isSymbolicLink(dir.resolve("tmp.log.2")), "the old .1 link moved on as a link");
        assertEquals(EventLog.MAX_BYTES, Files.size(dir.resolve("tmp.log.1")));
        assertEquals("", err.toString());
    }

    @Test
    void whateverACallerPassesStaysOneLine() throws Exception {
        Path file = dir.resolve("tmp.log");
        log(file, false).info("mail not sent: 554 no\r\n2026-03-04T05:06:07+0100 action=killed pid=1\u2028x");

        assertEquals(List.of(T + "level=info mail not sent: 554 no\\r\\n2026-03-04T05:06:07+0100 action=killed pid=1\\u{2028}x"),
                Files.readAllLines(file));
    }

    @Test
    void aNewLogIs0600InADirectory0700() throws Exception {
        Path file = dir.resolve("mem_daemon/tmp.log");
        log(file, false).info("line=1");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void theJournalGetsEveryLineOnStdoutWithItsSyslogPriorityAndNoFile() {
        EventLog journal = EventLog.journal(new PrintWriter(out), CLOCK);
        journal.info("watch=started");
        journal.warning("md.conf:3: tls none with a password");
        journal.error("watch check failed: boom");
        journal.report(EventLog.Level.WARNING, "mail=kept msg=x");

        assertEquals(List.of("<6>" + T + "level=info watch=started",
                "<4>" + T + "level=warning msg=\"md.conf:3: tls none with a password\"",
                "<3>" + T + "level=error msg=\"watch check failed: boom\"",
                "<4>" + T + "level=warning mail=kept msg=x"), out.toString().lines().toList());
        assertEquals("", err.toString());
    }

    @Test
    void aDecisionIsLoggedAtItsOwnTimeAndAKillIsAWarning() throws Exception {
        Path file = dir.resolve("tmp.log");
        ProcessInfo p = new ProcessInfo(4242, 1, 1000, 99, 1L << 30, "python3");
        Outcome killed = Outcomes.of(NOW.minusSeconds(5), new MemoryStatus(8L << 30, 1L << 30), 80, Action.KILLED,
                Optional.of(new ProcessDetails(p, "alice", "python3 hog.py")), List.of(), Optional.empty());
        Outcome ok = Outcomes.of(NOW, new MemoryStatus(8L << 30, 4L << 30), 80, Action.OK, Optional.empty(),
                List.of(), Optional.empty());

        log(file, false).decision(killed, "mail=off");
        log(file, false).decision(ok, "");

        assertEquals(List.of("time=2026-03-04T05:06:02+01:00 level=warning used=87.5% threshold=80% action=killed"
                + " pid=4242 user=alice rss=1.0GiB cmd=\"python3 hog.py\" mail=off",
                T + "level=info used=50.0% threshold=80% action=ok"), Files.readAllLines(file));
    }

    @Test
    void aFailedKillIsAnErrorWithItsReason() {
        ProcessInfo p = new ProcessInfo(4242, 1, 1001, 99, 1L << 30, "python3");
        ProcessDetails d = new ProcessDetails(p, "bob", "python3 hog.py");
        Outcome.Decision why = new Outcome.Decision(Checker.Mode.REAL, Optional.of(KillRule.Verdict.KILL),
                Optional.of(new JobReport(new Job(Job.Kind.PROCESS, "4242", 1001, List.of(p), 1L << 30, false,
                        Optional.empty()), List.of(d), "bob")), Optional.empty(), Choice.Picture.NONE, 1,
                Optional.of("EPERM: no CAP_KILL to signal uid 1001"), Optional.empty(), Optional.empty());
        Outcome failed = new Outcome(NOW, new MemoryStatus(8L << 30, 1L << 30), 80, Action.KILL_FAILED,
                Optional.of(d), List.of(), Optional.empty(), why);

        EventLog.journal(new PrintWriter(out), CLOCK).decision(failed, "");

        assertEquals("<3>" + T + "level=error used=87.5% threshold=80% action=kill-failed pid=4242 user=bob rss=1.0GiB"
                + " reason=\"EPERM: no CAP_KILL to signal uid 1001\" cmd=\"python3 hog.py\"" + System.lineSeparator(),
                out.toString());
    }
}
