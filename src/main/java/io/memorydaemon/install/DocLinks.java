// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The man pages and bash completions of a user-level install: links in the data home
 * ({@code ~/.local/share/man/man1}, {@code man5}, {@code bash-completion/completions}, where man-db and
 * bash-completion look) to the same files under {@code current}, so an upgrade switches them with the runtime.
 */
final class DocLinks {
    /** Inside an image; the link is the same path under the data home, without {@code share/}. */
    static final List<String> FILES = List.of(
            "share/man/man1/mem_daemon.1", "share/man/man1/md_wizard.1", "share/man/man5/md.conf.5",
            "share/bash-completion/completions/mem_daemon", "share/bash-completion/completions/md_wizard");

    private final Layout layout;

    DocLinks(Layout layout) {
        this.layout = layout;
    }

    static List<Path> dirs(Layout layout) {
        return FILES.stream().map(f -> link(layout, f).getParent()).distinct().toList();
    }

    private static Path link(Layout layout, String file) {
        return layout.dataDir().getParent().resolve(file.substring("share/".length()));
    }

    /** Links each file the installed image has (an older build had none); a file of the user's is left alone. */
    List<String> install() throws IOException {
        List<String> done = new ArrayList<>();
        int linked = 0;
        for (String file : FILES) {
            Path target = layout.current().resolve(file).toAbsolutePath();
            Path link = link(layout, file);
            if (!Files.exists(target)) {
                continue;
            }
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                done.add("Left " + link + " alone: it is not a link of ours");
                continue;
            }
            Files.createDirectories(link.getParent());
            UserInstall.switchLink(link, target);
            linked++;
        }
        if (linked > 0) {
            done.add("Linked the man pages into " + link(layout, FILES.get(0)).getParent().getParent()
                    + " and the bash completions into " + link(layout, FILES.get(3)).getParent());
        }
        return done;
    }

    /** Removes the links that point into the runtime; one line if any went. */
    List<String> remove() throws IOException {
        boolean removed = false;
        for (String file : FILES) {
            Path link = link(layout, file);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(layout.dataDir())) {
                Files.delete(link);
                removed = true;
            }
        }
        return removed ? List.of("Removed the links of the man pages and bash completions") : List.of();
    }
}
