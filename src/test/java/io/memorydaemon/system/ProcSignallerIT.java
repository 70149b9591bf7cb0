// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.Signaller.Result;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.RunAs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real signals to processes this test spawned itself, and the re-checks that refuse to send them. */
class ProcSignallerIT {
    private static final Path PROC = Path.of("/proc");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final RunAs user = RunAs.checkerUser();
    private final List<Process> spawned = new ArrayList<>();

    @AfterEach
    void killWhatThisTestStarted() throws InterruptedException {
        for (Process p : spawned) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code sleep} as the given user (null: as this test's user), once it runs under that name. */
    private Process sleeper(RunAs user, boolean ignoreTerm) throws Exception {
        List<String> cmd = ignoreTerm
                ? List.of("/bin/sh", "-c", "trap '' TERM; exec sleep 600")
                : List.of("sleep", "600");
        Process p = new ProcessBuilder(user == null ? cmd : user.command(cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        spawned.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ProcStat.read(PROC, p.pid()).map(s -> s.name().equals("sleep")).orElse(false)) {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "sleep did not start");
            Thread.sleep(10);
        }
        return p;
    }

    private static ProcessInfo info(Process p) {
        ProcStat s = ProcStat.read(PROC, p.pid()).orElseThrow();
        return new ProcessInfo(p.pid(), s.ppid(), -1, s.startTimeTicks(), s.rssPages() * 4096, s.name());
    }

    @Test
    void sigtermEndsTheUsersProcess() throws Exception {
        Process p = sleeper(user, false);

        assertEquals(Result.TERMINATED, new ProcSignaller(PROC, user.uid()).terminate(info(p), GRACE));

        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(128 + 15, p.exitValue());
    }

    @Test
    void aProcessIgnoringSigtermGetsSigkillAfterTheGrace() throws Exception {
        Process p = sleeper(user, true);

        assertEquals(Result.KILLED, new ProcSignaller(PROC, user.uid()).terminate(info(p), Duration.ofSeconds(1)));

        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(128 + 9, p.exitValue());
    }

    @Test
    void aSignallerOfAnotherUidNeverSignalsTheUsersProcess() throws Exception {
        Process users = sleeper(user, false);

        assertEquals(Result.REFUSED_OTHER_USER,
                new ProcSignaller(PROC, user.uid() + 1).terminate(info(users), GRACE));

        assertFalse(users.waitFor(300, TimeUnit.MILLISECONDS), "the user's sleep must still run");
    }

    @Test
    void anotherUsersProcessIsNeverSignalled() throws Exception {
        Root.assume("run a second user's process");
        Process roots = sleeper(null, false);

        assertEquals(Result.REFUSED_OTHER_USER, new ProcSignaller(PROC, user.uid()).terminate(info(roots), GRACE));

        assertTrue(roots.isAlive(), "root's sleep must still run");
    }

    @Test
    void aPidNamingAnotherProcessThanTheChosenOneIsRefused() throws Exception {
        Process p = sleeper(user, false);
        ProcessInfo chosen = info(p);
        ProcessInfo earlierOwnerOfThePid = new ProcessInfo(chosen.pid(), chosen.ppid(), chosen.uid(),
                chosen.startTimeTicks() - 1, chosen.rssBytes(), chosen.name());

        assertEquals(Result.REFUSED_PID_REUSED,
                new ProcSignaller(PROC, user.uid()).terminate(earlierOwnerOfThePid, GRACE));

        assertFalse(p.waitFor(300, TimeUnit.MILLISECONDS), "the process now holding the pid must still run");
    }

    @Test
    void aProcessThatAlreadyExitedIsGone() throws Exception {
        Process p = sleeper(user, false);
        ProcessInfo chosen = info(p);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);

        assertEquals(Result.GONE, new ProcSignaller(PROC, user.uid()).terminate(chosen, GRACE));
    }

    @Test
    void rootMaySignalAnyUsersProcess() throws Exception {
        Process p = sleeper(user, false);

        assertEquals(Result.TERMINATED, new ProcSignaller(PROC, 0).terminate(info(p), GRACE));
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
    }
}
