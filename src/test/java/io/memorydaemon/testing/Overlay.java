// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A writable view of a read-only tree: overlayfs with the tree as its lower layer, so a container's changes land in
 * a throw-away upper layer and the cached root stays as built (no copy: mounting takes milliseconds). Where overlayfs
 * cannot be mounted, a copy of the tree serves instead.
 */
record Overlay(Path work, Path merged, boolean mounted) {

    static Overlay mount(Path lower, String name) throws IOException {
        Path work = Files.createDirectories(Path.of("/var/tmp", name));
        Path merged = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(work.resolve("upper"));
        Files.createDirectories(work.resolve("work"));
        try {
            Shell.run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir="
                    + work.resolve("upper") + ",workdir=" + work.resolve("work"), merged.toString());
            return new Overlay(work, merged, true);
        } catch (IllegalStateException noOverlay) {
            Shell.run("cp", "-a", "--reflink=auto", lower + "/.", merged.toString());
            return new Overlay(work, merged, false);
        }
    }

    void remove() {
        if (mounted) {
            Shell.run("umount", merged.toString());
        }
        Shell.run("rm", "-rf", "--one-file-system", work.toString());
    }
}
