// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The config directory as a run creates it before {@code md_wizard install} did: 0700 whatever the umask. */
final class PrivateDirs {
    private PrivateDirs() { }

    static void create(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
