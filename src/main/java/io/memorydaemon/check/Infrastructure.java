// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Optional;
import java.util.Set;

/**
 * Session infrastructure, which is never a victim nor a member of one: a user's service manager and its
 * {@code (sd-pam)}, sshd, login, su/sudo, tmux and screen servers, dbus, cron, a shell that leads a session (a login
 * shell, a tmux pane's, cron's), and memory-daemon's own checks and watchers.
 *
 * <p>Known by what a process's owner cannot choose: its executable, a root-owned file in a system directory, read
 * from {@code /proc/<pid>/exe}; and session leadership. Where the executable cannot be read (another user's process
 * for a checker without CAP_SYS_PTRACE, an undumpable process), the name is all there is: then a process named like
 * infrastructure is kept too. That cannot turn a kill onto anyone else: what is kept stays a consumer in the choice,
 * and when it is the largest, nobody is killed.
 *
 * <p>The executable is read only where it could answer yes ({@link #mayBe}): for a session leader, a process whose
 * name is one of infrastructure's, and a java. The kernel names a process after the file it started, so a daemon
 * keeps its name unless its owner renames it, which costs only that owner; a user's renamed hog is read and found
 * out. A pool of thousands of workers costs no file read per worker.
 */
public final class Infrastructure {
    /** The session's daemons, by the file name of their executable. */
    static final Set<String> DAEMONS = Set.of("systemd", "sshd", "sshd-session", "sshd-auth", "login", "su", "sudo",
            "tmux", "screen", "dbus-daemon", "dbus-broker", "dbus-broker-launch", "cron", "crond", "atd", "agetty",
            "mosh-server", "systemd-logind", "polkitd", "runuser", "setpriv", "doas");
    /** Shells: infrastructure when they lead a session (a login shell, a pane's), work otherwise. */
    static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ksh93", "mksh", "pdksh", "fish",
            "tcsh", "csh", "rbash", "yash", "busybox", "elvish", "nu", "xonsh", "oksh", "posh");
    /** {@link #DAEMONS} and {@link #SHELLS} as the kernel names their processes: cut to 15 characters. */
    private static final Set<String> NAMES = names();
    /** A watcher holds ~40 MiB; a larger process under a memory-daemon runtime is someone's job, not ours. */
    static final long WATCHDOG_MAX_BYTES = 512L << 20;

    private final Optional<Executable> own;

    /** @param own this program's executable: its other checks and watchers run the same or another install's java */
    public Infrastructure(Optional<Executable> own) {
        this.own = own;
    }

    /**
     * Why the process is never a victim, or empty.
     *
     * @param exe    its executable, empty when it cannot be read
     * @param cgroup its cgroup under a user's service manager, empty when it has none
     */
    public Optional<String> kept(ProcessInfo p, Optional<Executable> exe, Optional<String> cgroup) {
        if (exe.isPresent()) {
            Executable e = exe.get();
            String file = e.fileName();
            if (e.system() && DAEMONS.contains(file)) {
                return Optional.of("session infrastructure (" + file + ")");
            }
            if (e.system() && SHELLS.contains(file) && p.sessionLeader()) {
                return Optional.of("a shell that leads a session");
            }
            if (watchdog(e) && p.rssBytes() <= WATCHDOG_MAX_BYTES) {
                return Optional.of("memory-daemon itself");
            }
            return Optional.empty();
        }
        // unverifiable: the name decides, which only ever keeps a process (see the class comment)
        String name = p.name();
        if (DAEMONS.contains(name) || name.startsWith("(sd-pam") || name.startsWith("tmux: ")
                || name.startsWith("sshd: ") || (p.sessionLeader() && SHELLS.contains(stripLogin(name)))) {
            return Optional.of("session infrastructure (" + name + ", executable not readable)");
        }
        if (cgroup.isPresent() && cgroup.get().endsWith("/init.scope")) {
            return Optional.of("a user's service manager");
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #kept} could keep this process were its executable read: it leads a session, or its name (the
     * kernel's, from the file it started, 15 characters at most) is infrastructure's or java's.
     */
    public boolean mayBe(ProcessInfo p) {
        String name = p.name();
        return p.sessionLeader() || NAMES.contains(stripLogin(name)) || name.startsWith("(sd-pam")
                || name.startsWith("tmux") || name.startsWith("sshd") || name.startsWith("SCREEN")
                || name.equals("java");
    }

    private boolean watchdog(Executable e) {
        if (own.isPresent() && own.get().path().equals(e.path())) {
            return true;
        }
        return e.path().endsWith("/bin/java") && e.path().contains("/memory-daemon/");
    }

    private static Set<String> names() {
        Set<String> names = new java.util.HashSet<>();
        for (String n : DAEMONS) {
            names.add(n.length() > 15 ? n.substring(0, 15) : n);
        }
        names.addAll(SHELLS);
        return Set.copyOf(names);
    }

    /** A login shell's name starts with '-' ({@code -bash}). */
    private static String stripLogin(String name) {
        return name.startsWith("-") ? name.substring(1) : name;
    }
}
