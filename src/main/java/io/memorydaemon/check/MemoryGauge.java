// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.io.IOException;

/** Reads the machine's memory totals; cheap enough to call every tick. */
public interface MemoryGauge {
    MemoryStatus read() throws IOException;
}
