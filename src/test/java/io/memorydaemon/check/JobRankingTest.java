// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static io.memorydaemon.check.Fakes.MIB;
import static io.memorydaemon.check.Fakes.member;
import static io.memorydaemon.check.Fakes.process;
import static io.memorydaemon.check.Fakes.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Fakes.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How processes group into jobs, and the order of the consumers, from process tables built here. */
class JobRankingTest {
    private static final long ALICE = 1000;
    private static final long BOB = 1001;
    private static final String UNITS = "/user.slice/user-1000.slice/user@1000.service";

    private static List<Job> ranked(Table table, boolean groupJobs) {
        JobRanking ranking = new JobRanking(table, table.processes, new Infrastructure(table.own),
                table.protectedPids, groupJobs);
        List<Job> all = new ArrayList<>();
        for (Optional<Job> j = ranking.next(); j.isPresent(); j = ranking.next()) {
            all.add(j.get());
        }
        return all;
    }

    private static Table table(ProcessInfo... ps) {
        return new Table(ALICE, Set.of(1L), List.of(ps));
    }

    @Test
    void aPoolIsOneJobWhoseSumBeatsABiggerSingleProcess() {
        // a pool started with job control: its own process group, led by the pool's master, in alice's session 500
        Table t = table(member(500, ALICE, 5, "-bash", 500, 500), member(600, ALICE, 100, "python3", 600, 500),
                member(601, ALICE, 400, "python3", 600, 500), member(602, ALICE, 400, "python3", 600, 500),
                member(603, ALICE, 400, "python3", 600, 500), process(700, BOB, 1000, "java"));

        List<Job> jobs = ranked(t, true);

        assertEquals(Job.Kind.PGROUP, jobs.get(0).kind());
        assertEquals("600", jobs.get(0).id());
        assertEquals(1300 * MIB, jobs.get(0).memoryBytes(), "the pool's sum, larger than bob's 1000 MiB");
        assertEquals(600, jobs.get(0).main().pid(), "the group's leader names it");
        assertEquals(4, jobs.get(0).members().size());
        assertEquals(700, jobs.get(1).main().pid());
        assertEquals(List.of(500L), jobs.stream().filter(j -> j.members().size() == 1 && j.main().pid() == 500)
                .map(j -> j.main().pid()).toList(), "the login shell is a consumer of its own");
    }

    @Test
    void withVictimProcessEveryProcessIsAJobOfItsOwn() {
        Table t = table(member(600, ALICE, 100, "python3", 600, 500), member(601, ALICE, 400, "python3", 600, 500));

        List<Job> jobs = ranked(t, false);

        assertEquals(List.of(601L, 600L), jobs.stream().map(j -> j.main().pid()).toList());
        assertTrue(jobs.stream().allMatch(j -> j.kind() == Job.Kind.PROCESS));
    }

    @Test
    void aProcessGroupOfTwoOwnersIsNoJob() {
        // sudo in a pipeline: a setuid process in alice's process group
        Table t = table(member(600, ALICE, 300, "make", 600, 500), member(601, 0, 200, "sudo", 600, 500),
                member(602, ALICE, 300, "cc1", 600, 500));

        List<Job> jobs = ranked(t, true);

        assertEquals(3, jobs.size());
        assertTrue(jobs.stream().allMatch(j -> j.kind() == Job.Kind.PROCESS && j.members().size() == 1));
    }

    @Test
    void aSessionLeadersProcessGroupIsNoJobTheShellIsKeptAndTheHogStandsAlone() {
        // a shell leading its session started the hog without job control: same process group as the shell
        Table t = table(member(500, ALICE, 5, "sh", 500, 500), member(501, ALICE, 900, "hog", 500, 500));
        t.executables.put(500L, system("/usr/bin/dash"));
        t.executables.put(501L, new Executable("/home/alice/hog", false));

        List<Job> jobs = ranked(t, true);

        assertEquals(Job.Kind.PROCESS, jobs.get(0).kind());
        assertEquals(List.of(501L), jobs.get(0).members().stream().map(ProcessInfo::pid).toList());
        assertEquals(Optional.empty(), jobs.get(0).kept());
        assertEquals(Optional.of("a shell that leads a session"), jobs.get(1).kept());
    }

