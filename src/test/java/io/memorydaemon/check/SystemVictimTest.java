// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static io.memorydaemon.check.Fakes.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Fakes.MemoryLedger;
import io.memorydaemon.check.Fakes.RecordingSignaller;
import io.memorydaemon.check.Fakes.Table;
import io.memorydaemon.check.KillRule.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The system watcher's rule ({@code watch --system}): ordinary users' processes only, the largest first. */
class SystemVictimTest {
    private static final int MIN_UID = 1000;
    /** The watcher's own service user: a system user. */
    private static final int SERVICE = 990;

    private static VictimSelector selector(Set<Long> protectedPids, String avoid) {
        return VictimSelector.system(protectedPids, MIN_UID, Optional.ofNullable(avoid).map(Pattern::compile),
                Optional.empty());
    }

    @Test
    void anOrdinaryUsersProcessMayBeKilledRootsAndSystemUsersNever() {
        assertTrue(KillRule.ordinaryUser(1000, MIN_UID));
        assertTrue(KillRule.ordinaryUser(60000, MIN_UID));
        assertFalse(KillRule.ordinaryUser(999, MIN_UID), "a system user");
        assertFalse(KillRule.ordinaryUser(0, MIN_UID), "root");
        assertFalse(KillRule.ordinaryUser(0, 0), "root, even with min_uid 0");
        assertTrue(KillRule.ordinaryUser(500, 500), "min_uid lowers the bound (older distributions: 500)");
        assertFalse(KillRule.ordinaryUser(65534, MIN_UID), "nobody, as daemons run");
        assertTrue(KillRule.ordinaryUser(1_500_000, MIN_UID), "a directory (LDAP, AD) user above UID_MAX");
        assertEquals(Verdict.KILL, KillRule.systemVerdict(1001, MIN_UID));
        assertEquals(Verdict.WARN_OTHER_USER, KillRule.systemVerdict(0, MIN_UID));
    }

    @Test
    void aLargerRootProcessIsNotACandidateTheLargestUserProcessIs() {
        List<ProcessInfo> ps = List.of(process(10, 0, 9000, "mysqld"), process(11, 1001, 300, "python"),
                process(12, 1002, 200, "R"));

        assertEquals(Optional.of(ps.get(1)), selector(Set.of(), null).choose(ps));
    }

    @Test
    void systemUsersBelowMinUidAreNotCandidates() {
        List<ProcessInfo> ps = List.of(process(10, 999, 9000, "postgres"), process(11, 100, 8000, "systemd-resolve"),
                process(12, 1000, 10, "vim"));

        assertEquals(Optional.of(ps.get(2)), selector(Set.of(), null).choose(ps));
        assertEquals(Optional.of(ps.get(0)), VictimSelector.system(Set.of(), 999, Optional.empty(), Optional.empty())
                .choose(ps), "min_uid 999 makes uid 999 an ordinary user");
    }

    @Test
    void neverItselfOrItsAncestorsNorAvoidMatches() {
        List<ProcessInfo> ps = List.of(process(100, 1000, 900, "java"), process(200, 1000, 800, "sshd"),
                process(300, 1001, 700, "firefox"), process(400, 1002, 10, "vim"));

        assertEquals(Optional.of(ps.get(2)), selector(Set.of(1L, 100L), "^sshd$").choose(ps));
        assertEquals(Optional.of(ps.get(3)), selector(Set.of(1L, 100L), "^(sshd|firefox)$").choose(ps));
    }

    @Test
    void onlyRootAndSystemProcessesLeaveNoCandidate() {
        List<ProcessInfo> ps = List.of(process(10, 0, 9000, "mysqld"), process(11, SERVICE, 50, "java"));

        assertEquals(Optional.empty(), selector(Set.of(), null).choose(ps));
    }

