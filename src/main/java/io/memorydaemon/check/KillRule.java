// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * Who may be killed: a user's own processes only; as root, only when md.conf says {@code kill_as_root yes}. The
 * checker acts on it, {@code md_wizard status} and {@code md_wizard test} explain it. The system watcher
 * ({@code watch --system}) has a rule of its own, {@link #ordinaryUser}: any ordinary user's process, never root's
 * or a system user's.
 */
public final class KillRule {
    /**
     * nobody (the kernel's overflow uid), which daemons run as: above UID_MIN but no one's work. Uids above
     * UID_MAX are not excluded: directory users (LDAP, AD through sssd) often have them. -1 and -2 (4294967295,
     * 4294967294 as unsigned) are "no uid" markers.
     */
    private static final int NOBODY = 65534;

    /** What a real run over the threshold does with the dominant process. */
    public enum Verdict {
        /** The running user's own process: SIGTERM, then SIGKILL after the grace period. */
        KILL,
        /** Another user's process: a warning only, never a signal. */
        WARN_OTHER_USER,
        /** Running as root without {@code kill_as_root yes}: a warning only. */
        WARN_ROOT
    }

    private KillRule() { }

    public static Verdict verdict(int targetUid, int selfUid, boolean killAsRoot) {
        if (selfUid == 0) {
            return killAsRoot ? Verdict.KILL : Verdict.WARN_ROOT;
        }
        return targetUid == selfUid ? Verdict.KILL : Verdict.WARN_OTHER_USER;
    }

    /**
     * The system watcher's rule: a process of an ordinary user (uid at least {@code minUid}, UID_MIN of
     * /etc/login.defs or md.conf's {@code min_uid}) may be killed; root's (whatever {@code minUid} says) and a
     * system user's never. Those are not candidates at all: a large root process is left alone, not warned about.
     */
    public static boolean ordinaryUser(int targetUid, int minUid) {
        return targetUid > 0 && targetUid >= minUid && targetUid != NOBODY && targetUid != -1 && targetUid != -2;
    }

    /** The system watcher's verdict: kill an ordinary user's process; anything else is only reported. */
    public static Verdict systemVerdict(int targetUid, int minUid) {
        return ordinaryUser(targetUid, minUid) ? Verdict.KILL : Verdict.WARN_OTHER_USER;
    }
}
