// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

/** Exit codes of both launchers, as documented in docs/user-guide.md. */
public final class ExitCode {
    /** Done, whatever the action (including "under the threshold" and "another run holds the lock"). */
    public static final int OK = 0;
    /** A runtime failure: a kill that did not take, a mail kept for retry, an I/O error. */
    public static final int FAILURE = 1;
    /** Bad usage or a bad md.conf; nothing was changed. */
    public static final int USAGE = 2;

    private ExitCode() { }
}
