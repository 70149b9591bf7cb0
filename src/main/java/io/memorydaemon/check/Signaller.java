// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.time.Duration;
import java.util.Optional;

/**
 * Terminates a job: SIGTERM to every member together, then, after the grace period, SIGKILL to those left and to
 * any process the job started meanwhile. Before each signal a member is checked again: the same process (start
 * time; a pidfd where the kernel has it, so a reused pid is never signalled) of the same owner.
 */
public interface Signaller {

    enum Result {
        /** Every member exited after SIGTERM, within the grace period. */
        TERMINATED,
        /** Some ignored SIGTERM for the whole grace period; SIGKILL was needed. */
        KILLED,
        /** Every member had already exited before any signal was sent. */
        GONE,
        /** No member belongs to the owner it was chosen as any longer (checked just before signalling): nothing sent. */
        REFUSED_OTHER_USER,
        /** Every member's pid now names another process (different start time): nothing sent. */
        REFUSED_PID_REUSED,
        /** Some member is still alive after SIGKILL, or the kernel refused a signal. */
        FAILED
    }

    /**
     * How a termination went.
     *
     * @param processes how many processes were signalled (members, and those the job started meanwhile)
     * @param failure   why a signal failed ({@code EPERM: …}), for the log
     */
    record Termination(Result result, int processes, Optional<String> failure) {
        public Termination(Result result, int processes) {
            this(result, processes, Optional.empty());
        }
    }

    Termination terminate(Job job, Duration grace);
}
