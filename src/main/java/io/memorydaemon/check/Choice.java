// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Optional;

/**
 * What a pass decided, before any signal: the job it acts on (the victim, or the consumer a warning is about), and
 * where the memory is.
 *
 * @param job     empty when no process is visible at all
 * @param largest the largest consumer when it is not {@code job} (a kill chosen by {@code prefer}, a warning about a
 *                job too small to help): where the memory is
 */
public record Choice(KillRule.Verdict verdict, Optional<Job> job, Optional<Job> largest, Picture picture) {

    /**
     * Used RAM besides the jobs.
     *
     * @param excessBytes      used RAM over the threshold (0 when pressure or the dummy trigger made the pass act)
     * @param shmemBytes       tmpfs and shared memory
     * @param unexplainedBytes used RAM that neither the visible processes, shared memory nor the kernel's own account for
     * @param othersHidden     /proc hides other users' processes from this user
     */
    public record Picture(long excessBytes, long shmemBytes, long unexplainedBytes, boolean othersHidden) {
        public static final Picture NONE = new Picture(0, 0, 0, false);
    }

    public boolean kill() {
        return verdict == KillRule.Verdict.KILL;
    }
}
