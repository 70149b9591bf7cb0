// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.config.AppPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may see of the outside: the environment variables and the two output streams; and whether it
 * runs as the system watcher ({@code watch --system}: md.conf in /etc/memory-daemon, state in
 * /var/lib/memory-daemon, the journal for its log).
 */
public record Environment(Map<String, String> variables, PrintWriter out, PrintWriter err, boolean systemWatcher) {

    public Environment(Map<String, String> variables, PrintWriter out, PrintWriter err) {
        this(variables, out, err, false);
    }

    /** The same, as the system watcher. */
    public Environment asSystem() {
        return new Environment(variables, out, err, true);
    }

    public static Environment system() {
        return new Environment(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public AppPaths paths() {
        return systemWatcher ? AppPaths.system(variables) : AppPaths.fromEnvironment(variables);
    }

    /** Where {@code ~/} in md.conf points: the user's home; for the system watcher (no home) its state directory. */
    public Path home() {
        return systemWatcher ? paths().stateDir() : AppPaths.home(variables);
    }
}
