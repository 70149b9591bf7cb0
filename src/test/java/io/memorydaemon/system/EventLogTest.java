// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private EventLog log(Path file, boolean echo) {
        return new EventLog(file, new PrintWriter(out), new PrintWriter(err), echo);
    }

    @Test
    void linesAreAppendedAndEchoedOnlyWhenAskedTo() throws Exception {
        Path file = dir.resolve("sub/tmp.log");
        log(file, false).info("first");
        log(file, true).info("second");

        assertEquals("first\nsecond\n", Files.readString(file));
        assertEquals("second" + System.lineSeparator(), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void errorsGoToStderrAndTheLog() throws Exception {
        Path file = dir.resolve("tmp.log");
        log(file, false).error("memory-daemon: broken");

        assertEquals("memory-daemon: broken\n", Files.readString(file));
        assertEquals("memory-daemon: broken" + System.lineSeparator(), err.toString());
    }

    @Test
    void aFullLogRotatesKeepingThreeOldFiles() throws Exception {
        Path file = dir.resolve("tmp.log");
        EventLog log = log(file, false);
        String big = "x".repeat((int) EventLog.MAX_BYTES);
        for (int round = 1; round <= 5; round++) {
            Files.writeString(file, big, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log.info("line " + round);
        }

        assertEquals("line 5\n", Files.readString(file));
        for (int old = 1; old <= 3; old++) {
            String text = Files.readString(dir.resolve("tmp.log." + old));
            assertTrue(text.startsWith("line " + (5 - old) + "\n"), "tmp.log." + old + " starts " + text.substring(0, 9));
            assertEquals(7 + big.length(), text.length(), "tmp.log." + old);
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

        log.info("2026-03-04T05:06:07+0100 used=95.0% threshold=90% action=killed pid=4242");
        log.info("second");

        assertEquals("theirs\n", Files.readString(target), "the link's target is untouched");
        assertTrue(Files.isSymbolicLink(file));
        List<String> lines = err.toString().lines().toList();
        assertEquals("memory-daemon: not writing the log: " + file + " is a symbolic link: remove it, memory-daemon"
                + " recreates it", lines.get(0), err.toString());
        assertEquals(List.of("2026-03-04T05:06:07+0100 used=95.0% threshold=90% action=killed pid=4242", "second"),
                lines.subList(1, lines.size()), "the lines meant for the log are not lost, the reason said once");
    }

    @Test
    void rotationRenamesLinksAsNamesAndNeverWritesThroughThem() throws Exception {
        Path file = dir.resolve("tmp.log");
        Path target = Files.writeString(dir.resolve("someone-elses"), "theirs\n");
        Files.createSymbolicLink(dir.resolve("tmp.log.1"), target);
        Files.createSymbolicLink(dir.resolve("tmp.log.3"), target);
        Files.writeString(file, "x".repeat((int) EventLog.MAX_BYTES));

        log(file, false).info("after rotation");

        assertEquals("theirs\n", Files.readString(target));
        assertEquals("after rotation\n", Files.readString(file));
        assertTrue(Files.isSymbolicLink(dir.resolve("tmp.log.2")), "the old .1 link moved on as a link");
        assertEquals(EventLog.MAX_BYTES, Files.size(dir.resolve("tmp.log.1")));
        assertEquals("", err.toString());
    }

    @Test
    void whateverACallerPassesStaysOneLine() throws Exception {
        Path file = dir.resolve("tmp.log");
        log(file, false).info("mail not sent: 554 no\r\n2026-03-04T05:06:07+0100 action=killed pid=1\u2028x");

        assertEquals(List.of("mail not sent: 554 no\\r\\n2026-03-04T05:06:07+0100 action=killed pid=1\\u{2028}x"),
                Files.readAllLines(file));
    }

    @Test
    void aNewLogIs0600InADirectory0700() throws Exception {
        Path file = dir.resolve("mem_daemon/tmp.log");
        log(file, false).info("line");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }
}
