// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import io.memorydaemon.install.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The built image as the checker's user sees a system package (/opt/memory-daemon): outside their HOME, not theirs
 * to write, and marked as installed for all users ({@link Origin#PACKAGED_MARK}, as /opt would say). A copy of
 * target/image whose top folder nobody but root (or, run by an ordinary user, nobody at all) can write.
 */
public final class SystemImage implements AutoCloseable {
    private final Path image;
    private final Path copyDir;

    private SystemImage(Path image, Path copyDir) {
        this.image = image;
        this.copyDir = copyDir;
    }

    public static SystemImage of(ImageRun built) throws IOException {
        Path dir = Files.createTempDirectory("md-system");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = dir.resolve("memory-daemon");
        Shell.run("cp", "-a", built.image().toString(), copy.toString());
        // outside /opt, an image is a package only when marked so: else md_wizard copies it like any build
        Files.writeString(copy.resolve(Origin.PACKAGED_MARK), "installed for all users\n");
        Shell.run("chmod", "a-w", copy.toString());
        return new SystemImage(copy, dir);
    }

    public Path image() {
        return image;
    }

    @Override
    public void close() {
        Shell.run("chmod", "-R", "u+w", copyDir.toString());
        Shell.run("rm", "-rf", copyDir.toString());
    }
}
