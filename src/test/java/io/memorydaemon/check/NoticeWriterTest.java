// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Outcomes;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticeWriterTest {
    private static final long GIB = 1L << 30;
    private static final ZonedDateTime TIME = ZonedDateTime.of(2026, 11, 25, 16, 5, 0, 0, ZoneId.of("UTC"));
    private static final MemoryStatus MEMORY = new MemoryStatus(16 * GIB, 2 * GIB); // 87.5% used
    private static final ProcessDetails PYTHON = process(4242, "alice", 8 * GIB, "/usr/bin/python3 train.py --epochs 9");
    private static final List<ProcessDetails> TOP = List.of(PYTHON,
            process(101, "bob", 3 * GIB, "java -jar app.jar"),
            process(102, "carol", 2 * GIB, "/opt/R/bin/R --slave"),
            process(103, "alice", GIB, "node server.js"),
            process(104, "root", GIB / 2, "/usr/sbin/mysqld"));

    private final NoticeWriter writer = new NoticeWriter("build-7");

    @Test
    void aKillNoticeKeepsTheOriginalSubjectAndNamesEverythingToActOn() {
        Notice n = writer.write(outcome(Action.KILLED, PYTHON), false);

        assertEquals(Notice.Kind.KILL, n.kind());
        assertEquals("[Process Termination Notification] /usr/bin/python3", n.subject());
        String body = n.body();
        for (String fact : List.of("On build-7 at 2026-11-25 16:05:00 UTC", "used RAM was 87.5%",
                "threshold of 80%", "Total:   16.0 GiB", "What:    one process", "User:    alice",
                "Memory:  8.0 GiB (50.0% of RAM", "Command: /usr/bin/python3 train.py --epochs 9",
                "Your process below was sent SIGTERM and exited", "Its processes\n")) {
            assertTrue(body.contains(fact), "missing '" + fact + "' in:\n" + body);
        }
        assertFalse(body.contains("TEST"), body);
    }

    @Test
    void theBodyListsTheTopFiveByRss() {
        String body = writer.write(outcome(Action.KILLED, PYTHON), false).body();
        String table = body.substring(body.indexOf("Top processes by resident memory"));

        for (ProcessDetails p : TOP) {
            assertTrue(table.lines().anyMatch(l -> l.contains(" " + p.pid() + " ") && l.contains(p.user())
                    && l.endsWith(p.command())), "no row for " + p.pid() + " in:\n" + table);
        }
        assertEquals(1 + TOP.size(), table.lines().skip(1).takeWhile(l -> !l.isBlank()).count(), "header and five rows");
    }

    @Test
    void theNoticeSaysWhenSigkillWasNeeded() {
        String body = writer.write(outcome(Action.KILLED_SIGKILL, PYTHON), false).body();

        assertTrue(body.contains("ignored SIGTERM") && body.contains("killed with SIGKILL"), body);
    }

    @Test
    void aWarningAboutAnotherUsersProcessKeepsTheOriginalSubjectAndNamesTheUser() {
        ProcessDetails java = TOP.get(1);
        Notice n = writer.write(outcome(Action.WARNED, java), false);

        assertEquals(Notice.Kind.WARNING, n.kind());
        assertEquals("[RAM Threshold Notification] java", n.subject());
        assertTrue(n.body().contains("belongs to user 'bob'"), n.body());
        assertTrue(n.body().contains("does not kill other users' processes"), n.body());
        assertTrue(n.body().lines().anyMatch(l -> l.matches("\\s+101\\s+bob\\s.*java -jar app.jar")), n.body());
    }

    @Test
    void aTestMailIsMarkedAsATestInSubjectAndBody() {
        Notice n = writer.write(outcome(Action.WOULD_KILL, PYTHON), true);

        assertEquals("[Process Termination Notification] /usr/bin/python3" + NoticeWriter.TEST_MARK, n.subject());
        assertTrue(n.body().startsWith("THIS IS A TEST"), n.body());
        assertTrue(n.body().contains("Nothing was killed"), n.body());
    }

    @Test
    void aProcessWithoutACommandLineIsNamedByItsShortName() {
        ProcessDetails kernel = new ProcessDetails(new ProcessInfo(7, 2, 0, 1, GIB, "kworker/0:1"), "root", "");

        assertEquals("[RAM Threshold Notification] [kworker/0:1]", writer.write(outcome(Action.WARNED, kernel), false)
                .subject());
    }

    @Test
    void aCommandLineWithLineBreaksCannotAddRowsToTheTableOrHeadersToTheMail() {
        String forgedRow = "       1  root          63.0 GiB  99.0%  /sbin/init";
        ProcessDetails evil = process(666, "mallory", 9 * GIB, "sleep\n" + forgedRow + "\r\n" + forgedRow
                + "\u2028\u0085\u202Egnp.exe\u001B[2J");
        List<ProcessDetails> top = List.of(evil, TOP.get(1), TOP.get(2), TOP.get(3), TOP.get(4));
        Notice n = writer.write(Outcomes.of(TIME, MEMORY, 80, Action.WARNED, Optional.of(evil), top, Optional.empty()),
                false);

        String body = n.body();
        String table = body.substring(body.indexOf("Top processes by resident memory"));
        assertEquals(1 + 5, table.lines().skip(1).takeWhile(l -> !l.isBlank()).count(),
                "header and five rows:\n" + table);
        assertFalse(table.contains("\n       1  root"), table);
        assertTrue(body.contains("  Command: sleep\\n       1  root"), body);
        for (char c : (n.subject() + body.replace("\n", "")).toCharArray()) {
            assertFalse(UntrustedText.unsafe(c), "unescaped U+" + Integer.toHexString(c) + " in:\n" + n.subject()
                    + "\n" + body);
        }
        assertEquals("[RAM Threshold Notification] sleep", n.subject());
        assertEquals("[RAM Threshold Notification] \\u{202E}evil\\x07", writer.write(outcome(Action.WARNED,
                process(7, "bob", GIB, "\u202Eevil\u0007 x")), false).subject());
    }

    private static Outcome outcome(Action action, ProcessDetails p) {
        return Outcomes.of(TIME, MEMORY, 80, action, Optional.of(p), TOP, Optional.empty());
    }

    private static ProcessDetails process(long pid, String user, long rssBytes, String commandLine) {
        String name = commandLine.split(" ")[0].replaceAll(".*/", "");
        return new ProcessDetails(new ProcessInfo(pid, 1, 1000, 100 + pid, rssBytes, name), user, commandLine);
    }

    @Test
    void aDecimalThresholdIsShownAsWritten() {
        String body = writer.write(Outcomes.of(TIME, MEMORY, 87.25, Action.KILLED, Optional.of(PYTHON), TOP,
                Optional.empty()), false).body();

        assertTrue(body.contains("over your threshold of 87.25%."), body);
        assertTrue(body.contains("Threshold: 87.25%"), body);
    }
}
