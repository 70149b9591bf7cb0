// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.config.AppPaths;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
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
    static final Set<PosixFilePermission> FILE_MODE = ConfigRewriter.FILE_MODE;

    /** Used when the image ships no template (a run outside an image): mail off, the default threshold. */
    private static final String FALLBACK = """
            # memory-daemon configuration: one "key value" per line; lines starting with # are comments.
            threshold 90
            """;

    private ConfigSetup() { }

    /**
     * Creates what is missing; one line per step for the wizard to print.
     *
     * @param home where md.conf's {@code ~/} paths point, for checking that the template parses
     */
    public static List<String> ensure(AppPaths paths, Path home, Optional<Path> template) throws IOException {
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
        try {
            new ConfigParser(paths, home).parse(conf, text);
        } catch (ConfigException e) {
            throw new IOException("the template " + template.map(Path::toString).orElse("") + " is not a valid md.conf ("
                    + e.problems().get(0) + "); reinstall memory-daemon");
        }
        Path tmp = ConfigRewriter.temp(dir, text);
        try {
            // a link, not a move: never replaces an md.conf that appeared meanwhile
            Files.createLink(conf, tmp);
        } finally {
            Files.delete(tmp);
        }
        ConfigRewriter.syncDirectory(dir);
        done.add("Created " + conf + " (mode 600) from the template");
        return done;
    }
}
