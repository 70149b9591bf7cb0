// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The tests' {@code crontab} (src/test/bin/crontab): for an ordinary user it keeps each temporary home's table
 * beside that home, so the real crontab is never read or written. It is first on the test JVMs' own PATH (pom.xml),
 * which is the one Java searches for a command, and first on the PATH the tests give the processes they start.
 */
public final class CrontabStandIn {
    private static final Path BIN = Path.of(System.getProperty("md.project", ".")).toAbsolutePath()
            .resolve("src/test/bin");

    private CrontabStandIn() { }

    /**
     * {@code systemPath} with the stand-in first; as root unchanged, because there the processes run as
     * {@code nobody} or a throw-away user who has a real crontab to edit.
     */
    public static String path(String systemPath) {
        return Root.is() ? systemPath : BIN + ":" + systemPath;
    }

    /** The stand-in itself, for a PATH of links to single tools; empty as root (the real crontab then). */
    public static Optional<Path> command() {
        return Root.is() ? Optional.empty() : Optional.of(BIN.resolve("crontab"));
    }

    /** The file the stand-in keeps the crontab of {@code HOME=home} in. */
    public static Path table(Path home) {
        return home.resolveSibling(home.getFileName() + ".crontab");
    }
}
