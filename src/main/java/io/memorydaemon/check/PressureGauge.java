// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.io.IOException;
import java.util.OptionalDouble;

/** Memory pressure: the share of the last ten seconds in which some task waited for memory (PSI {@code some avg10}). */
public interface PressureGauge {

    /** The percentage, or empty where the kernel offers none. */
    OptionalDouble someAvg10() throws IOException;

    /** For kernels (and tests) without pressure information. */
    PressureGauge NONE = OptionalDouble::empty;
}
