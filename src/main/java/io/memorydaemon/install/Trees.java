// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Copying and deleting folder trees without following symbolic links (a link is copied or deleted as a link). */
final class Trees {
    private Trees() { }

    static void copy(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.toList();
        }
        for (Path p : all) {
            Path dest = to.resolve(from.relativize(p).toString());
            if (Files.isSymbolicLink(p)) {
                Files.createSymbolicLink(dest, Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
        // folder modes last, deepest first: a read-only folder must not stop its own contents being copied; the copy
        // stays writable by its owner (a read-only build's folders would otherwise make it impossible to remove)
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                mode.add(PosixFilePermission.OWNER_WRITE);
                Files.setPosixFilePermissions(to.resolve(from.relativize(p).toString()), mode);
            }
        }
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
