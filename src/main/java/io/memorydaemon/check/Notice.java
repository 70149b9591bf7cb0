// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/** One email to the receivers: a kill notice or a warning, possibly marked as a test. */
public record Notice(Kind kind, String subject, String body) {

    public enum Kind { KILL, WARNING }

    /** Subject prefixes of the original tool, which users filter on. */
    public static final String KILL_SUBJECT = "[Process Termination Notification] ";
    public static final String WARNING_SUBJECT = "[RAM Threshold Notification] ";
}
