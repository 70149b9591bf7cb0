// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;
import java.time.Instant;

/** Remembers which processes were warned about, so the same process is not reported every minute. */
public interface WarnLedger {

    /** Whether a warning about this process was sent less than {@code interval} before {@code now}. */
    boolean warnedRecently(ProcessInfo process, Instant now, Duration interval);

    void recordWarning(ProcessInfo process, Instant now);
}
