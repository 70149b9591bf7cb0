// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static io.memorydaemon.check.Fakes.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Fakes.MemoryLedger;
import io.memorydaemon.check.Fakes.RecordingSignaller;
import io.memorydaemon.check.Fakes.Table;
import io.memorydaemon.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CheckerTest {
    private static final long USER = 1000;
    private static final long OTHER = 1001;
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final RecordingSignaller signaller = new RecordingSignaller();
    /** The notices the passes wrote for mailing, in order. */
    private final List<Notice> notices = new ArrayList<>();
    private final MemoryLedger ledger = new MemoryLedger();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** 95% of 10 GiB used. */
    private MemoryStatus memory = new MemoryStatus(10L << 30, (10L << 30) / 20);

    private OptionalDouble pressure = OptionalDouble.empty();

    private Outcome run(Config config, Checker.Mode mode, Table table) throws Exception {
        Checker.Parts parts = new Checker.Parts(() -> memory, () -> pressure, () -> table, signaller, ledger,
                new NoticeWriter("testhost"), clock);
        Checker.Pass pass = new Checker(config, mode, parts).run();
        pass.notice().ifPresent(notices::add);
        assertEquals(Optional.empty(), pass.outcome().mail(), "a pass never mails: delivery comes after it");
        return pass.outcome();
    }

    private static Config config(int threshold) {
        return Fakes.config(threshold, Optional.empty(), Optional.empty(), false);
    }

    private static Table table(long uid, ProcessInfo... ps) {
        return new Table(uid, Set.of(1L, 500L), List.of(ps));
    }

    @Test
    void atOrUnderTheThresholdTheProcessTableIsNotRead() throws Exception {
        memory = new MemoryStatus(100, 10);
        Table table = table(USER, process(10, USER, 900, "big"));

        Outcome o = run(config(90), Checker.Mode.REAL, table);

        assertEquals(Action.OK, o.action());
        assertEquals(0, table.snapshots);
        assertEquals(List.of(), signaller.signalled);
        assertEquals(List.of(), notices);
    }

    @Test
    void overTheThresholdTheUsersOwnLargestProcessIsTerminatedAndMailed() throws Exception {
        ProcessInfo big = process(10, USER, 900, "big");
        Outcome o = run(config(90), Checker.Mode.REAL, table(USER, process(9, USER, 100, "small"), big));

        assertEquals(Action.KILLED, o.action());
        assertEquals(List.of(big), signaller.signalled);
        assertEquals(List.of(Duration.ofSeconds(7)), signaller.graces);
        assertEquals(1, notices.size());
        assertEquals(Notice.Kind.KILL, notices.get(0).kind());
        assertEquals("[Process Termination Notification] /usr/bin/big", notices.get(0).subject());
        assertEquals(2, o.top().size());
    }

    @Test
    void eachSignallerResultHasItsAction() throws Exception {
        Signaller.Result[] results = {Signaller.Result.KILLED, Signaller.Result.GONE,
            Signaller.Result.REFUSED_OTHER_USER, Signaller.Result.REFUSED_PID_REUSED, Signaller.Result.FAILED};
        Action[] actions = {Action.KILLED_SIGKILL, Action.GONE, Action.KILL_REFUSED, Action.KILL_REFUSED,
            Action.KILL_FAILED};
        for (int i = 0; i < results.length; i++) {
            signaller.result = results[i];
            assertEquals(actions[i], run(config(90), Checker.Mode.REAL, table(USER, process(10, USER, 900, "big")))
                    .action());
        }
    }

    @Test
    void anotherUsersProcessIsWarnedAboutNeverSignalled() throws Exception {
        ProcessInfo theirs = process(10, OTHER, 900, "theirs");
        Outcome o = run(config(90), Checker.Mode.REAL, table(USER, theirs, process(11, USER, 100, "mine")));

        assertEquals(Action.WARNED, o.action());
        assertEquals(theirs, o.process().orElseThrow().process());
        assertEquals(List.of(), signaller.signalled);
        assertEquals(Notice.Kind.WARNING, notices.get(0).kind());
        assertEquals("[RAM Threshold Notification] /usr/bin/theirs", notices.get(0).subject());
        assertTrue(notices.get(0).body().contains("user 'user1001'"), notices.get(0).body());
        assertTrue(ledger.warned.containsKey(10L));
    }

    @Test
    void aRepeatedWarningWithinWarnIntervalIsSuppressed() throws Exception {
        Table table = table(USER, process(10, OTHER, 900, "theirs"));
        assertEquals(Action.WARNED, run(config(90), Checker.Mode.REAL, table).action());

        clock = Clock.fixed(NOW.plus(Duration.ofMinutes(59)), ZoneOffset.UTC);
        Outcome again = run(config(90), Checker.Mode.REAL, table);
        assertEquals(Action.WARN_SUPPRESSED, again.action());
        assertEquals(Optional.empty(), again.mail());
        assertEquals(1, notices.size());

        clock = Clock.fixed(NOW.plus(Duration.ofMinutes(60)), ZoneOffset.UTC);
        assertEquals(Action.WARNED, run(config(90), Checker.Mode.REAL, table).action());
        assertEquals(2, notices.size());
    }

    @Test
    void theWarningIsRecordedWhenDecidedWhateverItsMailDoesLater() throws Exception {
        Outcome o = run(config(90), Checker.Mode.REAL, table(USER, process(10, OTHER, 900, "theirs")));

        assertEquals(Action.WARNED, o.action());
        assertEquals(Set.of(10L), ledger.warned.keySet(), "recorded before any mail server is asked");
        assertEquals(1, notices.size());
    }

    @Test
    void pressureOverItsThresholdTriggersThePassWithRamUnderTheThreshold() throws Exception {
        memory = new MemoryStatus(100, 50);
        Config psi = new Config(Path.of("md.conf"), 90, Optional.empty(), 7, Optional.empty(), Optional.empty(), 60,
                Path.of("tmp.log"), false, Optional.of(40.0), List.of());
        Table table = table(USER, process(10, USER, 900, "big"));

        pressure = OptionalDouble.of(39.9);
        assertEquals(Action.OK, run(psi, Checker.Mode.REAL, table).action());
        assertEquals(0, table.snapshots);

        pressure = OptionalDouble.of(40.0);
        assertEquals(Action.KILLED, run(psi, Checker.Mode.REAL, table).action());
        assertEquals(1, signaller.signalled.size());
    }

    @Test
    void asRootNothingIsKilledUnlessKillAsRootIsSet() throws Exception {
        ProcessInfo rootOwn = process(10, 0, 900, "rootjob");
        Outcome warned = run(config(90), Checker.Mode.REAL, table(0, rootOwn));

        assertEquals(Action.WARNED, warned.action());
        assertEquals(List.of(), signaller.signalled);

        Config allowed = Fakes.config(90, Optional.empty(), Optional.empty(), true);
        assertEquals(Action.KILLED, run(allowed, Checker.Mode.REAL, table(0, process(11, OTHER, 900, "u"))).action());
        assertEquals(11L, signaller.signalled.get(0).pid());
    }

    @Test
    void theCheckerAndItsAncestorsAreNeverChosenAndWhenTheyAreTheLargestNobodyIsKilled() throws Exception {
        ProcessInfo ancestor = process(500, USER, 5000, "sshd");
        ProcessInfo other = process(20, USER, 4000, "vim");

        Outcome o = run(config(90), Checker.Mode.REAL, table(USER, ancestor, process(1, 0, 90, "init"), other));

        assertEquals(List.of(), signaller.signalled, "the largest consumer is protected: nobody else pays");
        assertEquals(Action.WARNED, o.action());
        assertTrue(o.logFields().contains(" reason=kept "), o.logFields());

        Outcome smaller = run(config(90), Checker.Mode.REAL, table(USER, process(500, USER, 50, "sshd"),
                process(1, 0, 90, "init"), other));
        assertEquals(Action.KILLED, smaller.action());
        assertEquals(List.of(other), signaller.signalled);
    }

    @Test
    void aPoolIsKilledAsOneJobAndTheNoticeListsItsProcessesAndTheirTotal() throws Exception {
        ProcessInfo master = Fakes.member(600, USER, 100, "python3", 600, 500);
        List<ProcessInfo> workers = List.of(Fakes.member(601, USER, 700, "python3", 600, 500),
                Fakes.member(602, USER, 700, "python3", 600, 500), Fakes.member(603, USER, 700, "python3", 600, 500));
        List<ProcessInfo> all = new ArrayList<>(workers);
        all.add(master);
        all.add(process(700, OTHER, 1500, "java"));
        all.add(Fakes.member(500, USER, 5, "-bash", 500, 500));

        Outcome o = run(config(90), Checker.Mode.REAL, new Table(USER, Set.of(1L), all));

        assertEquals(Action.KILLED, o.action());
        Job job = signaller.jobs.get(0);
        assertEquals(Job.Kind.PGROUP, job.kind());
        assertEquals(Set.of(600L, 601L, 602L, 603L), job.members().stream().map(ProcessInfo::pid)
                .collect(java.util.stream.Collectors.toSet()), "the pool whole, and not the shell that started it");
        assertEquals(600, o.process().orElseThrow().pid());
        assertTrue(o.logFields().contains(" job=pgroup:600 procs=4 mem=2.1GiB "), o.logFields());
        String body = notices.get(0).body();
        assertTrue(body.contains("Your job below (4 processes, 2.1 GiB in all) was sent SIGTERM and exited."), body);
        assertTrue(body.contains("process group 600, 4 processes"), body);
        for (long pid : List.of(600L, 601L, 602L, 603L)) {
            assertTrue(body.lines().anyMatch(l -> l.matches("\\s+" + pid + "\\s+user1000\\s.*")), pid + " in:\n" + body);
        }
    }

    @Test
    void overTheThresholdBecauseOfSharedMemoryTheUsersSmallProcessLivesAndTheWarningSaysWhy() throws Exception {
        memory = new MemoryStatus(10L << 30, 5L << 30); // 50% used, threshold 40: 1 GiB over
        Table t = table(USER, process(10, USER, 100, "python3"));
        Checker.Parts parts = new Checker.Parts(new MemoryGauge() {
            @Override
            public MemoryStatus read() {
                return memory;
            }

            @Override
            public MemoryBreakdown breakdown() {
                return new MemoryBreakdown(4L << 30, 1L << 30);
            }
        }, () -> pressure, () -> t, signaller, ledger, new NoticeWriter("testhost"), clock);

        Checker.Pass pass = new Checker(config(40), Checker.Mode.REAL, parts).run();

        assertEquals(Action.WARNED, pass.outcome().action());
        assertEquals(List.of(), signaller.signalled);
        assertTrue(pass.outcome().logFields().contains(" reason=too-small "), pass.outcome().logFields());
        assertTrue(pass.outcome().logFields().contains(" shmem=4.0GiB "), pass.outcome().logFields());
        String body = pass.notice().orElseThrow().body();
        assertTrue(body.contains("shared memory (tmpfs, /dev/shm) holds 4.0 GiB"), body);
    }

    @Test
    void theSystemWatcherWarnsTheAdminNotTheOwnerWhenRootsProcessDominates() throws Exception {
        Config withOwners = new Config(Path.of("md.conf"), 90, Optional.empty(), 7, Optional.empty(), Optional.empty(),
                60, Path.of("tmp.log"), false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.of("example.org"), true, List.of(), false, java.util.Map.of(), Optional.empty());
        Table t = table(990, process(10, 0, 6000, "mysqld"), process(20, USER, 600, "python3"));
        Checker.Parts parts = new Checker.Parts(() -> memory, () -> pressure, () -> t, signaller, ledger,
                new NoticeWriter("testhost"), clock);

        Checker.Pass pass = Checker.system(withOwners, Checker.Mode.REAL, parts, 1000).run();

        assertEquals(Action.WARNED, pass.outcome().action());
        assertEquals(List.of(), signaller.signalled, "user 1000's process is a bystander");
        assertTrue(pass.outcome().logFields().contains(" reason=system pid=10 user=root "), pass.outcome().logFields());
        assertEquals(List.of(), pass.notice().orElseThrow().alsoTo(), "root's process: only the admin is told");
    }

    @Test
    void aDryRunsAndTheTestsDecisionLinesSaySo() throws Exception {
        Outcome dry = run(config(90), Checker.Mode.DRY_RUN, table(USER, process(10, USER, 900, "big")));
        Outcome test = run(config(90).withThreshold(0), Checker.Mode.TEST, table(USER, process(10, USER, 900, "big")));

        assertTrue(dry.logFields().contains(" action=would-kill dry_run=yes pid=10 "), dry.logFields());
        assertTrue(test.logFields().contains(" action=would-kill test=yes pid=10 "), test.logFields());
    }

    @Test
    void whenEverythingIsAvoidedThereIsNoCandidate() throws Exception {
        Config avoidAll = Fakes.config(90, Optional.of(Pattern.compile(".")), Optional.empty(), false);

        Outcome o = run(avoidAll, Checker.Mode.REAL, table(USER, process(10, USER, 900, "big")));

        assertEquals(Action.NO_CANDIDATE, o.action());
        assertEquals(List.of(), signaller.signalled);
        assertEquals(List.of(), notices);
    }

    @Test
    void preferChoosesTheMatchingProcess() throws Exception {
        Config prefer = Fakes.config(90, Optional.empty(), Optional.of(Pattern.compile("^py")), false);
        ProcessInfo python = process(11, USER, 600, "python3");

        run(prefer, Checker.Mode.REAL, table(USER, process(10, USER, 900, "big"), python));

        assertEquals(List.of(python), signaller.signalled);
    }

    @Test
    void aDryRunSignalsAndMailsNothing() throws Exception {
        Outcome own = run(config(90), Checker.Mode.DRY_RUN, table(USER, process(10, USER, 900, "big")));
        Outcome theirs = run(config(90), Checker.Mode.DRY_RUN, table(USER, process(10, OTHER, 900, "big")));

        assertEquals(Action.WOULD_KILL, own.action());
        assertEquals(Action.WOULD_WARN, theirs.action());
        assertEquals(List.of(), signaller.signalled);
        assertEquals(List.of(), notices);
        assertTrue(ledger.warned.isEmpty());
    }

    @Test
    void theDummyTestMailsATestNoticeAndSignalsNothing() throws Exception {
        Outcome o = run(config(90).withThreshold(0), Checker.Mode.TEST, table(USER, process(10, USER, 900, "big")));

        assertEquals(Action.WOULD_KILL, o.action());
        assertEquals(List.of(), signaller.signalled);
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).subject().endsWith("(test, nothing was killed)"), notices.get(0).subject());
        assertTrue(notices.get(0).body().startsWith("THIS IS A TEST"), notices.get(0).body());
    }

    @Test
    void theVictimIsSignalledBeforeTheTopProcessesAreDescribedForTheReport() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        signaller.events = events;
        Table t = new Table(USER, Set.of(1L), List.of(process(9, USER, 100, "small"), process(10, USER, 900, "big"),
                process(11, OTHER, 50, "other")), events);

        Outcome o = run(config(90), Checker.Mode.REAL, t);

        assertEquals(List.of("describe 10", "signal 10", "report 9", "report 11"), events);
        ProcessDetails victim = o.process().orElseThrow();
        assertEquals(10, victim.pid());
        assertEquals("user1000", victim.user());
        assertEquals("/usr/bin/big --big", victim.command());
        assertEquals(900 * Fakes.MIB, victim.rssBytes());
        assertEquals(List.of(10L, 9L, 11L), o.top().stream().map(ProcessDetails::pid).toList());
        assertEquals(victim, o.top().get(0));
        assertTrue(o.logFields().contains(" pid=10 user=user1000 rss=900.0MiB cmd=\"/usr/bin/big --big\""), o.logFields());
        assertTrue(notices.get(0).body().contains("User:    user1000"), notices.get(0).body());
    }

    @Test
    void aUserOnlyASlowLookupNamesIsNamedAfterTheSignal() throws Exception {
        List<String> events = new java.util.ArrayList<>();
        signaller.events = events;
        Table t = new Table(USER, Set.of(1L), List.of(process(10, USER, 900, "big")), events);
        t.slowNames.put(USER, "ldapuser");

        Outcome o = run(config(90), Checker.Mode.REAL, t);

        assertEquals(List.of("describe 10", "signal 10", "name 1000"), events);
        assertEquals("ldapuser", o.process().orElseThrow().user());
        assertEquals("ldapuser", o.top().get(0).user());
        assertTrue(notices.get(0).body().contains("User:    ldapuser"), notices.get(0).body());
    }

    @Test
    void aDecimalThresholdActsOnlyAboveIt() throws Exception {
        memory = new MemoryStatus(1000L << 20, 95L << 20); // 90.5% used
        assertEquals(Action.OK, run(Fakes.config(90.5, Optional.empty(), Optional.empty(), false), Checker.Mode.REAL,
                table(USER, process(10, USER, 900, "big"))).action());

        memory = new MemoryStatus(1000L << 20, 94L << 20); // 90.6% used
        Outcome o = run(Fakes.config(90.5, Optional.empty(), Optional.empty(), false), Checker.Mode.REAL,
                table(USER, process(10, USER, 900, "big")));

        assertEquals(Action.KILLED, o.action());
        assertTrue(o.logFields().contains(" threshold=90.5% "), o.logFields());
    }
}
