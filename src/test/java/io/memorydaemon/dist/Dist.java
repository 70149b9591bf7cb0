// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import io.memorydaemon.testing.CrontabStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the build left the distribution, and a PATH on which no system Java can be found. */
final class Dist {
    static final String VERSION = System.getProperty("md.version", "0.1.0");
    static final Path PROJECT = Path.of(System.getProperty("md.project", ".")).toAbsolutePath();
    static final Path TARGET = Path.of(System.getProperty("md.target", "target")).toAbsolutePath();

    /** The tools install.sh, generate-cds.sh, the launchers, the watcher restart and the crontab stand-in use; not java. */
    private static final List<String> TOOLS = List.of("sh", "dash", "awk", "basename", "cat", "curl", "cut",
            "dirname", "find", "grep", "gzip", "head", "id", "ln", "ls", "mkdir", "mktemp", "mv", "readlink", "rm",
            "sed", "setsid", "sha256sum", "sleep", "sort", "tail", "tar", "tr", "uname", "wc", "getent", "crontab");

    private Dist() { }

    static Path tarball(String version) {
        return TARGET.resolve("memory-daemon-" + version + "-linux-x86_64.tar.gz");
    }

    /** A world-readable temp dir (tests hand it to the checker's user, {@code nobody} under root). */
    static Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /**
     * A bin dir of links to the usual tools only, so a run with PATH=it cannot find a system JDK; crontab is the
     * stand-in unless the tests run as root.
     */
    static Path pathWithoutJava(Path parent) throws IOException {
        Path bin = Files.createDirectories(parent.resolve("tools"));
        for (String tool : TOOLS) {
            Optional<Path> standIn = tool.equals("crontab") ? CrontabStandIn.command() : Optional.empty();
            if (standIn.isPresent()) {
                Files.createSymbolicLink(bin.resolve(tool), standIn.get());
                continue;
            }
            for (String dir : List.of("/usr/bin/", "/bin/")) {
                Path real = Path.of(dir + tool);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(bin.resolve(tool), real);
                    break;
                }
            }
        }
        return bin;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
