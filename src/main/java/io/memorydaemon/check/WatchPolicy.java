// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The watcher's decision for each tick, pure: given a reading, a pressure value and the time, act now, sleep, or
 * let memory settle after a kill. The driver (app/WatchLoop) reads, sleeps and runs the pass; this class only
 * decides, so a fake clock and built readings test every path.
 */
public final class WatchPolicy {
    /**
     * After a pass that killed nothing (another user's process, nothing to choose, dry run): scan again this late,
     * or as soon as used RAM grew by more than 1% of the total since.
     */
    static final long REPEAT_AFTER_NO_KILL_MILLIS = 10_000;
    /** The longest wait for the kernel to free a victim's memory before acting again. */
    static final long SETTLE_MAX_MILLIS = 5_000;
    /** After a kill, how long to wait for the victim's pages to show as available before deciding again. */
    static final long SETTLE_UNSEEN_MILLIS = 1_000;

    /** What the driver does next; EARLY: between warn_threshold and threshold, the early warning's pass. */
    public enum Kind { ACT, SLEEP, SETTLE, EARLY }

    /**
     * @param sleepMillis how long to sleep before the next reading (0 for ACT)
     * @param warmUp      load and run the pass's code once before sleeping (see {@link #next})
     */
    public record Step(Kind kind, long sleepMillis, boolean warmUp) {
        static Step act() {
            return new Step(Kind.ACT, 0, false);
        }
    }

    private final long intervalMillis;
    private Trigger trigger;
    private long quietUntilMillis = Long.MIN_VALUE;
    /** The reading of the last pass that killed nothing, while its pause lasts. */
    private MemoryStatus quietSince;
    private boolean warmed;
    /** No early pass before this (after one, as after a pass that killed nothing). */
    private long earlyQuietUntilMillis = Long.MIN_VALUE;
    /** An early warning went out in this rise: cleared (and re-armed) when used RAM falls under
     * {@link Trigger#rearmPercent()}. */
    private boolean warnedEarly;
    /** A watcher's first reading under warn_threshold re-arms what an earlier run recorded too. */
    private boolean firstFall = true;
    private boolean rearm;
    private boolean settling;
    /** When the kill that started the settling was reported. */
    private long settleSinceMillis;
    private MemoryStatus settleLast;
    /** Available RAM grew since the kill: the victim's pages were seen coming back. */
    private boolean settleFreed;

    /** @param intervalMillis the longest sleep far below the threshold ({@code --interval}) */
    public WatchPolicy(Trigger trigger, long intervalMillis) {
        this.trigger = trigger;
        this.intervalMillis = intervalMillis;
    }

    public Trigger trigger() {
        return trigger;
    }

    /**
     * The step for this reading. Near the threshold (RAM filling at full speed would cross it within one interval)
     * the first such step asks to warm up: the first scan and OSHI's start cost ~400 ms cold, time a runaway job
     * would have; far below, the watcher stays small.
     */
    public Step next(MemoryStatus memory, OptionalDouble someAvg10Percent, long nowMillis) {
        if (settling) {
            boolean freeing = !PollInterval.settled(settleLast, memory);
            settleFreed |= freeing;
            // a victim's pages can show in /proc/meminfo a moment after its death: until they do, keep waiting
            long settlingFor = nowMillis - settleSinceMillis;
            boolean unseen = !settleFreed && settlingFor < SETTLE_UNSEEN_MILLIS;
            if (settlingFor < SETTLE_MAX_MILLIS && (freeing || unseen)) {
                settleLast = memory;
                return new Step(Kind.SETTLE, PollInterval.MIN_MILLIS, false);
            }
            settling = false;
        }
        boolean over = trigger.over(memory, someAvg10Percent);
        boolean due = nowMillis >= quietUntilMillis
                || quietSince != null && PollInterval.grewSince(quietSince, memory);
        if (over && due) {
            return Step.act();
        }
        if (over) {
            return new Step(Kind.SLEEP, PollInterval.MIN_MILLIS, false);
        }
        if (trigger.warnOver(memory)) {
            if (!warnedEarly && nowMillis >= earlyQuietUntilMillis) {
                earlyQuietUntilMillis = nowMillis + REPEAT_AFTER_NO_KILL_MILLIS;
                return new Step(Kind.EARLY, 0, false);
            }
        } else if (trigger.rearms(memory) && (warnedEarly || firstFall)) {
            warnedEarly = false;
            firstFall = false;
            rearm = true;
            earlyQuietUntilMillis = Long.MIN_VALUE;
        }
        long sleep = PollInterval.sleepMillis(memory, trigger.thresholdPercent(), intervalMillis);
        boolean warmUp = !warmed && sleep < intervalMillis;
        warmed |= warmUp;
        return new Step(Kind.SLEEP, sleep, warmUp);
    }

    /**
     * What the pass did. A kill: wait until available RAM has grown and stopped growing (at least
     * {@link #SETTLE_UNSEEN_MILLIS} while it has not grown, at most {@link #SETTLE_MAX_MILLIS}) so the same event does
     * not take a second victim. Anything else: pause before the next pass.
     *
     * @param action the pass's action; empty when the pass failed before deciding
     * @param memory the reading the pass acted on
     * @return the step after the pass: the kernel gets at least one short sleep to free a victim's pages
     */
    public Step acted(Optional<Action> action, MemoryStatus memory, long nowMillis) {
        if (action.isPresent() && action.get().killed()) {
            quietSince = null;
            settling = true;
            settleFreed = false;
            settleSinceMillis = nowMillis;
            settleLast = memory;
            return new Step(Kind.SETTLE, PollInterval.MIN_MILLIS, false);
        }
        quietSince = memory;
        quietUntilMillis = nowMillis + REPEAT_AFTER_NO_KILL_MILLIS;
        return new Step(Kind.SLEEP, PollInterval.MIN_MILLIS, false);
    }

    /** The early pass warned: nothing more until used RAM falls under the re-arm point (then {@link #takeRearm}). */
    public void warnedEarly() {
        warnedEarly = true;
    }

    /** True once after used RAM fell under the re-arm point following an early warning: the ledger is re-armed. */
    public boolean takeRearm() {
        boolean r = rearm;
        rearm = false;
        return r;
    }

    /** md.conf changed: the new rule applies to the next reading, without the pause of the old settings. */
    public void reloaded(Trigger fresh, long nowMillis) {
        trigger = fresh;
        quietUntilMillis = nowMillis;
        quietSince = null;
        earlyQuietUntilMillis = nowMillis;
    }
}
