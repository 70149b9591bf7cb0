// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static io.memorydaemon.check.Fakes.MIB;
import static io.memorydaemon.check.Fakes.member;
import static io.memorydaemon.check.Fakes.process;
import static io.memorydaemon.check.Fakes.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Fakes.Table;
import io.memorydaemon.check.KillRule.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The choice over the threshold, from process tables built here: who dies, and who lives. */
class JobChooserTest {
    private static final long GIB = 1L << 30;
    private static final long ALICE = 1000;
    private static final long BOB = 1001;
    /** 16 GiB of RAM. */
    private static final long TOTAL = 16 * GIB;

    private MemoryBreakdown breakdown = MemoryBreakdown.UNKNOWN;
    private long excess = GIB;
    private long usedBytes = 10 * GIB;

    private Choice choose(Table t, JobChooser.Rules rules) {
        JobRanking ranking = new JobRanking(t, t.processes, new Infrastructure(t.own), t.protectedPids, true);
        // used RAM just what the table holds (plus breakdown), unless a test says otherwise
        return new JobChooser(rules, t::executable).choose(ranking, new MemoryStatus(TOTAL, TOTAL - usedBytes),
                breakdown, excess, t.othersHidden());
    }

    private static JobChooser.Rules user(long uid) {
        return new JobChooser.Rules(uid, false, OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    private static JobChooser.Rules user(long uid, String avoid, String prefer) {
        return new JobChooser.Rules(uid, false, OptionalLong.empty(), Optional.ofNullable(avoid).map(Pattern::compile),
                Optional.ofNullable(prefer).map(Pattern::compile));
    }

    private static JobChooser.Rules watcher(String avoid) {
        return new JobChooser.Rules(990, false, OptionalLong.of(1000), Optional.ofNullable(avoid).map(Pattern::compile),
                Optional.empty());
    }

    private static Table table(long uid, ProcessInfo... ps) {
        return new Table(uid, Set.of(1L), List.of(ps));
    }

    private void usedIs(Table t) {
        usedBytes = t.processes.stream().mapToLong(ProcessInfo::rssBytes).sum();
    }

    private static List<Long> pids(Choice c) {
        return c.job().orElseThrow().members().stream().map(ProcessInfo::pid).sorted().toList();
    }

    @Test
    void aPoolWhoseSumBeatsAnotherUsersBiggerProcessIsKilledWhole() {
        Table t = table(ALICE, member(600, ALICE, 700, "python3", 600, 500), member(601, ALICE, 700, "python3", 600, 500),
                member(602, ALICE, 700, "python3", 600, 500), process(700, BOB, 1500, "java"));
        usedIs(t);

        Choice c = choose(t, user(ALICE));

        assertEquals(Verdict.KILL, c.verdict());
        assertEquals(List.of(600L, 601L, 602L), pids(c));
    }

    @Test
    void anotherUsersPoolBeatsMySingleProcessAndIsOnlyWarnedAbout() {
        Table t = table(ALICE, process(600, ALICE, 1500, "java"), member(700, BOB, 600, "R", 700, 650),
                member(701, BOB, 600, "R", 700, 650), member(702, BOB, 600, "R", 700, 650));
        usedIs(t);

        Choice c = choose(t, user(ALICE));

        assertEquals(Verdict.WARN_OTHER_USER, c.verdict());
        assertEquals(List.of(700L, 701L, 702L), pids(c));
    }

    @Test
    void theSystemWatcherKillsNobodyWhenRootsProcessDominatesAndNamesIt() {
        // the cascade: RAM over the threshold because of root's process; users' small ones are bystanders
        Table t = table(990, process(10, 0, 6000, "mysqld"), process(600, ALICE, 608, "python3"),
                process(700, BOB, 109, "vim"));
        usedIs(t);

        Choice c = choose(t, watcher(null));

        assertEquals(Verdict.WARN_SYSTEM, c.verdict());
        assertEquals(List.of(10L), pids(c));
    }

    @Test
    void aSystemUsersProcessAndNobodysDominateLikeRoots() {
        Table t = table(990, process(10, 999, 6000, "postgres"), process(600, ALICE, 1000, "python3"));
        usedIs(t);
        assertEquals(Verdict.WARN_SYSTEM, choose(t, watcher(null)).verdict());

        Table n = table(990, process(10, 65534, 6000, "daemon"), process(600, ALICE, 1000, "python3"));
        usedIs(n);
        assertEquals(Verdict.WARN_SYSTEM, choose(n, watcher(null)).verdict());
    }

    @Test
    void aHogRenamedToAnAvoidedNameIsStillKilledAndItsNeighbourLives() {
        // the admin avoids sshd by its executable; the user renamed a python hog "sshd"
        Table t = table(990, process(600, ALICE, 1536, "sshd"), process(700, BOB, 209, "python3"));
        t.executables.put(600L, system("/usr/bin/python3.11"));
        t.executables.put(700L, system("/usr/bin/python3.11"));
        usedIs(t);

        Choice c = choose(t, watcher("^/usr/sbin/sshd$"));

        assertEquals(Verdict.KILL, c.verdict());
        assertEquals(List.of(600L), pids(c));
    }

    @Test
    void theSystemWatchersAvoidSparesEverybodyRatherThanMakingAnotherUserPay() {
        Table t = table(990, process(600, ALICE, 3000, "rsession"), process(700, BOB, 1000, "python3"));
        t.executables.put(600L, system("/usr/lib/rstudio-server/bin/rsession"));
        usedIs(t);

        Choice c = choose(t, watcher("^/usr/lib/rstudio-server/"));

        assertEquals(Verdict.WARN_AVOIDED, c.verdict());
        assertEquals(List.of(600L), pids(c), "bob's job is not killed in its place");
    }

    @Test
    void usersAbove2To31AreCandidatesOfTheSystemWatcherAndOfTheirOwnCheck() {
        long high = 3_000_000_000L;
        long minusTwo = 4_294_967_294L;
        Table t = table(990, process(600, high, 2200, "hog"), process(700, minusTwo, 300, "vim"));
        usedIs(t);
        assertEquals(List.of(600L), pids(choose(t, watcher(null))));
        assertEquals(Verdict.KILL, choose(t, watcher(null)).verdict());

        Table own = table(high, process(600, high, 2200, "hog"), process(700, ALICE, 300, "vim"));
        usedIs(own);
        Choice c = choose(own, user(high));
        assertEquals(Verdict.KILL, c.verdict());
        assertEquals(List.of(600L), pids(c));

        Table minus = table(990, process(700, minusTwo, 2200, "hog"), process(600, ALICE, 300, "vim"));
        usedIs(minus);
        assertEquals(Verdict.KILL, choose(minus, watcher(null)).verdict(), "4294967294 is a uid like any other");
    }

    @Test
    void aSmallJobUnderShmemIsNotKilledAndTheWarningSaysWhereTheMemoryIs() {
        // 4 GiB in /dev/shm; alice's 300 MiB process is the largest process, but far from the excess
        Table t = table(ALICE, process(600, ALICE, 300, "python3"), process(700, BOB, 200, "vim"));
        breakdown = new MemoryBreakdown(4 * GIB, 0);
        usedBytes = 4 * GIB + 500 * MIB;
        excess = 3 * GIB;

        Choice c = choose(t, user(ALICE));

        assertEquals(Verdict.WARN_TOO_SMALL, c.verdict());
        assertEquals(4 * GIB, c.picture().shmemBytes());
        assertEquals(List.of(600L), pids(c));
    }

    @Test
    void aJobOfHalfTheExcessOrATenthOfRamIsARealShare() {
        Table t = table(ALICE, process(600, ALICE, 1700, "python3"));
        usedIs(t);
        excess = 3 * GIB;
        assertEquals(Verdict.KILL, choose(t, user(ALICE)).verdict(), "1.66 GiB: a tenth of 16 GiB");

        Table half = table(ALICE, process(600, ALICE, 1536, "python3"));
        usedIs(half);
        assertEquals(Verdict.KILL, choose(half, user(ALICE)).verdict(), "1.5 GiB: half the excess");

        Table less = table(ALICE, process(600, ALICE, 1500, "python3"));
        usedIs(less);
        assertEquals(Verdict.WARN_TOO_SMALL, choose(less, user(ALICE)).verdict());
    }

    @Test
    void withOthersHiddenOnlyAJobHoldingTheWholeExcessIsKilled() {
        Table t = table(ALICE, process(600, ALICE, 600, "python3"));
        t.hidden = true;
        usedIs(t);
        excess = GIB;

        Choice small = choose(t, user(ALICE));
        assertEquals(Verdict.WARN_HIDDEN, small.verdict());
        assertTrue(small.picture().othersHidden());

        Table big = table(ALICE, process(600, ALICE, 1100, "python3"));
        big.hidden = true;
        usedIs(big);
        assertEquals(Verdict.KILL, choose(big, user(ALICE)).verdict());
    }

    @Test
    void memoryNoVisibleProcessHoldsCountsAsHiddenToo() {
        // no hidepid, but 3 GiB that no visible process, shmem nor the kernel accounts for
        Table t = table(ALICE, process(600, ALICE, 600, "python3"));
        usedBytes = 3 * GIB + 600 * MIB;
        excess = GIB;

        Choice c = choose(t, user(ALICE));

        assertEquals(Verdict.WARN_HIDDEN, c.verdict());
        assertEquals(3 * GIB, c.picture().unexplainedBytes());
    }

    @Test
    void myAvoidedJobGivesWayToMyOtherJobButAnotherUsersForgedNameNeverSteersTheKill() {
        Table t = table(ALICE, process(600, ALICE, 3000, "postgres"), process(601, ALICE, 2000, "python3"),
                process(700, BOB, 1000, "java"));
        usedIs(t);
        Choice mine = choose(t, user(ALICE, "^postgres$", null));
        assertEquals(Verdict.KILL, mine.verdict());
        assertEquals(List.of(601L), pids(mine));

        // bob renamed his hog after alice's avoided name: it still dominates, so alice's job lives
        Table forged = table(ALICE, process(700, BOB, 3000, "postgres"), process(601, ALICE, 2000, "python3"));
        usedIs(forged);
        Choice c = choose(forged, user(ALICE, "^postgres$", null));
        assertEquals(Verdict.WARN_OTHER_USER, c.verdict());
        assertEquals(List.of(700L), pids(c));
    }

    @Test
    void preferPicksTheOwnersMatchingJobOnlyWhenItCouldHelp() {
        Table t = table(ALICE, process(600, ALICE, 3000, "java"), process(601, ALICE, 1800, "python3"),
                process(602, ALICE, 100, "python3"));
        usedIs(t);
        Choice c = choose(t, user(ALICE, null, "^python"));
        assertEquals(List.of(601L), pids(c));
        assertEquals(Verdict.KILL, c.verdict());
        assertEquals(600, c.largest().orElseThrow().main().pid());

        Table tiny = table(ALICE, process(600, ALICE, 3000, "java"), process(602, ALICE, 100, "python3"));
        usedIs(tiny);
        excess = 4 * GIB;
        assertEquals(List.of(600L), pids(choose(tiny, user(ALICE, null, "^python"))), "100 MiB would not help");
    }

    @Test
    void infrastructureThatDominatesKillsNobody() {
        Table t = table(ALICE, member(600, ALICE, 4000, "tmux: server", 600, 600), process(601, ALICE, 1000, "python3"));
        t.executables.put(600L, system("/usr/bin/tmux"));
        usedIs(t);

        Choice c = choose(t, user(ALICE));

        assertEquals(Verdict.WARN_KEPT, c.verdict());
        assertEquals(List.of(600L), pids(c));
    }

    @Test
    void whenOnlyPressureMadeThePassActTheLargestJobIsKilledWhateverItsSize() {
        Table t = table(ALICE, process(600, ALICE, 100, "python3"));
        usedIs(t);
        excess = 0;

        assertEquals(Verdict.KILL, choose(t, user(ALICE)).verdict());
    }

    @Test
    void asRootWithKillAsRootAUsersForgedNameCannotSpareTheirHog() {
        JobChooser.Rules root = new JobChooser.Rules(0, true, OptionalLong.empty(),
                Optional.of(Pattern.compile("^sshd$")), Optional.empty());
        Table t = table(0, process(600, ALICE, 3000, "sshd"), process(700, BOB, 1000, "vim"));
        t.executables.put(600L, system("/usr/bin/python3.11")); // root reads every executable
        usedIs(t);

        Choice c = choose(t, root);

        assertEquals(Verdict.KILL, c.verdict());
        assertEquals(List.of(600L), pids(c), "avoid matches root's own processes only");
    }
}
