// SPDX-License-Identifier: MIT
package io.memorydaemon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Processes;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mem_daemon check} from the linked image against jobs this test started: who dies, and who lives. Each hog
 * is the largest consumer on the machine and the threshold lies just under used RAM, as with a real runaway job.
 */
class JobKillImageIT {
    /** The user's other processes (run by an ordinary user: this build's JVMs) are never candidates. */
    private static final String OWN_HOGS_ONLY = "avoid ^(?!mdhog)\n";
    private final RunAs user = RunAs.checkerUser();
    private final List<Process> spawned = new ArrayList<>();
    private TempHome home;

    @BeforeEach
    void home() throws Exception {
        home = new TempHome(user);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : spawned) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        home.close();
    }

    /** An innocent: a sleeping process of {@code who} (null: this test's user), in a process group of its own. */
    private Process innocent(RunAs who) throws Exception {
        List<String> cmd = List.of("setsid", "sleep", "600");
        Process p = new ProcessBuilder(who == null ? cmd : who.command(cmd))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        spawned.add(p);
        return p;
    }

    @Test
    void aRespawningPoolIsKilledWholeAndNothingOfItRunsAgain() throws Exception {
        int mib = Dominance.hogMib(600);
        Process mine = innocent(user);
        Process roots = Root.is() ? innocent(null) : null;
        try (Hog pool = Hog.pool(user, 4, mib / 4 + 32, true, true)) {
            home.writeConfig("threshold " + Dominance.thresholdUnder(mib) + "\ngrace 1\n" + OWN_HOGS_ONLY);

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.both());
            assertEquals(List.of(), Processes.inGroup(pool.pid()), "the pool whole: " + home.readLog());
            Thread.sleep(1000);
            assertEquals(List.of(), Processes.inGroup(pool.pid()), "and nothing of it forked again");
            String log = home.readLog();
            assertTrue(log.contains(" action=killed-sigkill pid=" + pool.pid() + " user=" + user.user() + " "), log);
            assertTrue(log.contains(" job=pgroup:" + pool.pid() + " procs=5 "), log);
            assertTrue(mine.isAlive(), "the user's other process lives");
            assertTrue(roots == null || roots.isAlive(), "another user's process lives");
        }
    }

    @Test
    void aHogStartedWithoutJobControlBySessionLeadingShellDiesAndTheShellLives() throws Exception {
        int mib = Dominance.hogMib(400);
        Path dir = Files.createTempDirectory("md-shell");
        try {
            String name = Hog.prepare(user, dir);
            String hog = String.join(" ", Hog.command(dir, name, List.of("hog", Integer.toString(mib))));
            // a session-leading shell, no job control: the hog is in the shell's own process group
            Process shell = new ProcessBuilder(user.command(List.of("setsid", "sh", "-c",
                    hog + " & echo $$ $!; wait; sleep 600"))).redirectErrorStream(true).start();
            spawned.add(shell);
            String[] pids = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))
                    .readLine().split(" ");
            long shellPid = Long.parseLong(pids[0]);
            long hogPid = Long.parseLong(pids[1]);
            awaitRss(hogPid, mib);
            home.writeConfig("threshold " + Dominance.thresholdUnder(mib) + "\ngrace 1\n" + OWN_HOGS_ONLY);

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.both());
            String log = home.readLog();
            assertTrue(log.contains(" action=killed pid=" + hogPid + " "), log);
            assertFalse(log.contains("job="), "the hog alone, not the shell's group: " + log);
            Thread.sleep(500);
            assertTrue(ProcessHandle.of(shellPid).map(ProcessHandle::isAlive).orElse(false), "the shell lives");
            assertFalse(ProcessHandle.of(hogPid).map(ProcessHandle::isAlive).orElse(false), "the hog died");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aUserAbove2To31KillsTheirOwnHog() throws Exception {
        Root.assume("run processes as uid 3000000000, which no passwd entry names");
        RunAs high = RunAs.numeric(3_000_000_000L);
        int mib = Dominance.hogMib(400);
        Process other = innocent(user);
        try (TempHome highHome = new TempHome(high); Hog hog = Hog.start(high, mib, false)) {
            highHome.writeConfig("threshold " + Dominance.thresholdUnder(mib) + "\ngrace 1\n");

            Run.Result r = new ImageRun(high, highHome.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.both());
            assertTrue(hog.waitFor(10) >= 0, "the hog of uid 3000000000 died: " + highHome.readLog());
            assertTrue(highHome.readLog().contains(" action=killed pid=" + hog.pid() + " user=3000000000 "),
                    highHome.readLog());
            assertTrue(other.isAlive(), "another user's process lives");
        }
    }

    @Test
    void filledThroughTmpfsTheUsersProcessLivesAndTheWarningNamesSharedMemory() throws Exception {
        int mib = Dominance.hogMib(400);
        long shmMib = Math.max(3L * mib, 3072);
        org.junit.jupiter.api.Assumptions.assumeTrue(mib * 10L < Processes.totalMib() && shmMib * 3 < Processes.totalMib(),
                "needs RAM enough for a hog under a tenth of it beside " + shmMib + " MiB of tmpfs");
        Path shm = Path.of("/dev/shm", "md-it-" + ProcessHandle.current().pid());
        try (Hog hog = Hog.start(user, mib, false)) {
            Run.of("fallocate", "-l", shmMib + "M", shm.toString()).ok();
            // the excess: most of the tmpfs, far more than twice the hog
            home.writeConfig("threshold " + Dominance.thresholdUnder(shmMib, 0.8) + "\n" + OWN_HOGS_ONLY);

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.both());
            String log = home.readLog();
            // too small for the excess; or, where the machine holds more memory no process explains than the hog
            // (a VM's balloon, kernel memory), the stricter rule of hidden memory: either way, spared
            assertTrue(log.matches("(?s).* action=warned reason=(too-small|hidden) pid=" + hog.pid() + " .*"), log);
            assertTrue(log.matches("(?s).* shmem=\\d+(\\.\\d)?GiB .*"), "the warning names shared memory: " + log);
            Thread.sleep(300);
            assertTrue(hog.isAlive(), "killing it would not have freed the tmpfs: it lives");
        } finally {
            Files.deleteIfExists(shm);
        }
    }

    private static void awaitRss(long pid, int mib) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            try {
                String[] statm = Files.readString(Path.of("/proc", Long.toString(pid), "statm")).split(" ");
                if (Long.parseLong(statm[1]) * 4096 >= (long) mib << 20) {
                    return;
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the hog " + pid + " is gone");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the hog " + pid + " did not fill " + mib + " MiB");
    }
}
