// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import io.memorydaemon.config.Config;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When a pass acts: used RAM over the threshold, or (with {@code psi} set) memory pressure at or over its threshold;
 * and when it warns early (with {@code warn_threshold}: at or over it, under the threshold). The same rule for
 * {@code check}, {@code watch} and {@code status}.
 */
public record Trigger(double thresholdPercent, Optional<Double> psiThresholdPercent,
                      Optional<Double> warnThresholdPercent) {
    /** How far (percentage points) used RAM falls under warn_threshold before an early warning is re-armed. */
    public static final double REARM_POINTS = 1.0;

    public Trigger(double thresholdPercent, Optional<Double> psiThresholdPercent) {
        this(thresholdPercent, psiThresholdPercent, Optional.empty());
    }

    public static Trigger of(Config config) {
        return new Trigger(config.thresholdPercent(), config.psiThresholdPercent(), config.warnThresholdPercent());
    }

    /** Whether md.conf sets {@code warn_threshold}: an early warning before the kill. */
    public boolean warns() {
        return warnThresholdPercent.isPresent();
    }

    /** At or over warn_threshold, and not over threshold (that is a kill). */
    public boolean warnOver(MemoryStatus memory) {
        return warnThresholdPercent.isPresent() && memory.usedPercent() >= warnThresholdPercent.get()
                && !memoryOver(memory);
    }

    /**
     * Where the next rise may warn early again: used RAM under warn_threshold by a point (by half of it when it is
     * under two), so that used RAM hovering around warn_threshold sends one early warning, not one per crossing.
     */
    public Optional<Double> rearmPercent() {
        return warnThresholdPercent.map(Trigger::rearmPercent);
    }

    /** {@link #rearmPercent()} for a warn_threshold of {@code warnPercent}. */
    public static double rearmPercent(double warnPercent) {
        return warnPercent - Math.min(REARM_POINTS, warnPercent / 2);
    }

    /** Under {@link #rearmPercent()}: the warning of the last rise is forgotten, the next rise warns again. */
    public boolean rearms(MemoryStatus memory) {
        return rearmPercent().filter(r -> memory.usedPercent() < r).isPresent();
    }

    /** Whether this rule reads the pressure file at all; without {@code psi} it is never opened. */
    public boolean usesPressure() {
        return psiThresholdPercent.isPresent();
    }

    public boolean memoryOver(MemoryStatus memory) {
        return memory.usedPercent() > thresholdPercent;
    }

    /** @param someAvg10Percent the pressure reading; empty where the kernel offers none (it never triggers then) */
    public boolean over(MemoryStatus memory, OptionalDouble someAvg10Percent) {
        return memoryOver(memory) || pressureOver(someAvg10Percent);
    }

    public boolean pressureOver(OptionalDouble someAvg10Percent) {
        return psiThresholdPercent.isPresent() && someAvg10Percent.isPresent()
                && someAvg10Percent.getAsDouble() >= psiThresholdPercent.get();
    }
}
