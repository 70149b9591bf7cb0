// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Locale;

/**
 * Who may be killed: a user's own jobs only; as root, only when md.conf says {@code kill_as_root yes}. The system
 * watcher ({@code watch --system}) may kill any ordinary user's job ({@link #ordinaryUser}), never root's or a
 * system user's. Whatever the owner, nothing is killed that could not relieve the memory ({@link JobChooser}).
 */
public final class KillRule {

    /** What a real run over the threshold does with the job it chose; the log names a warning's reason. */
    public enum Verdict {
        /** SIGTERM to every member, then SIGKILL after the grace period. */
        KILL,
        /** The largest consumer is another user's: a warning only, never a signal. */
        WARN_OTHER_USER,
        /** Running as root without {@code kill_as_root yes}: a warning only. */
        WARN_ROOT,
        /** The system watcher: the largest consumer is root's or a system user's; the admin is told, nobody killed. */
        WARN_SYSTEM,
        /** The largest consumer is session infrastructure or memory-daemon itself, which is never killed. */
        WARN_KEPT,
        /** The system watcher: the largest consumer is one md.conf's {@code avoid} protects. */
        WARN_AVOIDED,
        /** The user's job is no real share of the excess over the threshold nor of RAM: killing it would not help. */
        WARN_TOO_SMALL,
        /** Memory this user cannot see (others' hidden processes, or what no visible process holds) dominates. */
        WARN_HIDDEN;

        /** {@code other-user}, {@code too-small}, …: the log's {@code reason=}. */
        public String reason() {
            return name().substring(name().indexOf('_') + 1).toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private KillRule() { }

    /** A user's own check: whose job the running user may kill. */
    public static Verdict verdict(long targetUid, long selfUid, boolean killAsRoot) {
        if (selfUid == 0) {
            return killAsRoot ? Verdict.KILL : Verdict.WARN_ROOT;
        }
        return targetUid == selfUid ? Verdict.KILL : Verdict.WARN_OTHER_USER;
    }

    /**
     * The system watcher's rule: a job of an ordinary user (uid at least {@code minUid}, UID_MIN of /etc/login.defs
     * or md.conf's {@code min_uid}) may be killed; root's (whatever {@code minUid} says), nobody's (65534, which
     * daemons run as) and a system user's never. Uids above UID_MAX are ordinary: directory users often have them.
     */
    public static boolean ordinaryUser(long targetUid, long minUid) {
        return targetUid > 0 && targetUid >= minUid && targetUid != Uids.NOBODY && targetUid != Uids.NONE;
    }
}
