// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds a command on the PATH of the environment the wizard was given. Java itself searches its own PATH, so
 * without this a command's environment could not choose which {@code systemctl} or {@code loginctl} runs.
 */
final class Executables {
    private Executables() { }

    /** The absolute path of {@code name} on {@code env}'s PATH, or the bare name for Java to find. */
    static String find(String name, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return name;
    }
}
