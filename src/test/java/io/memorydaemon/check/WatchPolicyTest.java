// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The watcher's decisions, driven by built readings and a fake clock (milliseconds the test moves). */
class WatchPolicyTest {
    private static final long GIB = 1L << 30;
    private static final long TOTAL = 10 * GIB;
    private static final OptionalDouble NO_PSI = OptionalDouble.empty();

    private long now = 1_000_000;
    private final WatchPolicy policy = new WatchPolicy(new Trigger(90, Optional.empty()), 1_000);

    private static MemoryStatus used(double percent) {
        return new MemoryStatus(TOTAL, TOTAL - (long) (TOTAL * percent / 100));
    }

    @Test
    void farBelowItSleepsTheWholeIntervalAndNearItSleepsLessAndWarmsUpOnce() {
        WatchPolicy.Step far = policy.next(used(10), NO_PSI, now);
        assertEquals(new WatchPolicy.Step(WatchPolicy.Kind.SLEEP, 1_000, false), far);

        WatchPolicy.Step near = policy.next(used(89.9), NO_PSI, now);
        assertEquals(WatchPolicy.Kind.SLEEP, near.kind());
        assertEquals(100, near.sleepMillis(), "10 MiB of headroom fills in under the minimum sleep");
        assertTrue(near.warmUp());
        assertFalse(policy.next(used(89.9), NO_PSI, now).warmUp(), "only once");
    }

