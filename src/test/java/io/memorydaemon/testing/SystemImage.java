// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built image as the checker's user sees a system package (/opt/memory-daemon): outside their HOME and not
 * theirs to write. As root that is target/image itself (root's, the user is {@code nobody} or a throw-away user);
 * run by an ordinary user, target/image is their own build, so this is a copy whose top folder they cannot write.
 */
public final class SystemImage implements AutoCloseable {
    private final Path image;
    private final Path copyDir;

    private SystemImage(Path image, Path copyDir) {
        this.image = image;
        this.copyDir = copyDir;
    }

    public static SystemImage of(ImageRun built) throws IOException {
        if (Root.is()) {
            return new SystemImage(built.image(), null);
        }
        Path dir = Files.createTempDirectory("md-system");
        Path copy = dir.resolve("memory-daemon");
        Shell.run("cp", "-a", built.image().toString(), copy.toString());
        Shell.run("chmod", "a-w", copy.toString());
        return new SystemImage(copy, dir);
    }

    public Path image() {
        return image;
    }

    @Override
    public void close() {
        if (copyDir != null) {
            Shell.run("chmod", "-R", "u+w", copyDir.toString());
            Shell.run("rm", "-rf", copyDir.toString());
        }
    }
}
