// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.config.AppPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The config folder (0700: it may hold a password) and md.conf (0600) from the template; never overwrites md.conf. */
public final class ConfigSetup {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    /** Used when the image ships no template (a run outside an image): mail off, the default threshold. */
    private static final String FALLBACK = """
            # memory-daemon configuration: one "key value" per line; lines starting with # are comments.
            threshold 90
            """;

    private ConfigSetup() { }

    /** Creates what is missing; one line per step for the wizard to print. */
    public static List<String> ensure(AppPaths paths, Optional<Path> template) throws IOException {
        List<String> done = new ArrayList<>();
        Path dir = paths.configDir();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            Files.setPosixFilePermissions(dir, DIR_MODE);
            done.add("Created " + dir + " (mode 700)");
        } else if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
            done.add("Made " + dir + " private (mode 700): md.conf may hold a password");
        }
        Path conf = paths.configFile();
        if (Files.exists(conf)) {
            done.add("Kept your existing " + conf);
            return done;
        }
        String text = template.isPresent() ? Files.readString(template.get(), StandardCharsets.UTF_8) : FALLBACK;
        Path tmp = dir.resolve(".md.conf.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE_MODE));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, FILE_MODE);
        // a link, not a move: never replaces an md.conf that appeared meanwhile
        Files.createLink(conf, tmp);
        Files.delete(tmp);
        done.add("Created " + conf + " (mode 600) from the template");
        return done;
    }
}
