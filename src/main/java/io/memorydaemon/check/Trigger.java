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
