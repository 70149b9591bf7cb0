// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

/**
 * A command that asks questions, and how a script runs it so that it asks none: what md_wizard says when its input
 * ends before an answer. Each names only its own flags (a test holds them to the command's options).
 */
public interface Unattended {
    /** {@code md_wizard cron --every MINUTES}: the flags that answer every question of this command. */
    String unattended();
}
