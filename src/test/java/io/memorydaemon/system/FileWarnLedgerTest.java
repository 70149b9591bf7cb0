// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.ProcessInfo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWarnLedgerTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_800_000_000L);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final ProcessInfo P = new ProcessInfo(4242, 1, 1001, 777, 1 << 30, "theirs");

    @TempDir
    Path dir;

    @Test
    void aWarningIsRememberedForTheIntervalAcrossInstances() {
        Path file = dir.resolve("warned.state");
        new FileWarnLedger(file, System.err::println).recordWarning(P, T0);

        FileWarnLedger later = new FileWarnLedger(file, System.err::println);
        assertTrue(later.warnedRecently(P, T0.plusSeconds(3599), HOUR));
        assertFalse(later.warnedRecently(P, T0.plusSeconds(3600), HOUR));
    }

    @Test
    void aReusedPidIsANewProcess() {
        FileWarnLedger ledger = new FileWarnLedger(dir.resolve("warned.state"), System.err::println);
        ledger.recordWarning(P, T0);

        ProcessInfo reused = new ProcessInfo(4242, 1, 1001, 778, 1 << 30, "theirs");
        assertFalse(ledger.warnedRecently(reused, T0.plusSeconds(1), HOUR));
    }

    @Test
    void theFileKeepsOneLinePerProcessAndDropsWeekOldEntries() throws Exception {
        Path file = dir.resolve("warned.state");
        FileWarnLedger ledger = new FileWarnLedger(file, System.err::println);
        ProcessInfo other = new ProcessInfo(9, 1, 1002, 5, 1, "x");
        ledger.recordWarning(other, T0);
        ledger.recordWarning(P, T0);
        ledger.recordWarning(P, T0.plusSeconds(60));
        assertEquals("9 5 " + T0.getEpochSecond() + "\n4242 777 " + (T0.getEpochSecond() + 60) + "\n",
                Files.readString(file));

        ledger.recordWarning(P, T0.plus(Duration.ofDays(8)));
        assertEquals("4242 777 " + T0.plus(Duration.ofDays(8)).getEpochSecond() + "\n", Files.readString(file));
    }

    @Test
    void aDamagedOrMissingFileMeansNothingWasWarned() throws Exception {
        Path file = dir.resolve("warned.state");
        FileWarnLedger ledger = new FileWarnLedger(file, System.err::println);
        assertFalse(ledger.warnedRecently(P, T0, HOUR));

        Files.writeString(file, "garbage\n4242 x 1\n\u0000\u0001\n4242 777 " + T0.getEpochSecond() + "\n");
        assertTrue(ledger.warnedRecently(P, T0.plusSeconds(5), HOUR));
    }
    @Test
    void aStateFileThatIsALinkIsReportedAndReplacedNeverWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("someone-elses"), "4242 777 " + T0.getEpochSecond() + "\n");
        Path file = Files.createSymbolicLink(dir.resolve("warned.state"), target);
        List<String> problems = new ArrayList<>();
        FileWarnLedger ledger = new FileWarnLedger(file, problems::add);

        assertFalse(ledger.warnedRecently(P, T0.plusSeconds(5), HOUR), "a linked file is not believed");
        ledger.recordWarning(P, T0.plusSeconds(5));

        assertEquals("4242 777 " + T0.getEpochSecond() + "\n", Files.readString(target), "the target is untouched");
        assertFalse(Files.isSymbolicLink(file), "the rename replaced the link itself");
        assertEquals("4242 777 " + (T0.getEpochSecond() + 5) + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("memory-daemon: not reading the warning state: " + file + " is a symbolic link: remove it,"
                + " memory-daemon recreates it"), problems, "said once though the ledger was asked twice");
    }

    @Test
    void aTemporaryFileThatIsALinkIsRemovedNeverWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("someone-elses"), "theirs\n");
        Files.createSymbolicLink(dir.resolve("warned.state.tmp"), target);
        Path file = dir.resolve("warned.state");

        new FileWarnLedger(file, problem -> { throw new AssertionError(problem); }).recordWarning(P, T0);

        assertEquals("theirs\n", Files.readString(target));
        assertEquals("4242 777 " + T0.getEpochSecond() + "\n", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("warned.state.tmp"), LinkOption.NOFOLLOW_LINKS));
    }
}
