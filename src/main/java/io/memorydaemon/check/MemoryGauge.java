// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.io.IOException;

/** Reads total and available RAM. */
public interface MemoryGauge {
    MemoryStatus read() throws IOException;

    /** Shared memory and the kernel's own; {@link MemoryBreakdown#UNKNOWN} where it cannot be read. */
    default MemoryBreakdown breakdown() {
        return MemoryBreakdown.UNKNOWN;
    }
}
