// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a file md.conf names can be used: asked by the feature that uses it, when it uses it (the log before a
 * run writes it), and by {@link SettingChecks} for a person (md_wizard edit, test, status). A few stat calls each.
 * Each answer is the problem without the file's name and line, which the caller adds.
 */
public final class FileChecks {
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;

    private FileChecks() { }

    /** The effective uid of this process: the owner of /proc/self, unsigned; -1 (not root) when it cannot be read. */
    public static long realUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") & 0xFFFF_FFFFL;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    static Optional<String> passFile(Path p) {
        if (!Files.exists(p)) {
            return Optional.of("pass_file " + p + " does not exist; create it with the password on its first line"
                    + " (chmod 600), or fix the path");
        } else if (Files.isDirectory(p)) {
            return Optional.of("pass_file " + p + " is a directory; name the file that holds the password");
        } else if (!Files.isReadable(p)) {
            return Optional.of("pass_file " + p + " cannot be read by you; make it readable by you ('chmod 600 " + p
                    + "' as its owner)");
        }
        return Optional.empty();
    }

    /** A log file the check can append to and rotate beside, which as root no other user can swap for a link. */
    public static Optional<String> logFile(Path p, long uid) {
        Path dir = p.toAbsolutePath().getParent();
        String name = "log_file " + p;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return Optional.of(name + " is a symbolic link; name the file it points to (the log is not written"
                        + " through links)");
            }
            if (!a.isRegularFile()) {
                return Optional.of(name + " exists and is not a regular file; name a file, e.g. 'log_file "
                        + Keys.example("log_file") + "'");
            }
            if (!Files.isWritable(p)) {
                return Optional.of(name + " is not writable by you; make it yours (chmod 600 " + p
                        + ") or name another log file");
            }
        } catch (IOException e) {
            // not there yet: the first run creates it, if its directory allows
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of(name + ": its directory " + dir + " does not exist; create it (mkdir -p " + dir
                    + ") or name another log file");
        } else if (!Files.isWritable(dir)) {
            return Optional.of(name + ": its directory " + dir + " is not writable by you (the log is rotated"
                    + " there); name a log file in a directory of yours");
        } else if (uid == 0 && writableByOthers(dir)) {
            return Optional.of(name + " is in " + dir + ", which other users can write, and this runs as root; name a"
                    + " log file in a directory only root can write, e.g. /var/log/memory-daemon.log");
        }
        return Optional.empty();
    }

    /** The metrics file's name: {@code *.prom}, as node_exporter's textfile collector reads nothing else. */
    static Path metricsName(Fields f) {
        Path p = f.path("metrics_file");
        String name = p.getFileName().toString();
        if (!name.endsWith(".prom") || name.equals(".prom")) {
            f.problem("metrics_file", "metrics_file " + p + " does not end in .prom, the only files node_exporter's"
                    + " textfile collector reads; write e.g. 'metrics_file " + Keys.example("metrics_file") + "'");
        }
        return p;
    }

    /**
     * A metrics file the check can replace (a temporary file beside it, then rename) in a directory it can write;
     * one that is a link, not a regular file or another user's is never written nor followed.
     */
    static Optional<String> metricsFile(Path p, long uid) {
        Path dir = p.toAbsolutePath().getParent();
        String name = "metrics_file " + p;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return Optional.of(name + " is a symbolic link; name the file it points to (the metrics are not"
                        + " written through links)");
            }
            if (!a.isRegularFile()) {
                return Optional.of(name + " exists and is not a regular file; name a file, e.g. 'metrics_file "
                        + Keys.example("metrics_file") + "'");
            }
            long owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) & 0xFFFF_FFFFL;
            if (owner != uid) {
                return Optional.of(name + " belongs to another user (uid " + owner + "); name a file of yours (one per"
                        + " user, e.g. memory_daemon_<user>.prom), or ask the admin to create yours");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not there yet: the first run creates it, if its directory allows
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of(name + ": its directory " + dir + " does not exist; create it (mkdir -p " + dir
                    + ") or name another file");
        } else if (!Files.isWritable(dir)) {
            return Optional.of(name + ": its directory " + dir + " is not writable by you (the file is replaced"
                    + " through a temporary file there); ask the admin to let you write it, or name another"
                    + " directory node_exporter reads");
        }
        return Optional.empty();
    }

    /** @param groupMay the system md.conf: its group is the service's, which must read it */
    static boolean readableByOthers(Path file, boolean groupMay) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return (!groupMay && perms.contains(PosixFilePermission.GROUP_READ))
                    || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean writableByOthers(Path dir) {
        try {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            return (mode & (OTHERS_WRITE | STICKY)) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true;
        }
    }
}