    @Test
    void aUnitOfTheUsersServiceManagerIsOneJobAcrossProcessGroups() {
        Table t = table(member(600, ALICE, 300, "spark", 600, 600), member(601, ALICE, 300, "executor", 601, 600),
                member(602, ALICE, 300, "executor", 602, 600), member(700, ALICE, 50, "systemd", 700, 700),
                member(800, ALICE, 40, "java", 800, 800));
        t.cgroups.put(600L, UNITS + "/app.slice/run-r1a2.scope");
        t.cgroups.put(601L, UNITS + "/app.slice/run-r1a2.scope/sub");
        t.cgroups.put(602L, UNITS + "/app.slice/run-r1a2.scope");
        t.cgroups.put(700L, UNITS + "/init.scope");
        t.cgroups.put(800L, UNITS + "/app.slice/memory-daemon.service");
        t.executables.put(700L, system("/usr/lib/systemd/systemd"));

        List<Job> jobs = ranked(t, true);

        assertEquals(Job.Kind.CGROUP, jobs.get(0).kind());
        assertEquals(UNITS + "/app.slice/run-r1a2.scope", jobs.get(0).id());
        assertEquals(900 * MIB, jobs.get(0).memoryBytes());
        assertTrue(jobs.stream().filter(j -> j.main().pid() == 700).allMatch(j -> j.kept().isPresent()),
                "the user's service manager is never a victim");
        assertTrue(jobs.stream().filter(j -> j.main().pid() == 800).allMatch(j -> j.kind() == Job.Kind.PROCESS),
                "memory-daemon's own unit is no job");
    }

    @Test
    void aUnitHoldingATmuxServerIsSplitAndTheServerKept() {
        // tmux 3.2+ moves its server into a scope of its own: its panes' jobs are in there too
        Table t = table(member(600, ALICE, 20, "tmux: server", 600, 600), member(610, ALICE, 5, "bash", 610, 610),
                member(611, ALICE, 800, "python3", 611, 610), member(612, ALICE, 800, "python3", 611, 610),
                member(620, ALICE, 5, "bash", 620, 620), member(621, ALICE, 100, "vim", 621, 620));
        for (long pid : List.of(600L, 610L, 611L, 612L, 620L, 621L)) {
            t.cgroups.put(pid, UNITS + "/app.slice/tmux-spawn-1.scope");
        }
        t.executables.put(600L, system("/usr/bin/tmux"));
        t.executables.put(610L, system("/usr/bin/bash"));
        t.executables.put(620L, system("/usr/bin/bash"));

        List<Job> jobs = ranked(t, true);

        assertEquals(Job.Kind.PGROUP, jobs.get(0).kind());
        assertEquals("611", jobs.get(0).id(), "the pane's job, not the whole tmux");
        assertEquals(1600 * MIB, jobs.get(0).memoryBytes());
        assertTrue(jobs.stream().filter(j -> j.main().pid() == 600).allMatch(j -> j.kept().isPresent()));
        assertTrue(jobs.stream().filter(j -> j.main().pid() == 621).allMatch(j -> j.kept().isEmpty()));
    }

    @Test
    void sharedPagesAreCountedOnceWhereThePssCanBeRead() {
        // forked workers share most of their pages: RSS 2 x 800 MiB, PSS 2 x 450
        Table t = table(member(600, ALICE, 800, "worker", 600, 500), member(601, ALICE, 800, "worker", 600, 500),
                process(700, BOB, 1000, "java"));
        t.pssMib.put(600L, 450L);
        t.pssMib.put(601L, 450L);

        List<Job> jobs = ranked(t, true);

        assertEquals(700, jobs.get(0).main().pid(), "bob's 1000 MiB beats the pool's 900 MiB of PSS");
        assertEquals(900 * MIB, jobs.get(1).memoryBytes());
        assertTrue(jobs.get(1).pss());
        assertFalse(jobs.get(0).pss(), "bob's process cannot be read: its RSS counts");
    }

