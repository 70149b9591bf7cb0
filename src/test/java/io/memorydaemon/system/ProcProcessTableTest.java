// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.ProcessInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcProcessTableTest {
    private static final String TAIL = " S 1 7 7 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 5511 3133440 %d 0 0 0\n";

    @Test
    void aFakeProcTreeGivesOneEntryPerReadablePidDirectory(@TempDir Path proc) throws Exception {
        for (String dir : List.of("42", "43", "self", "sys", "0x1", "44")) {
            Files.createDirectories(proc.resolve(dir));
        }
        Files.writeString(proc.resolve("42/stat"), "42 (web server)" + TAIL.formatted(100));
        Files.writeString(proc.resolve("43/stat"), "43 (half");
        Files.writeString(proc.resolve("self/stat"), "1 (x)" + TAIL.formatted(1));

        List<ProcessInfo> ps = new ProcProcessTable(proc, 4096).snapshot();

        long owner = (Integer) Files.getAttribute(proc.resolve("42"), "unix:uid");
        assertEquals(List.of(new ProcessInfo(42, 1, owner, 5511, 100 * 4096, "web server", 7, 7)), ps);
    }

    @Test
    void theRealTableHoldsThisProcessWithItsOwnerAndAncestors() throws Exception {
        ProcProcessTable table = ProcProcessTable.system();
        long self = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();

        ProcessInfo me = table.snapshot().stream().filter(p -> p.pid() == self).findFirst().orElseThrow();

        assertEquals(table.currentUid(), me.uid());
        assertEquals(parent, me.ppid());
        Set<Long> protectedPids = table.selfAndAncestors();
        assertTrue(protectedPids.containsAll(Set.of(self, parent, 1L)), protectedPids.toString());
        assertEquals(table.currentUid(), table.describe(me).orElseThrow().process().uid());
    }

    @Test
    void describeReadsTheCommandLineAndNamesTheUserFromPasswd(@TempDir Path dir) throws Exception {
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("42"));
        Files.createDirectories(proc.resolve("43"));
        Files.write(proc.resolve("42/cmdline"), "python3\0-c\0print('a b')\0\0".getBytes(UTF_8));
        Files.write(proc.resolve("43/cmdline"), new byte[0]);
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "carol:x:1234:1234::/home/carol:/bin/sh\n");
        ProcProcessTable table = new ProcProcessTable(proc, 4096, new Users(passwd), new UserManagerCgroups(Optional.empty()));

        ProcessDetails web = table.describe(new ProcessInfo(42, 1, 1234, 5, 4096, "python3")).orElseThrow();
        ProcessDetails kernel = table.describe(new ProcessInfo(43, 2, 99999, 5, 0, "kthreadd")).orElseThrow();

        assertEquals("carol", web.user());
        assertEquals("python3 -c print('a b')", web.command());
        assertEquals("99999", kernel.user());
        assertEquals("[kthreadd]", kernel.command());
        assertEquals(Optional.empty(), table.describe(new ProcessInfo(44, 1, 1234, 5, 0, "gone")));
    }
}
