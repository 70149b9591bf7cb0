// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Chooses the dominant process: the largest resident set after the safety filters, preferring
 * {@code prefer} matches, as earlyoom's {@code --prefer}/{@code --avoid} do. Pure: no I/O.
 */
public final class VictimSelector {

    private static final Comparator<ProcessInfo> LARGEST_FIRST =
            Comparator.comparingLong(ProcessInfo::rssBytes).reversed().thenComparingLong(ProcessInfo::pid);

    private final Set<Long> protectedPids;
    private final Optional<Pattern> avoid;
    private final Optional<Pattern> prefer;
    private final IntPredicate owners;

    /**
     * @param protectedPids this program and its ancestors (the cron shell, sshd, ...): never chosen
     */
    public VictimSelector(Set<Long> protectedPids, Optional<Pattern> avoid, Optional<Pattern> prefer) {
        this(protectedPids, avoid, prefer, uid -> true);
    }

    private VictimSelector(Set<Long> protectedPids, Optional<Pattern> avoid, Optional<Pattern> prefer,
                           IntPredicate owners) {
        this.protectedPids = Set.copyOf(protectedPids);
        this.avoid = avoid;
        this.prefer = prefer;
        this.owners = owners;
    }

    /**
     * The system watcher's choice: only ordinary users' processes ({@link KillRule#ordinaryUser}) are candidates,
     * so the dominant one among them is chosen even when root or a system user holds more.
     */
    public static VictimSelector system(Set<Long> protectedPids, int minUid, Optional<Pattern> avoid,
                                        Optional<Pattern> prefer) {
        return new VictimSelector(protectedPids, avoid, prefer, uid -> KillRule.ordinaryUser(uid, minUid));
    }

    /** Whether the process may be chosen at all. */
    public boolean eligible(ProcessInfo p) {
        return p.pid() > 1
                && p.rssBytes() > 0
                && !protectedPids.contains(p.pid())
                && owners.test(p.uid())
                && avoid.map(a -> !a.matcher(p.name()).find()).orElse(true);
    }

    /** The dominant process among the eligible ones, a {@code prefer} match first; empty if none is eligible. */
    public Optional<ProcessInfo> choose(List<ProcessInfo> processes) {
        Optional<ProcessInfo> preferred = prefer.flatMap(pattern -> processes.stream()
                .filter(this::eligible)
                .filter(p -> pattern.matcher(p.name()).find())
                .min(LARGEST_FIRST));
        if (preferred.isPresent()) {
            return preferred;
        }
        return processes.stream().filter(this::eligible).min(LARGEST_FIRST);
    }

    /** The n largest processes on the machine, unfiltered, for the report. */
    public static List<ProcessInfo> top(List<ProcessInfo> processes, int n) {
        return processes.stream().sorted(LARGEST_FIRST).limit(n).toList();
    }
}
