// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

    /** The fields after the name, from a real /proc/PID/stat: ppid 17741, starttime 55115, rss 409 pages. */
    private static final String TAIL = " R 17741 17741 2471 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 55115 3133440 409"
            + " 18446744073709551615 93930226147328 93930226167209 140721509221216 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";

    private static ProcStat parse(String text) {
        return ProcStat.parse(17784, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsStateParentStartTimeAndResidentPages() {
        assertEquals(new ProcStat(17784, "cat", 'R', 17741, 17741, 2471, 55115, 409), parse("17784 (cat)" + TAIL));
    }

    @Test
    void aNameWithSpacesAndParenthesesIsKeptWhole() {
        ProcStat s = parse("17784 (my (odd) name) x)" + TAIL);

        assertEquals("my (odd) name) x", s.name());
        assertEquals(17741, s.ppid());
        assertEquals(409, s.rssPages());
    }

    @Test
    void zombiesAndDeadProcessesCountAsGone() {
        assertTrue(parse("1 (a)" + TAIL.replace(" R ", " Z ")).zombie());
        assertTrue(parse("1 (a)" + TAIL.replace(" R ", " X ")).zombie());
        assertFalse(parse("1 (a)" + TAIL.replace(" R ", " S ")).zombie());
    }

    @Test
    void truncatedOrDamagedLinesGiveNothingInsteadOfThrowing() {
        assertNull(parse("17784 (cat)"));
        assertNull(parse("17784 (cat) "));
        assertNull(parse("17784 (cat) R 1 2 3"));
        assertNull(parse("17784 cat R 1 2 3"));
        assertNull(parse(""));
    }

    @Test
    void readsAFakeProcTree(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/stat"), "42 (hog)" + TAIL);
        Files.writeString(proc.resolve("42/status"), "Name:\thog\nUmask:\t0022\nUid:\t1000\t1001\t1000\t1000\n");

        assertEquals(Optional.of(new ProcStat(42, "hog", 'R', 17741, 17741, 2471, 55115, 409)), ProcStat.read(proc, 42));
        assertArrayEquals(new long[] {1000, 1001}, ProcStat.uids(proc, 42).orElseThrow());
        assertEquals(Optional.empty(), ProcStat.read(proc, 43));
        assertEquals(Optional.empty(), ProcStat.uids(proc, 43));
    }

    @Test
    void readsThisProcessFromTheRealProc() {
        ProcessHandle self = ProcessHandle.current();

        ProcStat s = ProcStat.read(Path.of("/proc"), self.pid()).orElseThrow();

        assertEquals(self.parent().orElseThrow().pid(), s.ppid());
        assertTrue(s.startTimeTicks() > 0 && s.rssPages() > 0, s.toString());
        assertEquals(Users.currentUid(Path.of("/proc")), ProcStat.uids(Path.of("/proc"), self.pid()).orElseThrow()[0]);
    }
}
