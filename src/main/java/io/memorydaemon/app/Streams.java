// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this process's standard streams go. */
final class Streams {
    private Streams() { }

    /** Whether stdout is redirected into the given file (the cron line appends to the log). */
    static boolean stdoutIs(Path file) {
        try {
            return Files.exists(file) && Files.isSameFile(Path.of("/proc/self/fd/1"), file);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
