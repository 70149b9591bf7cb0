// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a built image into the user-level layout, as install.sh does with a tarball: the copy goes to a temporary
 * folder first, then {@code current} is switched with one rename, so a failed copy leaves the old install working.
 */
public final class UserInstall {
    private final Layout layout;

    public UserInstall(Layout layout) {
        this.layout = layout;
    }

    /** Installs the image at {@code image} as {@code version}; one line per step. */
    public List<String> install(Path image, String version) throws IOException {
        List<String> done = new ArrayList<>();
        CreatedDirs created = new CreatedDirs(layout);
        List<Path> missing = created.missing();
        Files.createDirectories(layout.dataDir());
        Files.createDirectories(layout.binDir());
        created.note(missing);
        Path target = layout.versionDir(version);
        Path tmp = layout.dataDir().resolve("." + version + ".tmp-" + ProcessHandle.current().pid());
        Trees.delete(tmp);
        try {
            Trees.copy(image, tmp);
        } catch (IOException e) {
            Trees.delete(tmp);
            throw new IOException("cannot copy the build at " + image + " into " + layout.dataDir() + " (" + e.getMessage()
                    + "); the installed version, if any, is unchanged", e);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path old = layout.dataDir().resolve("." + version + ".old-" + ProcessHandle.current().pid());
            Files.move(target, old);
            Files.move(tmp, target);
            Trees.delete(old);
            done.add("Replaced " + target + " with the build at " + image);
        } else {
            Files.move(tmp, target);
            done.add("Copied the build at " + image + " to " + target);
        }
        switchLink(layout.current(), Path.of(version));
        done.add("Pointed " + layout.current() + " at " + version);
        for (Path older : installedVersions()) {
            if (!older.equals(target) && !older.getFileName().toString().startsWith(".")) {
                Trees.delete(older);
                done.add("Removed the previous version " + older);
            }
        }
        for (String name : Layout.LAUNCHERS) {
            Path link = layout.link(name);
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                done.add("Left " + link + " alone: it is not a link of ours; remove it and run install again");
                continue;
            }
            switchLink(link, layout.current().resolve("bin").resolve(name).toAbsolutePath());
            done.add("Linked " + link + " -> " + Files.readSymbolicLink(link));
        }
        done.addAll(new DocLinks(layout).install());
        return done;
    }

    /** Makes {@code link} point at {@code target} with one rename, so it never dangles half-way. */
    static void switchLink(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling(link.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createSymbolicLink(tmp, target);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(tmp + " appeared while installing; remove it and try again", e);
        }
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Versions installed in the data dir (folders other than {@code current} and temporary ones). */
    public List<Path> installedVersions() throws IOException {
        if (!Files.isDirectory(layout.dataDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(layout.dataDir())) {
            return s.filter(p -> !p.getFileName().toString().equals("current"))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        }
    }
}
