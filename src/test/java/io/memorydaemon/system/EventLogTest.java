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
}
