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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** warn_threshold: one early warning naming the job a kill would take, on a fake clock and built tables. */
class EarlyWarningTest {
    private static final long USER = 1000;
    private static final long OTHER = 1001;
    private static final long GIB = 1L << 30;
    private static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");

    private final RecordingSignaller signaller = new RecordingSignaller();
    private final MemoryLedger ledger = new MemoryLedger();
    private final List<Notice> notices = new ArrayList<>();
    private final List<MemoryHistory.Reading> kept = new ArrayList<>();
    private Instant now = T0;
    /** 10 GiB of RAM. */
    private MemoryStatus memory;

    private final HistoryStore history = new HistoryStore() {
        @Override
        public List<MemoryHistory.Reading> load() {
            return List.copyOf(kept);
        }

        @Override
        public void save(List<MemoryHistory.Reading> readings) {
            kept.clear();
            kept.addAll(readings);
        }
    };

    private static Config config(int threshold, Double warn) {
        return new Config(Path.of("md.conf"), threshold, Optional.empty(), 5, Optional.empty(), Optional.empty(), 60,
                Path.of("tmp.log"), false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, List.of(), false, Map.of(), Optional.ofNullable(warn));
    }

    private void used(double percent) {
        memory = new MemoryStatus(10 * GIB, (long) (10 * GIB * (100 - percent) / 100));
    }

    private Outcome check(Config config, Table table) throws Exception {
        Checker.Parts parts = new Checker.Parts(() -> memory, OptionalDouble::empty, () -> table, signaller, ledger,
                new NoticeWriter("testhost"), Clock.fixed(now, ZoneOffset.UTC), history);
        Checker.Pass pass = new Checker(config, Checker.Mode.REAL, parts).run();
        pass.notice().ifPresent(notices::add);
        return pass.outcome();
    }

    private static Table mine() {
        return new Table(USER, Set.of(1L), List.of(process(10, USER, 6000, "python3"), process(11, OTHER, 500, "vim")));
    }

    @Test
    void betweenTheThresholdsTheUsersJobIsNamedOnceAndNothingIsKilled() throws Exception {
        Config c = config(90, 80.0);
        used(82);

        Outcome first = check(c, mine());
        now = now.plusSeconds(60);
        Outcome second = check(c, mine());

        assertEquals(Action.WARNED_EARLY, first.action());
        assertEquals(Action.EARLY_SUPPRESSED, second.action());
        assertEquals(List.of(), signaller.signalled, "nothing is killed below the threshold");
        assertEquals(1, notices.size());
        Notice n = notices.get(0);
        assertEquals(Notice.Kind.EARLY, n.kind());
        assertEquals("[RAM Early Warning] /usr/bin/python3", n.subject());
        assertTrue(n.body().contains("over your early-warning threshold of 80%, under your threshold of 90%"), n.body());
        assertTrue(n.body().contains("If it reaches 90%, memory-daemon will terminate your process below"), n.body());
        assertTrue(first.logFields().contains(" action=warned-early pid=10 ") && first.logFields()
                .contains(" warn_threshold=80% "), first.logFields());
    }

    @Test
    void fallingBelowRearmsItAndTheNextRiseWarnsAgain() throws Exception {
        Config c = config(90, 80.0);
        used(82);
        check(c, mine());
        used(70);
        now = now.plusSeconds(60);
        assertEquals(Action.OK, check(c, mine()).action());
        used(85);
        now = now.plusSeconds(60);

        assertEquals(Action.WARNED_EARLY, check(c, mine()).action());
        assertEquals(2, notices.size());
        assertEquals(1, ledger.rearms);
    }

    @Test
    void aCheckJustBelowWarnThresholdKeepsTheWarningOfTheRise() throws Exception {
        Config c = config(90, 80.0);
        used(80.5);
        check(c, mine());
        used(79.5);
        now = now.plusSeconds(300);
        check(c, mine());
        used(80.5);
        now = now.plusSeconds(300);

        assertEquals(Action.EARLY_SUPPRESSED, check(c, mine()).action(), "used RAM hovered: one rise, one mail");
        assertEquals(1, notices.size());
        assertEquals(0, ledger.rearms);
        assertTrue(notices.get(0).body().contains("You get this warning once, until used RAM falls below 79% again."),
                notices.get(0).body());
    }

    @Test
    void warnIntervalLetsTheSameRiseWarnAgain() throws Exception {
        Config c = config(90, 80.0);
        used(82);
        check(c, mine());
        now = now.plus(Duration.ofMinutes(61));

        assertEquals(Action.WARNED_EARLY, check(c, mine()).action());
    }

    @Test
    void theEstimateComesFromTheReadingsKeptBetweenRuns() throws Exception {
        Config c = config(90, 80.0);
        for (int minute = 0; minute <= 4; minute++) {
            used(70 + minute);
            now = T0.plus(Duration.ofMinutes(minute));
            check(c, mine());
        }
        // 1% of 10 GiB a minute; at 80% now: 90% in 10 minutes
        used(80);
        now = T0.plus(Duration.ofMinutes(10));
        Outcome o = check(c, mine());

        assertEquals(Action.WARNED_EARLY, o.action());
        String body = notices.get(0).body();
        assertTrue(body.contains("At the rate it grows now (102.4 MiB a minute), used RAM reaches 90% in about 10"
                + " minutes, around 2026-12-03 14:20:00 Z."), body);
        assertTrue(o.logFields().contains(" threshold_in=600s"), o.logFields());
    }

    @Test
    void overTheThresholdItIsAKillNotAnEarlyWarning() throws Exception {
        used(95);

        Outcome o = check(config(90, 80.0), mine());

        assertEquals(Action.KILLED, o.action());
        assertEquals(Notice.Kind.KILL, notices.get(0).kind());
    }

    @Test
    void anotherUsersJobDominatingIsNoEarlyWarningOfYours() throws Exception {
        used(82);
        Table theirs = new Table(USER, Set.of(1L), List.of(process(10, USER, 500, "python3"),
                process(11, OTHER, 6000, "java")));

        assertEquals(Action.OK, check(config(90, 80.0), theirs).action());
        assertEquals(List.of(), notices);
    }

    @Test
    void withoutWarnThresholdNothingChangesAndNoHistoryIsKept() throws Exception {
        used(82);
        Table t = mine();

        assertEquals(Action.OK, check(config(90, null), t).action());
        assertEquals(0, t.snapshots, "the process table is not even read");
        assertEquals(List.of(), kept);
    }
}
