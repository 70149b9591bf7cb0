// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * Who may be killed: a user's own processes only; as root, only when md.conf says {@code kill_as_root yes}. The
 * checker acts on it, {@code md_wizard status} and {@code md_wizard test} explain it.
 */
public final class KillRule {

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
}
