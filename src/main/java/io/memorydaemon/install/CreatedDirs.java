// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The folders of the home that install created (~/.local, ~/.local/bin, ~/.local/share, its man and bash-completion
 * folders), noted in the data dir at the first install, so that uninstall removes them again when they are empty, and
 * never a folder the user had.
 */
final class CreatedDirs {
    private static final String FILE = ".created-dirs";

    private final Layout layout;

    CreatedDirs(Layout layout) {
        this.layout = layout;
    }

    /** Before install creates anything: the folders it is about to create; nothing when not the first install. */
    List<Path> missing() {
        if (Files.exists(layout.dataDir(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Set<Path> missing = new LinkedHashSet<>();
        List<Path> dirs = new ArrayList<>(List.of(layout.binDir(), layout.dataDir().getParent()));
        dirs.addAll(DocLinks.dirs(layout));
        for (Path dir : dirs) {
            for (Path d = dir; d != null && d.startsWith(layout.home()) && !d.equals(layout.home()); d = d.getParent()) {
                if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                    missing.add(d);
                }
            }
        }
        return List.copyOf(missing);
    }

    /** After the data dir exists: notes {@code created} there. */
    void note(List<Path> created) throws IOException {
        if (!created.isEmpty()) {
            Files.write(layout.dataDir().resolve(FILE), created.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        }
    }

    /** Reads and forgets the note (so the data dir can go); the folders, deepest first. */
    List<Path> take() throws IOException {
        Path file = layout.dataDir().resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(Path::of).filter(p -> p.startsWith(layout.home())).toList());
        Files.delete(file);
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return dirs;
    }

    /** Removes each of {@code dirs} that is now empty; one line per folder removed. */
    static List<String> removeEmpty(List<Path> dirs) throws IOException {
        List<String> done = new ArrayList<>();
        for (Path d : dirs) {
            try {
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(d)) {
                    done.add("Removed " + d + " (empty; install had created it)");
                }
            } catch (DirectoryNotEmptyException e) {
                // the user has put something there since: it is theirs now
            }
        }
        return done;
    }
}
