// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Job;
import io.memorydaemon.check.ProcessInfo;
import io.memorydaemon.check.Signaller.Result;
import io.memorydaemon.check.Signaller.Termination;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.Processes;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.RunAs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real signals to processes and jobs this test spawned itself, and the re-checks that refuse to send them. */
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

    private static ProcessInfo info(long pid, long uid) {
        ProcStat s = ProcStat.read(PROC, pid).orElseThrow();
        return new ProcessInfo(pid, s.ppid(), uid, s.startTimeTicks(), s.rssPages() * 4096, s.name(), s.pgid(),
                s.sid());
    }

    /** A job of one process, owned by {@code uid}. */
    private static Job alone(Process p, long uid) {
        return alone(info(p.pid(), uid));
    }

    private static Job alone(ProcessInfo p) {
        return new Job(Job.Kind.PROCESS, Long.toString(p.pid()), p.uid(), List.of(p), p.rssBytes(), false,
                Optional.empty());
    }

    private ProcSignaller signaller(long selfUid) {
        return ProcSignaller.of(PROC, selfUid, -1, () -> false);
    }

    @Test
    void sigtermEndsTheUsersProcess() throws Exception {
        Process p = sleeper(user, false);

        assertEquals(Result.TERMINATED, signaller(user.uid()).terminate(alone(p, user.uid()), GRACE).result());

        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(128 + 15, p.exitValue());
    }

    @Test
    void aProcessIgnoringSigtermGetsSigkillAfterTheGrace() throws Exception {
        Process p = sleeper(user, true);
        Process bystander = sleeper(user, false);

        Termination t = signaller(user.uid()).terminate(alone(p, user.uid()), Duration.ofSeconds(1));

        assertEquals(Result.KILLED, t.result());
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(128 + 9, p.exitValue());
        assertTrue(bystander.isAlive(), "the user's other process lives");
    }

    @Test
    void aSignallerOfAnotherUidNeverSignalsTheUsersProcess() throws Exception {
        Process users = sleeper(user, false);

        assertEquals(Result.REFUSED_OTHER_USER,
                signaller(user.uid() + 1).terminate(alone(users, user.uid()), GRACE).result());
        assertFalse(users.waitFor(300, TimeUnit.MILLISECONDS), "the user's sleep must still run");
    }

    @Test
    void anotherUsersProcessIsNeverSignalled() throws Exception {
        Root.assume("run a second user's process");
        Process roots = sleeper(null, false);

        assertEquals(Result.REFUSED_OTHER_USER, signaller(user.uid()).terminate(alone(roots, 0), GRACE).result());
        assertEquals(Result.REFUSED_OTHER_USER, signaller(user.uid()).terminate(alone(roots, user.uid()), GRACE).result(),
                "a job chosen as the user's whose process is root's is refused too");
        assertTrue(roots.isAlive(), "root's sleep must still run");
    }

    @Test
    void aPidNamingAnotherProcessThanTheChosenOneIsRefused() throws Exception {
        Process p = sleeper(user, false);
        ProcessInfo chosen = info(p.pid(), user.uid());
        ProcessInfo earlierOwnerOfThePid = new ProcessInfo(chosen.pid(), chosen.ppid(), chosen.uid(),
                chosen.startTimeTicks() - 1, chosen.rssBytes(), chosen.name());

        assertEquals(Result.REFUSED_PID_REUSED, signaller(user.uid()).terminate(alone(earlierOwnerOfThePid), GRACE)
                .result());
        assertFalse(p.waitFor(300, TimeUnit.MILLISECONDS), "the process now holding the pid must still run");
    }

    @Test
    void aProcessThatAlreadyExitedIsGone() throws Exception {
        Process p = sleeper(user, false);
        Job chosen = alone(p, user.uid());
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);

        assertEquals(Result.GONE, signaller(user.uid()).terminate(chosen, GRACE).result());
    }

    @Test
    void rootMaySignalAnyUsersProcess() throws Exception {
        Process p = sleeper(user, false);

        assertEquals(Result.TERMINATED, signaller(0).terminate(alone(p, user.uid()), GRACE).result());
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
    }

    @Test
    void aRespawningPoolIsKilledWholeWorkersForkedDuringTheGraceToo() throws Exception {
        try (Hog pool = Hog.pool(user, 3, 20, true, true); Hog bystander = Hog.start(user, 20, false)) {
            List<ProcessInfo> members = pool.pids().stream().map(pid -> info(pid, user.uid())).toList();
            Job job = new Job(Job.Kind.PGROUP, Long.toString(pool.pid()), user.uid(), members, 0, false,
                    Optional.empty());
            // a worker dies: the master, ignoring SIGTERM, forks another before the kill
            ProcessHandle.of(pool.pids().get(1)).orElseThrow().destroyForcibly();

            Termination t = signaller(user.uid()).terminate(job, Duration.ofSeconds(1));

            assertEquals(Result.KILLED, t.result());
            assertEquals(List.of(), Processes.inGroup(pool.pid()), "nothing of the pool is left");
            assertTrue(t.processes() >= 4, "master, the workers and the one forked since: " + t.processes());
            Thread.sleep(500);
            assertEquals(List.of(), Processes.inGroup(pool.pid()), "and nothing of it runs again");
            assertTrue(bystander.isAlive(), "the user's other process lives");
        }
    }

    @Test
    void aStopRequestCutsTheGraceShortAndStillEndsTheKill() throws Exception {
        Process p = sleeper(user, true);
        AtomicBoolean stopping = new AtomicBoolean();
        ProcSignaller signaller = ProcSignaller.of(PROC, user.uid(), -1, stopping::get);
        Thread stop = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            stopping.set(true);
        });
        stop.start();
        long start = System.nanoTime();

        Termination t = signaller.terminate(alone(p, user.uid()), Duration.ofSeconds(120));

        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Result.KILLED, t.result());
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(128 + 9, p.exitValue());
        assertTrue(seconds < ProcSignaller.STOP_GRACE.toSeconds() + 5, "ended " + seconds + " s after the start");
    }
}
