// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.MetricsText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics file on a real file system: replaced whole, 0644, counters carried over, a bad file survived. */
class MetricsFileTest {
    private static final MetricsText.Reading READING = new MetricsText.Reading("alice", 50, 90, 1_000, 0);

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private EventLog log() {
        return new EventLog(dir.resolve("tmp.log"), new PrintWriter(new StringWriter()), new PrintWriter(err), false);
    }

    private Path prom() {
        return dir.resolve("metrics/memory_daemon_alice.prom");
    }

    @Test
    void aNewFileIsReadableByAllWhateverTheUmaskAndLeavesNoTemporaryFile() throws Exception {
        Files.createDirectory(prom().getParent());

        assertTrue(new MetricsFile(prom()).write(READING, List.of(Action.KILLED), log()));

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(prom())));
        try (Stream<Path> files = Files.list(prom().getParent())) {
            assertEquals(List.of(prom()), files.toList());
        }
        assertTrue(Files.readString(prom()).contains("action=\"killed\"} 1\n"));
        assertEquals("", err.toString());
    }

    @Test
    void countersSurviveARestartAndAddUp() throws Exception {
        Files.createDirectory(prom().getParent());
        new MetricsFile(prom()).write(READING, List.of(Action.KILLED), log());

        MetricsFile restarted = new MetricsFile(prom());
        restarted.write(READING, List.of(Action.KILLED, Action.WARNED), log());
        restarted.write(READING, List.of(), log());

        String text = Files.readString(prom());
        assertTrue(text.contains("action=\"killed\"} 2\n"), text);
        assertTrue(text.contains("action=\"warned\"} 1\n"), text);
    }

    @Test
    void aLinkIsNeitherReadNorWrittenThroughButReplacedAndTheCountersRestartWithOneLine() throws Exception {
        Files.createDirectory(prom().getParent());
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.prom"),
                "memory_daemon_actions_total{action=\"killed\"} 40\n");
        Files.createSymbolicLink(prom(), elsewhere);

        assertTrue(new MetricsFile(prom()).write(READING, List.of(Action.KILLED), log()));

        assertEquals("memory_daemon_actions_total{action=\"killed\"} 40\n", Files.readString(elsewhere));
        assertFalse(Files.isSymbolicLink(prom()));
        assertTrue(Files.readString(prom()).contains("action=\"killed\"} 1\n"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(prom() + " is a symbolic link; its action counters restart at 0"),
                err.toString());
    }

    @Test
    void aHugeOrCorruptPreviousFileRestartsTheCountersWithOneLine() throws Exception {
        Files.createDirectory(prom().getParent());
        Files.writeString(prom(), "x".repeat(MetricsText.MAX_BYTES + 10));
        MetricsFile metrics = new MetricsFile(prom());

        assertTrue(metrics.write(READING, List.of(Action.KILLED), log()));
        assertTrue(err.toString().contains("is larger than 64 KiB; its action counters restart at 0"), err.toString());

        Files.writeString(prom(), "memory_daemon_actions_total{action=\"killed\"} lots\n");
        assertTrue(metrics.write(READING, List.of(), log()));

        assertTrue(err.toString().contains("is not a metrics file memory-daemon wrote: line 1 is not a"
                + " memory_daemon_actions_total sample; its action counters restart at 0"), err.toString());
        assertEquals(2, err.toString().lines().count(), err.toString());
        assertTrue(Files.readString(prom()).contains("action=\"killed\"} 0\n"));
    }

    @Test
    void aFailedWriteIsOneLineAndItsCountsGoIntoTheNextFile() throws Exception {
        MetricsFile metrics = new MetricsFile(prom());

        assertFalse(metrics.write(READING, List.of(Action.KILLED), log()));
        assertFalse(metrics.write(READING, List.of(Action.WARNED), log()));

        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("memory-daemon: cannot write metrics_file " + prom() + ": "), err.toString());
        Files.createDirectory(prom().getParent());
        assertTrue(metrics.write(READING, List.of(), log()));
        String text = Files.readString(prom());
        assertTrue(text.contains("action=\"killed\"} 1\n") && text.contains("action=\"warned\"} 1\n"), text);
        assertFalse(Files.exists(prom().resolveSibling("." + prom().getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp"), LinkOption.NOFOLLOW_LINKS));
    }
}
