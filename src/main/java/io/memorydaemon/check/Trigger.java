// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import io.memorydaemon.config.Config;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When a pass acts: used RAM over the threshold, or (with {@code psi} set) memory pressure at or over its threshold.
 * The same rule for {@code check}, {@code watch} and {@code status}.
 */
public record Trigger(double thresholdPercent, Optional<Double> psiThresholdPercent) {

    public static Trigger of(Config config) {
        return new Trigger(config.thresholdPercent(), config.psiThresholdPercent());
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
