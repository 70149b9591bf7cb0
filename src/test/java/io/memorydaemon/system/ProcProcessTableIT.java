// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.ProcessDetails;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.Shell;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The details the checker reads from /proc before a signal are the ones {@code ps} shows. */
class ProcProcessTableIT {
    private Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void theUserAndCommandLineOfASpawnedProcessAreWhatPsShows() throws Exception {
        RunAs user = RunAs.checkerUser();
        child = new ProcessBuilder(user.command(List.of("sh", "-c", "sleep 300; :", "md-it", "two words")))
                .redirectErrorStream(true).start();
        long pid = child.pid();
        String ps = awaitExec(pid);
        ProcProcessTable table = ProcProcessTable.system();
        ProcessInfo info = table.snapshot().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();

        ProcessDetails quick = table.describe(info).orElseThrow();
        ProcessDetails report = table.describeForReport(info).orElseThrow();

        assertEquals(user.uid(), info.uid());
        assertEquals(user.user() + " sh -c sleep 300; : md-it two words", ps);
        assertEquals(ps, quick.user() + " " + quick.command());
        assertEquals(ps, report.user() + " " + report.command());
        assertEquals(user.user(), table.userName(user.uid()));
    }

    @Test
    void aProcessThatIsGoneHasNoDetails() throws Exception {
        child = new ProcessBuilder("sleep", "300").start();
        ProcessInfo info = ProcProcessTable.system().snapshot().stream().filter(p -> p.pid() == child.pid())
                .findFirst().orElseThrow();
        child.destroyForcibly().waitFor();

        assertEquals(java.util.Optional.empty(), ProcProcessTable.system().describe(info));
    }

    @Test
    void theFileBackedPagesAreReadFromStatusWhichAnyUserMayReadAndAGoneProcessAnswersNothing() throws Exception {
        RunAs user = RunAs.checkerUser();
        child = new ProcessBuilder(user.command(List.of("sh", "-c", "sleep 300; :", "md-it", "file"))).start();
        long pid = child.pid();
        awaitExec(pid);
        ProcProcessTable table = ProcProcessTable.system();
        ProcessInfo info = table.snapshot().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
        // "RssFile:     1024 kB", as grep reads it
        long kib = Long.parseLong(Shell.run("grep", "^RssFile:", "/proc/" + pid + "/status").strip().split("\\s+")[1]);

        long bytes = table.fileBytes(info).orElseThrow();

        assertTrue(kib > 0, "sh maps its program and libc");
        assertEquals(kib * 1024, bytes, "what /proc/" + pid + "/status says, as another user may read it");
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly().waitFor();
        assertEquals(java.util.OptionalLong.empty(), table.fileBytes(info));
    }

    /** {@code ps}'s user and args once setpriv has exec'd the shell. */
    private static String awaitExec(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String ps = Shell.run("ps", "-o", "user:32=,args=", "-p", Long.toString(pid)).strip()
                    .replaceAll("\\s+", " ");
            if (ps.contains(" sh -c")) {
                return ps;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("pid " + pid + " never ran sh");
    }
}
