// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;

/** Terminates one process: SIGTERM, then SIGKILL after the grace period. */
public interface Signaller {

    enum Result {
        /** Exited after SIGTERM, within the grace period. */
        TERMINATED,
        /** Ignored SIGTERM for the whole grace period; SIGKILL was needed. */
        KILLED,
        /** Had already exited before any signal was sent. */
        GONE,
        /** Its owner is not the running user (checked again just before signalling): nothing sent. */
        REFUSED_OTHER_USER,
        /** The pid now belongs to another process (different start time): nothing sent. */
        REFUSED_PID_REUSED,
        /** Still alive after SIGKILL, or the signal was refused by the kernel. */
        FAILED
    }

    Result terminate(ProcessInfo process, Duration grace);
}
