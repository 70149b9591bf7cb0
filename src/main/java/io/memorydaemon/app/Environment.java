// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.config.AppPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** What a command may see of the outside: the environment variables and the two output streams. */
public record Environment(Map<String, String> variables, PrintWriter out, PrintWriter err) {

    public static Environment system() {
        return new Environment(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public AppPaths paths() {
        return AppPaths.fromEnvironment(variables);
    }

    public Path home() {
        return AppPaths.home(variables);
    }
}
