// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;
import java.time.Instant;

/** Remembers which jobs were warned about (by their main process), so the same one is not reported every minute. */
public interface WarnLedger {

    /** Whether a warning about this process was sent less than {@code interval} before {@code now}. */
    boolean warnedRecently(ProcessInfo process, Instant now, Duration interval);

    void recordWarning(ProcessInfo process, Instant now);
}
