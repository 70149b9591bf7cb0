// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Comparator;
import java.util.List;

/**
 * A group of processes that is killed together, and a consumer of memory in the choice: a cgroup a user's service
 * manager runs for one piece of work, else a process group of one user whose leader leads no session, else one
 * process. Session infrastructure is never a member: it is a consumer of its own, {@link #kept}.
 *
 * @param kind        how its members were grouped
 * @param id          the cgroup's path, the process group id, or the pid
 * @param uid         the owner of every member
 * @param members     largest first
 * @param memoryBytes the sum over the members: PSS where a member could be read (shared pages counted once), else RSS
 * @param pss         whether every member's PSS was read
 * @param kept        why it is never a victim (session infrastructure, this program or its ancestors); empty if it may be
 */
public record Job(Kind kind, String id, long uid, List<ProcessInfo> members, long memoryBytes, boolean pss,
                  java.util.Optional<String> kept) {

    public enum Kind { CGROUP, PGROUP, PROCESS }

    static final Comparator<ProcessInfo> LARGEST_FIRST =
            Comparator.comparingLong(ProcessInfo::rssBytes).reversed().thenComparingLong(ProcessInfo::pid);

    public Job {
        members = members.stream().sorted(LARGEST_FIRST).toList();
    }

    /** The process that names the job: a process group's leader while it lives, else the largest member. */
    public ProcessInfo main() {
        if (kind == Kind.PGROUP) {
            for (ProcessInfo p : members) {
                if (Long.toString(p.pid()).equals(id)) {
                    return p;
                }
            }
        }
        return members.get(0);
    }

    public long rssBytes() {
        long sum = 0;
        for (ProcessInfo p : members) {
            sum += p.rssBytes();
        }
        return sum;
    }

    /** {@code pgroup:4242}, {@code cgroup:/user.slice/…/run-r1.scope}, {@code process:4242}. */
    public String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