    @Test
    void aRenamedProcessIsNoInfrastructureWhenItsExecutableSaysOtherwise() {
        Table t = table(member(600, ALICE, 1500, "sshd", 600, 600), member(601, ALICE, 1500, "tmux", 601, 500));
        t.executables.put(600L, new Executable("/usr/bin/python3.11", true));
        t.executables.put(601L, new Executable("/home/alice/bin/tmux", false));

        List<Job> jobs = ranked(t, true);

        assertTrue(jobs.stream().allMatch(j -> j.kept().isEmpty()), "names are forged: the executable decides");
    }

    @Test
    void onlyTheLargestGroupsAreAskedForTheirExecutable() {
        List<ProcessInfo> ps = new ArrayList<>();
        // all named like infrastructure, so each would be read were it refined
        ps.add(process(10, ALICE, 2000, "sshd"));
        for (long pid = 100; pid < 1100; pid++) {
            ps.add(process(pid, BOB, 1, "sshd"));
        }
        Table t = new Table(ALICE, Set.of(1L), ps);
        JobRanking ranking = new JobRanking(t, t.processes, new Infrastructure(Optional.empty()), Set.of(), true);

        assertEquals(10, ranking.next().orElseThrow().main().pid());
        assertEquals(List.of(10L), t.exeAsked, "one process read, not a thousand");
    }

    @Test
    void memoryDaemonsOwnWatcherIsKeptButAHogUnderItsRuntimeIsNot() {
        Executable runtime = system("/opt/memory-daemon/lib/runtime/bin/java");
        Table t = table(process(600, ALICE, 40, "java"), process(601, ALICE, 3000, "java"));
        t.own = Optional.of(runtime);
        t.executables.put(600L, runtime);
        t.executables.put(601L, runtime);

        List<Job> jobs = ranked(t, true);

        assertEquals(Optional.empty(), jobs.get(0).kept(), "3000 MiB is no watcher, whatever runs it");
        assertEquals(Optional.of("memory-daemon itself"), jobs.get(1).kept());
    }

    @Test
    void aJobOfHundredsIsSizedFromThePssOfItsLargestMembers() {
        List<ProcessInfo> ps = new ArrayList<>();
        for (long pid = 600; pid < 1100; pid++) {
            ps.add(member(pid, ALICE, 100, "worker", 600, 500));
        }
        Table t = new Table(ALICE, Set.of(1L), ps);
        ps.forEach(p -> t.pssMib.put(p.pid(), 40L));

        Job pool = ranked(t, true).get(0);

        assertEquals(500 * 40 * MIB, pool.memoryBytes(), "every worker at the share the sampled ones have");
        assertEquals(JobRanking.PSS_SAMPLE, t.pssAsked.size(), "smaps_rollup read for the largest few only");
        assertTrue(pool.pss());
        assertEquals(List.of(), t.exeAsked, "workers named as no infrastructure is: no executable read per worker");
    }

