// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/** A process as a report shows it: who owns it and its full command line. */
public record ProcessDetails(ProcessInfo process, String user, String commandLine) {

    public long pid() {
        return process.pid();
    }

    public long rssBytes() {
        return process.rssBytes();
    }

    /** The same process with its user named otherwise. */
    public ProcessDetails withUser(String name) {
        return new ProcessDetails(process, name, commandLine);
    }

    /** The command line, or the short name when the command line cannot be read (zombies, kernel threads). */
    public String command() {
        return commandLine.isBlank() ? "[" + process.name() + "]" : commandLine;
    }
}
