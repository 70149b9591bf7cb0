// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Locale;

/** What one check did; its log name is the lower-case, dashed form. */
public enum Action {
    /** Used RAM at or below the threshold. */
    OK,
    /** Own process exited after SIGTERM. */
    KILLED,
    /** Own process ignored SIGTERM; SIGKILL was needed. */
    KILLED_SIGKILL,
    /** Own process had exited by the time it was signalled. */
    GONE,
    /** The safety re-check before signalling refused (owner changed or pid reused): nothing sent. */
    KILL_REFUSED,
    /** Signalled but still alive, or the kernel refused. */
    KILL_FAILED,
    /** Another user's process (or running as root without kill_as_root): warned, nothing killed. */
    WARNED,
    /** As WARNED, but a warning about the same process went out less than warn_interval ago. */
    WARN_SUPPRESSED,
    /** Over the threshold but no process may be chosen (all protected or avoided). */
    NO_CANDIDATE,
    /** Dry run or test: would have killed this own process. */
    WOULD_KILL,
    /** Dry run or test: would have warned about this process. */
    WOULD_WARN,
    /** Between warn_threshold and threshold: the user was told early that this job of theirs is the one to go. */
    WARNED_EARLY,
    /** As WARNED_EARLY, but that job was warned about already in this rise (or within warn_interval). */
    EARLY_SUPPRESSED,
    /** Dry run: would have warned early. */
    WOULD_WARN_EARLY;

    /** The process is gone by the signal, or by itself: its memory is being freed. */
    public boolean killed() {
        return this == KILLED || this == KILLED_SIGKILL || this == GONE;
    }

    public String logName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