    @Test
    void inAPoolOnlyTheMembersThatCouldBeInfrastructureAreReadAndTheRenamedHogIsFoundOut() {
        // alice's pool in its own process group: workers, a forged "sshd", a real dbus-broker-launch (the kernel
        // cuts its name to 15 characters), a java that is memory-daemon's watcher
        Executable runtime = system("/opt/memory-daemon/lib/runtime/bin/java");
        Table t = table(member(600, ALICE, 500, "python3", 600, 500), member(601, ALICE, 500, "python3", 600, 500),
                member(602, ALICE, 900, "sshd", 600, 500), member(603, ALICE, 5, "dbus-broker-lau", 600, 500),
                member(604, ALICE, 40, "java", 600, 500));
        t.own = Optional.of(runtime);
        t.executables.put(600L, system("/usr/bin/python3.11"));
        t.executables.put(601L, system("/usr/bin/python3.11"));
        t.executables.put(602L, system("/usr/bin/python3.11"));
        t.executables.put(603L, system("/usr/bin/dbus-broker-launch"));
        t.executables.put(604L, runtime);

        List<Job> jobs = ranked(t, true);

        assertEquals(List.of(602L, 603L, 604L), t.exeAsked.stream().sorted().toList());
        Job pool = jobs.get(0);
        assertEquals(List.of(600L, 601L, 602L), pool.members().stream().map(ProcessInfo::pid).sorted().toList(),
                "the forged sshd is read, found out and stays in its job");
        assertTrue(jobs.stream().anyMatch(j -> j.main().pid() == 603 && j.kept().isPresent()));
        assertTrue(jobs.stream().anyMatch(j -> j.main().pid() == 604 && j.kept().isPresent()));
    }

    @Test
    void whatCouldBeInfrastructureIsTheSessionLeaderAndWhatIsNamedLikeIt() {
        Infrastructure infra = new Infrastructure(Optional.empty());

        assertTrue(infra.mayBe(member(500, ALICE, 5, "-zsh", 500, 500)));
        assertTrue(infra.mayBe(member(501, ALICE, 5, "anything", 501, 501)), "a session leader, whatever its name");
        assertTrue(infra.mayBe(member(502, ALICE, 5, "(sd-pam)", 502, 500)));
        assertTrue(infra.mayBe(member(503, ALICE, 5, "tmux: server", 503, 500)));
        assertTrue(infra.mayBe(member(504, ALICE, 5, "dbus-broker-lau", 503, 500)));
        assertTrue(infra.mayBe(member(505, ALICE, 5, "java", 503, 500)));
        assertFalse(infra.mayBe(member(506, ALICE, 5, "python3", 600, 500)));
        assertFalse(infra.mayBe(member(507, ALICE, 5, "sleep", 600, 500)));
    }

    @Test
    void anotherUsersPoolIsCountedWithItsLibrariesOnceNotOncePerWorker() {
        // bob's 100 workers: 30 MiB resident each, 25 MiB of it the same interpreter and libraries; PSS unreadable
        List<ProcessInfo> ps = new ArrayList<>();
        ps.add(process(10, ALICE, 1000, "hog"));
        for (long pid = 700; pid < 800; pid++) {
            ps.add(member(pid, BOB, 30, "python3", 700, 690));
        }
        Table t = new Table(ALICE, Set.of(1L), ps);
        ps.stream().filter(p -> p.uid() == BOB).forEach(p -> t.fileMib.put(p.pid(), 25L));

        List<Job> jobs = ranked(t, true);

        assertEquals(10, jobs.get(0).main().pid(), "alice's 1000 MiB is the largest, not 100 × 30 MiB of RSS");
        Job pool = jobs.get(1);
        assertEquals(100 * 5 * MIB + 25 * MIB, pool.memoryBytes(), "private pages of each, the libraries once");
        assertFalse(pool.pss());
    }

    @Test
    void aSingleProcessIsCountedWholeAndAnUnreadableWorkerByItsRss() {
        Table t = table(process(10, BOB, 800, "java"), member(700, BOB, 300, "R", 700, 690),
                member(701, BOB, 300, "R", 700, 690));
        t.fileMib.put(10L, 700L);
        t.fileMib.put(700L, 100L);

        List<Job> jobs = ranked(t, true);

        assertEquals(800 * MIB, jobs.get(0).memoryBytes(), "a job of one is its RSS: nothing shared within it");
        assertEquals((200 + 300 + 100) * MIB, jobs.get(1).memoryBytes(),
                "701's file pages unknown: its whole RSS; 700's libraries once");
    }
}
