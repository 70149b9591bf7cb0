// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The choice, pure: the largest consumer of memory decides, as the dominant process always did. If it is a job the
 * running user (the system watcher: an ordinary user) may kill, it is the victim, or the owner's {@code prefer} match;
 * if it is anyone else's, infrastructure, or protected, nobody is killed and the notice says where the memory is.
 *
 * <p>A kill must be able to help. The victim must hold a real share: at least half the excess over the threshold,
 * or a tenth of RAM. Where memory is hidden from this user (other users' processes under {@code hidepid}, or used
 * RAM that no visible process, shared memory or the kernel's own accounts for), it must hold the whole excess:
 * otherwise a process the user cannot see may be what fills the RAM, and killing a bystander would only make room
 * for it. Both rules stop the cascade where a watcher, over the threshold because of memory no victim holds,
 * kills one small process after another.
 *
 * <p>{@code avoid} and {@code prefer}: a user's own check matches them against the names of the user's own
 * processes only (another user can name a process anything, and must not steer a kill onto you by that); a user's
 * avoided jobs give way to their other jobs. The system watcher matches them against the executable's path, which
 * no user can forge, and an avoided job that is the largest spares everybody rather than making another user pay.
 */
public final class JobChooser {
    /** A job this large is always a real share: a tenth of RAM. */
    static final int RAM_SHARE_DIVISOR = 10;

    /**
     * @param selfUid      the running user
     * @param killAsRoot   md.conf's kill_as_root (only when running as root)
     * @param systemMinUid present for the system watcher: the lowest uid of an ordinary user
     */
    public record Rules(long selfUid, boolean killAsRoot, OptionalLong systemMinUid, Optional<Pattern> avoid,
                        Optional<Pattern> prefer) {

        boolean system() {
            return systemMinUid.isPresent();
        }
    }

    private final Rules rules;
    /** The system watcher's match target: a process's executable (empty when it cannot be read: never matches). */
    private final Function<ProcessInfo, Optional<Executable>> executables;

    public JobChooser(Rules rules, Function<ProcessInfo, Optional<Executable>> executables) {
        this.rules = rules;
        this.executables = executables;
    }

    /**
     * @param excessBytes  used RAM over the threshold; 0 when pressure or the dummy trigger made the pass act
     * @param othersHidden /proc hides other users' processes from this user
     */
    public Choice choose(JobRanking ranking, MemoryStatus memory, MemoryBreakdown breakdown, long excessBytes,
                         boolean othersHidden) {
        long explained = ranking.visibleRssBytes() + breakdown.shmemBytes() + breakdown.kernelBytes();
        Choice.Picture picture = new Choice.Picture(Math.max(0, excessBytes), breakdown.shmemBytes(),
                Math.max(0, memory.usedBytes() - explained), othersHidden);
        Optional<Job> largest = ranking.next();
        while (largest.isPresent() && !rules.system() && ownAvoided(largest.get())) {
            largest = ranking.next(); // the user's own choice: their other jobs go first
        }
        if (largest.isEmpty()) {
            return new Choice(KillRule.Verdict.WARN_KEPT, Optional.empty(), Optional.empty(), picture);
        }
        Job top = largest.get();
        KillRule.Verdict owner = rules.system()
                ? KillRule.ordinaryUser(top.uid(), rules.systemMinUid().getAsLong()) ? KillRule.Verdict.KILL
                : KillRule.Verdict.WARN_SYSTEM
                : KillRule.verdict(top.uid(), rules.selfUid(), rules.killAsRoot());
        if (owner != KillRule.Verdict.KILL) {
            return choice(owner, top, top, picture);
        }
        if (top.kept().isPresent()) {
            return choice(KillRule.Verdict.WARN_KEPT, top, top, picture);
        }
        if (rules.system() && matches(top, rules.avoid())) {
            return choice(KillRule.Verdict.WARN_AVOIDED, top, top, picture);
        }
        Job victim = preferred(top, ranking, memory, picture).orElse(top);
        if (!helps(victim, memory, picture)) {
            return choice(hidden(victim, picture) ? KillRule.Verdict.WARN_HIDDEN : KillRule.Verdict.WARN_TOO_SMALL,
                    victim, top, picture);
        }
        return choice(KillRule.Verdict.KILL, victim, top, picture);
    }

    private static Choice choice(KillRule.Verdict verdict, Job job, Job top, Choice.Picture picture) {
        return new Choice(verdict, Optional.of(job), job == top ? Optional.empty() : Optional.of(top), picture);
    }

    /** The owner's largest {@code prefer} match that could help, when the largest job is not one. */
    private Optional<Job> preferred(Job top, JobRanking ranking, MemoryStatus memory, Choice.Picture picture) {
        if (rules.prefer().isEmpty() || matches(top, rules.prefer())) {
            return Optional.empty();
        }
        long floor = Math.min(ceilHalf(picture.excessBytes()), memory.totalBytes() / RAM_SHARE_DIVISOR);
        while (ranking.nextBound() > 0 && ranking.nextBound() >= floor) {
            Job j = ranking.next().orElseThrow();
            if (j.uid() == top.uid() && j.kept().isEmpty() && !avoided(j) && matches(j, rules.prefer())
                    && helps(j, memory, picture)) {
                return Optional.of(j);
            }
        }
        return Optional.empty();
    }

    /** The share rule of the class comment. */
    static boolean helps(Job job, MemoryStatus memory, Choice.Picture picture) {
        long m = job.memoryBytes();
        if (hidden(job, picture)) {
            return m >= picture.excessBytes();
        }
        return m >= ceilHalf(picture.excessBytes()) || m >= memory.totalBytes() / RAM_SHARE_DIVISOR;
    }

    static boolean hidden(Job job, Choice.Picture picture) {
        return picture.othersHidden() || picture.unexplainedBytes() > job.memoryBytes();
    }

    private static long ceilHalf(long bytes) {
        return bytes / 2 + bytes % 2;
    }

    private boolean ownAvoided(Job job) {
        return job.uid() == rules.selfUid() && matches(job, rules.avoid());
    }

    private boolean avoided(Job job) {
        return rules.system() ? matches(job, rules.avoid()) : ownAvoided(job);
    }

    /** A user's check: a member's name; the system watcher: a member's executable path. */
    private boolean matches(Job job, Optional<Pattern> pattern) {
        if (pattern.isEmpty()) {
            return false;
        }
        for (ProcessInfo p : job.members()) {
            if (rules.system() ? executables.apply(p).map(e -> pattern.get().matcher(e.path()).find()).orElse(false)
                    : pattern.get().matcher(p.name()).find()) {
                return true;
            }
        }
        return false;
    }
}