    @Test
    void thePassKillsTheUsersHogAndNeverSignalsRootsLargerOne() throws Exception {
        RecordingSignaller signaller = new RecordingSignaller();
        // the watcher runs as its service user, not as the hog's owner: it still kills it
        Table table = new Table(SERVICE, Set.of(1L, 500L), List.of(process(10, 0, 9000, "mysqld"),
                process(500, SERVICE, 60, "java"), process(11, 1001, 3000, "python")));
        Checker.Parts parts = new Checker.Parts(() -> new MemoryStatus(10L << 30, (10L << 30) / 20),
                java.util.OptionalDouble::empty, () -> table, signaller, new MemoryLedger(),
                new NoticeWriter("testhost"), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

        Checker.Pass pass = Checker.system(Fakes.config(90, Optional.empty(), Optional.empty(), false),
                Checker.Mode.REAL, parts, MIN_UID).run();

        assertEquals(Action.KILLED, pass.outcome().action());
        assertEquals(List.of(11L), signaller.signalled.stream().map(ProcessInfo::pid).toList());
        assertTrue(pass.notice().isPresent());
    }

    @Test
    void withOnlyRootOverTheThresholdThePassSignalsNothing() throws Exception {
        RecordingSignaller signaller = new RecordingSignaller();
        Table table = new Table(SERVICE, Set.of(1L), List.of(process(10, 0, 9000, "mysqld")));
        Checker.Parts parts = new Checker.Parts(() -> new MemoryStatus(10L << 30, (10L << 30) / 20),
                java.util.OptionalDouble::empty, () -> table, signaller, new MemoryLedger(),
                new NoticeWriter("testhost"), Clock.systemUTC());

        Checker.Pass pass = Checker.system(Fakes.config(90, Optional.empty(), Optional.empty(), true),
                Checker.Mode.REAL, parts, MIN_UID).run();

        assertEquals(Action.NO_CANDIDATE, pass.outcome().action(), "kill_as_root means nothing to the system watcher");
        assertTrue(signaller.signalled.isEmpty());
    }

    @Test
    void withOwnerDomainTheOwnerOfAKilledProcessIsMailedToo() throws Exception {
        RecordingSignaller signaller = new RecordingSignaller();
        Table table = new Table(SERVICE, Set.of(1L), List.of(process(11, 1001, 3000, "python")));
        Checker.Parts parts = new Checker.Parts(() -> new MemoryStatus(10L << 30, (10L << 30) / 20),
                java.util.OptionalDouble::empty, () -> table, signaller, new MemoryLedger(),
                new NoticeWriter("testhost"), Clock.systemUTC());
        io.memorydaemon.config.Config base = Fakes.config(90, Optional.empty(), Optional.empty(), false);
        io.memorydaemon.config.Config config = new io.memorydaemon.config.Config(base.file(), 90, base.mail(), 7,
                base.avoid(), base.prefer(), 60, base.logFile(), false, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.of("example.org"));

        Checker.Pass pass = Checker.system(config, Checker.Mode.REAL, parts, MIN_UID).run();

        assertEquals(List.of("user1001@example.org"), pass.notice().orElseThrow().alsoTo());
        assertEquals(List.of(), Checker.system(base, Checker.Mode.REAL, parts, MIN_UID).run().notice().orElseThrow()
                .alsoTo(), "no owner_domain: the admin only");
    }

    @Test
    void onlyAPlainLoginNameMakesAnOwnerAddress() {
        assertEquals(Optional.of("alice@example.org"), Checker.ownerAddress("alice", "example.org"));
        assertEquals(Optional.of("j.doe-2@example.org"), Checker.ownerAddress("j.doe-2", "example.org"));
        assertEquals(Optional.empty(), Checker.ownerAddress("1001", "example.org"), "a uid no name was found for");
        assertEquals(Optional.empty(), Checker.ownerAddress("a@b", "example.org"));
        assertEquals(Optional.empty(), Checker.ownerAddress("x\nBcc: y", "example.org"));
    }
}