    @Test
    void overTheThresholdItActsAndAfterAKillItSettlesBeforeActingAgain() {
        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(95), NO_PSI, now).kind());

        WatchPolicy.Step after = policy.acted(Optional.of(Action.KILLED), used(95), now);
        assertEquals(new WatchPolicy.Step(WatchPolicy.Kind.SETTLE, 100, false), after);
        now += 100;
        // the victim's pages are being freed: available grew by 3% of the total since the pass
        assertEquals(WatchPolicy.Kind.SETTLE, policy.next(used(92), NO_PSI, now).kind());
        now += 100;
        // no longer growing: settled, and still over, so the next victim is taken
        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(92), NO_PSI, now).kind());
    }

    @Test
    void afterAKillWhosePagesHaveNotShownYetItWaitsASecondBeforeDecidingAgain() {
        policy.acted(Optional.of(Action.KILLED), used(95), now);
        for (long t = 100; t < WatchPolicy.SETTLE_UNSEEN_MILLIS; t += 100) {
            assertEquals(WatchPolicy.Kind.SETTLE, policy.next(used(95), NO_PSI, now + t).kind(),
                    "no second victim while the first one's pages are not back yet, at " + t);
        }
        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(95), NO_PSI, now + WatchPolicy.SETTLE_UNSEEN_MILLIS)
                .kind(), "a kill that freed nothing: the next decision after a second");
    }

    @Test
    void pagesThatShowLateAreWaitedForAndThenNothingMoreIsDone() {
        policy.acted(Optional.of(Action.KILLED), used(95), now);
        assertEquals(WatchPolicy.Kind.SETTLE, policy.next(used(95), NO_PSI, now + 100).kind());
        assertEquals(WatchPolicy.Kind.SETTLE, policy.next(used(80), NO_PSI, now + 600).kind(), "freed at last");
        assertEquals(WatchPolicy.Kind.SLEEP, policy.next(used(80), NO_PSI, now + 700).kind());
    }

    @Test
    void settlingEndsAtItsLongestWaitEvenWhileMemoryKeepsFreeing() {
        policy.acted(Optional.of(Action.KILLED_SIGKILL), used(99), now);
        double percent = 99;
        for (long t = 100; t < WatchPolicy.SETTLE_MAX_MILLIS; t += 100) {
            percent -= 0.6;
            assertEquals(WatchPolicy.Kind.SETTLE, policy.next(used(percent), NO_PSI, now + t).kind(), "at " + t);
        }
        assertEquals(WatchPolicy.Kind.SLEEP, policy.next(used(percent - 0.6), NO_PSI,
                now + WatchPolicy.SETTLE_MAX_MILLIS).kind(), "under the threshold again: back to sleeping");
    }

    @Test
    void afterAPassThatKilledNothingItPausesUnlessUsedRamGrowsByMoreThanOnePercent() {
        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(95), NO_PSI, now).kind());
        assertEquals(WatchPolicy.Kind.SLEEP, policy.acted(Optional.of(Action.WARNED), used(95), now).kind());

        now += 5_000;
        assertEquals(new WatchPolicy.Step(WatchPolicy.Kind.SLEEP, 100, false), policy.next(used(95.9), NO_PSI, now));
        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(96.1), NO_PSI, now).kind(), "a new job is growing");
    }

    @Test
    void thePauseEndsAfterTenSeconds() {
        policy.acted(Optional.of(Action.NO_CANDIDATE), used(95), now);

        assertEquals(WatchPolicy.Kind.SLEEP, policy.next(used(95), NO_PSI, now + 9_999).kind());
        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(95), NO_PSI, now + 10_000).kind());
    }

    @Test
    void aPassThatFailedBeforeDecidingCountsAsKillingNothing() {
        assertEquals(WatchPolicy.Kind.SLEEP, policy.acted(Optional.empty(), used(95), now).kind());
        assertEquals(WatchPolicy.Kind.SLEEP, policy.next(used(95), NO_PSI, now + 1).kind());
    }

    @Test
    void pressureTriggersUnderTheRamThresholdOnlyWhenPsiIsSet() {
        WatchPolicy psi = new WatchPolicy(new Trigger(90, Optional.of(40.0)), 1_000);

        assertEquals(WatchPolicy.Kind.SLEEP, psi.next(used(50), OptionalDouble.of(39.9), now).kind());
        assertEquals(WatchPolicy.Kind.ACT, psi.next(used(50), OptionalDouble.of(40), now).kind());
        assertEquals(WatchPolicy.Kind.SLEEP, psi.next(used(50), NO_PSI, now).kind(), "no PSI on this kernel");
        assertEquals(WatchPolicy.Kind.SLEEP, policy.next(used(50), OptionalDouble.of(99), now).kind(),
                "without psi in md.conf pressure is ignored");
    }

    @Test
    void aReloadEndsThePauseAndAppliesTheNewThreshold() {
        policy.acted(Optional.of(Action.WARNED), used(85), now);
        policy.reloaded(new Trigger(80, Optional.empty()), now + 1);

        assertEquals(WatchPolicy.Kind.ACT, policy.next(used(85), NO_PSI, now + 1).kind());
    }

    @Test
    void betweenTheThresholdsAnEarlyPassRunsOnceARiseAndFallingBelowRearmsIt() {
        WatchPolicy warns = new WatchPolicy(new Trigger(90, Optional.empty(), Optional.of(80.0)), 1_000);

        assertTrue(warns.takeRearm() == false && warns.next(used(70), NO_PSI, now).kind() == WatchPolicy.Kind.SLEEP);
        assertTrue(warns.takeRearm(), "a watcher started under warn_threshold re-arms an earlier run's warning");
        assertEquals(WatchPolicy.Kind.EARLY, warns.next(used(82), NO_PSI, now).kind());
        warns.warnedEarly();
        for (int i = 1; i <= 30; i++) {
            assertEquals(WatchPolicy.Kind.SLEEP, warns.next(used(84), NO_PSI, now + i * 1_000L).kind(),
                    "warned: no other early pass in this rise");
        }
        assertEquals(WatchPolicy.Kind.ACT, warns.next(used(91), NO_PSI, now + 31_000).kind(), "over: the kill");
        assertEquals(WatchPolicy.Kind.SLEEP, warns.next(used(60), NO_PSI, now + 40_000).kind());
        assertTrue(warns.takeRearm());
        assertFalse(warns.takeRearm(), "once");
        assertEquals(WatchPolicy.Kind.EARLY, warns.next(used(81), NO_PSI, now + 41_000).kind(), "the next rise");
    }

    @Test
    void anEarlyPassThatWarnedNobodyIsRepeatedEveryTenSeconds() {
        WatchPolicy warns = new WatchPolicy(new Trigger(90, Optional.empty(), Optional.of(80.0)), 1_000);

        assertEquals(WatchPolicy.Kind.EARLY, warns.next(used(82), NO_PSI, now).kind());
        assertEquals(WatchPolicy.Kind.SLEEP, warns.next(used(82), NO_PSI, now + 9_999).kind());
        assertEquals(WatchPolicy.Kind.EARLY, warns.next(used(82), NO_PSI, now + 10_000).kind());
    }

    @Test
    void usedRamHoveringAroundWarnThresholdWarnsOnceAndAPointBelowRearmsIt() {
        WatchPolicy warns = new WatchPolicy(new Trigger(90, Optional.empty(), Optional.of(80.0)), 1_000);
        warns.next(used(70), NO_PSI, now);
        warns.takeRearm();
        assertEquals(WatchPolicy.Kind.EARLY, warns.next(used(80.2), NO_PSI, now).kind());
        warns.warnedEarly();

        for (int i = 1; i <= 20; i++) {
            double hover = i % 2 == 0 ? 80.3 : 79.4;
            assertEquals(WatchPolicy.Kind.SLEEP, warns.next(used(hover), NO_PSI, now + i * 1_000L).kind(),
                    "hovering around 80% is one rise: " + hover);
            assertFalse(warns.takeRearm(), "not re-armed at " + hover);
        }
        warns.next(used(78.9), NO_PSI, now + 21_000);
        assertTrue(warns.takeRearm(), "a point below warn_threshold re-arms it");
        assertEquals(WatchPolicy.Kind.EARLY, warns.next(used(80.1), NO_PSI, now + 22_000).kind(), "the next rise");
    }

    @Test
    void theRearmPointIsAPointBelowWarnThresholdOrHalfOfASmallOne() {
        assertEquals(79.0, Trigger.rearmPercent(80), 1e-9);
        assertEquals(0.75, Trigger.rearmPercent(1.5), 1e-9);
    }
}
