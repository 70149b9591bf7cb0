// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this process's standard streams go: the cron line sends stdout and stderr into the log. */
public final class StandardStreams {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private StandardStreams() { }

    /** Whether file descriptor {@code fd} is {@code file} itself, so a line written there is already in it. */
    public static boolean isFile(int fd, Path file) {
        try {
            return Files.exists(file) && Files.isSameFile(Path.of("/proc/self/fd/" + fd), file);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
