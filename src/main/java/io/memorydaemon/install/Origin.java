// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the running launcher comes from: the image directory ({@code md.home}) and the path it was started as
 * ({@code md.launcher}), both set by the launcher script. Empty when run outside an image (tests, an IDE).
 */
public record Origin(Optional<Path> home, Optional<Path> launcher) {

    /** In an image, marks it as installed for all users by an admin (as a package under /opt is). */
    public static final String PACKAGED_MARK = "share/memory-daemon/packaged";

    /** What kind of install the running image is. */
    public enum Kind {
        /** The user-level install in the data dir (install.sh or {@code md_wizard install}). */
        USER_INSTALL,
        /**
         * Installed for all users: a package (.deb/.rpm under /opt), or an image an admin put elsewhere and marked
         * with {@link #PACKAGED_MARK}; not writable by the user. Never copied, never removed.
         */
        SYSTEM,
        /** Any other build: a source checkout's target/image, an unpacked tarball, wherever it is; installed by copying. */
        BUILD,
        /** Not run from an image at all. */
        NONE
    }

    public Kind kind(Layout layout) {
        if (home.isEmpty() || !Files.isDirectory(home.get())) {
            return Kind.NONE;
        }
        Path real = realPath(home.get());
        if (Files.exists(layout.dataDir()) && real.startsWith(realPath(layout.dataDir()))) {
            return Kind.USER_INSTALL;
        }
        // a build the user cannot write (an unpacked tarball in /tmp) is still theirs to copy; only a package is not
        boolean packaged = real.startsWith("/opt/") || Files.exists(real.resolve(PACKAGED_MARK));
        if (packaged && !real.startsWith(realPath(layout.home())) && !Files.isWritable(real)) {
            return Kind.SYSTEM;
        }
        return Kind.BUILD;
    }

    /** The image's VERSION file, or "development". */
    public String version() {
        return home.map(h -> h.resolve("VERSION")).filter(Files::isRegularFile).map(f -> {
            try {
                return Files.readString(f, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return "";
            }
        }).filter(v -> !v.isEmpty()).orElse("development");
    }

    /** The md.conf template shipped in the image. */
    public Optional<Path> template() {
        return home.map(h -> h.resolve("share/memory-daemon/md.conf.template")).filter(Files::isRegularFile);
    }

    /**
     * The absolute path cron and systemd should run: the user-level {@code ~/.local/bin/mem_daemon} when it is
     * installed (stable across upgrades), else the launcher beside the running one (e.g. /usr/bin), else the image's.
     */
    public Optional<Path> memDaemonLauncher(Layout layout) {
        Kind kind = kind(layout);
        Path userLink = layout.link("mem_daemon");
        if (kind != Kind.SYSTEM && Files.isExecutable(userLink) && realPath(userLink).startsWith(realPath(layout.dataDir()))) {
            return Optional.of(userLink);
        }
        if (kind == Kind.USER_INSTALL) {
            return Optional.of(layout.current().resolve("bin/mem_daemon"));
        }
        Optional<Path> sibling = launcher.map(l -> l.toAbsolutePath().resolveSibling("mem_daemon"))
                .filter(Files::isExecutable);
        if (sibling.isPresent()) {
            return sibling;
        }
        return home.map(h -> h.toAbsolutePath().resolve("bin/mem_daemon")).filter(Files::isExecutable);
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
