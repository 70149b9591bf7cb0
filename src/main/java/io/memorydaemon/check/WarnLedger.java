// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;
import java.time.Instant;

/** Remembers which jobs were warned about (by their main process), so the same one is not reported every minute. */
public interface WarnLedger {

    /** Whether a warning about this process was sent less than {@code interval} before {@code now}. */
    boolean warnedRecently(ProcessInfo process, Instant now, Duration interval);

    void recordWarning(ProcessInfo process, Instant now);

    /**
     * Whether an early warning ({@code warn_threshold}) about this job went out since used RAM last fell below
     * warn_threshold, less than {@code interval} ago.
     */
    boolean warnedEarly(ProcessInfo process, Instant now, Duration interval);

    void recordEarly(ProcessInfo process, Instant now);

    /** Used RAM went back below warn_threshold: the next rise warns again. Cheap when nothing is recorded. */
    void rearmEarly();

    /** When the last early warning still in force went out, if one did: {@code md_wizard status} shows it. */
    java.util.Optional<Instant> lastEarly();
}
