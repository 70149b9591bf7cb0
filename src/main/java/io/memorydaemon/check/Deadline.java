// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A point in wall-clock time (on the monotonic clock) that a piece of work must not pass. */
public final class Deadline {
    private final LongSupplier nanoClock;
    private final long atNanos;

    private Deadline(LongSupplier nanoClock, long atNanos) {
        this.nanoClock = nanoClock;
        this.atNanos = atNanos;
    }

    /** {@code budget} from now on the system's monotonic clock. */
    public static Deadline in(Duration budget) {
        return in(budget, System::nanoTime);
    }

    public static Deadline in(Duration budget, LongSupplier nanoClock) {
        return new Deadline(nanoClock, nanoClock.getAsLong() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - nanoClock.getAsLong()));
    }

    public boolean passed() {
        return atNanos - nanoClock.getAsLong() <= 0;
    }

    /** The earlier of this deadline and {@code budget} from now: a step's own limit inside a run's. */
    public Deadline within(Duration budget) {
        long step = nanoClock.getAsLong() + budget.toNanos();
        return step - atNanos < 0 ? new Deadline(nanoClock, step) : this;
    }
}
