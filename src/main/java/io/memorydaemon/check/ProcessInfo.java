// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * What the scan reads of one process, from {@code /proc/<pid>/stat} and its directory's owner: cheap for every
 * process on the machine. Facts that cost more (the executable, PSS, the cgroup) are asked of the
 * {@link ProcessTable} only for the few processes a decision needs them for.
 *
 * @param uid            the owner, unsigned 32-bit ({@link Uids})
 * @param startTimeTicks start time in clock ticks since boot; with the pid it identifies the process
 *                       (a reused pid has another start time)
 * @param name           the kernel's short command name ({@code comm}): its owner may set it to anything
 * @param pgid           the process group; a shell with job control gives each job one of its own
 * @param sid            the session; its leader ({@code pid == sid}) is a login shell, an sshd or a tmux pane's shell,
 *                       a daemon, or a service's main process (0: unknown)
 */
public record ProcessInfo(long pid, long ppid, long uid, long startTimeTicks, long rssBytes, String name, long pgid,
                          long sid) {

    /** A process that leads its own process group and no session (built tables in tests). */
    public ProcessInfo(long pid, long ppid, long uid, long startTimeTicks, long rssBytes, String name) {
        this(pid, ppid, uid, startTimeTicks, rssBytes, name, pid, 0);
    }

    public boolean sessionLeader() {
        return sid == pid;
    }
}
