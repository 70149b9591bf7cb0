// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.List;

/**
 * One email to the receivers: a kill notice or a warning, possibly marked as a test.
 *
 * @param alsoTo addresses that get it besides md.conf's receivers: the system watcher's process owner
 *               ({@code user@owner_domain})
 */
public record Notice(Kind kind, String subject, String body, List<String> alsoTo) {

    public Notice {
        alsoTo = List.copyOf(alsoTo);
    }

    public Notice(Kind kind, String subject, String body) {
        this(kind, subject, body, List.of());
    }

    public Notice withAlsoTo(List<String> addresses) {
        return new Notice(kind, subject, body, addresses);
    }

    public enum Kind { KILL, WARNING, EARLY }

    /** Subject prefixes of the original tool, which users filter on. */
    public static final String KILL_SUBJECT = "[Process Termination Notification] ";
    public static final String WARNING_SUBJECT = "[RAM Threshold Notification] ";
    /** warn_threshold's early warning, before the kill. */
    public static final String EARLY_SUBJECT = "[RAM Early Warning] ";
}
