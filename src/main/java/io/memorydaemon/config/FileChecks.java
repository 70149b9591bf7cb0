// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.IntSupplier;

/**
 * Whether the files md.conf names can be used, found when md.conf is read rather than at the first kill. A few
 * stat calls each, so cron's check under the threshold stays fast.
 */
final class FileChecks {
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;

    private FileChecks() { }

    /** The effective uid of this process: the owner of /proc/self; -1 (not root) when it cannot be read. */
    static int realUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    static Path passFile(Fields f) {
        Path p = f.path("pass_file");
        if (!Files.exists(p)) {
            f.problem("pass_file", "pass_file " + p + " does not exist; create it with the password on its first"
                    + " line (chmod 600), or fix the path");
        } else if (Files.isDirectory(p)) {
            f.problem("pass_file", "pass_file " + p + " is a directory; name the file that holds the password");
        } else if (!Files.isReadable(p)) {
            f.problem("pass_file", "pass_file " + p + " cannot be read by you; make it readable by you ('chmod 600 "
                    + p + "' as its owner)");
        }
        return p;
    }

    /** A log file the check can append to and rotate beside, which as root no other user can swap for a link. */
    static Path logFile(Fields f, IntSupplier uid) {
        Path p = f.path("log_file");
        Path dir = p.toAbsolutePath().getParent();
        String name = "log_file " + p;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                f.problem("log_file", name + " is a symbolic link; name the file it points to (the log is not"
                        + " written through links)");
                return p;
            }
            if (!a.isRegularFile()) {
                f.problem("log_file", name + " exists and is not a regular file; name a file, e.g. 'log_file "
                        + ConfigParser.example("log_file") + "'");
                return p;
            }
            if (!Files.isWritable(p)) {
                f.problem("log_file", name + " is not writable by you; make it yours (chmod 600 " + p
                        + ") or name another log file");
                return p;
            }
        } catch (IOException e) {
            // not there yet: the first run creates it, if its directory allows
        }
        if (!Files.isDirectory(dir)) {
            f.problem("log_file", name + ": its directory " + dir + " does not exist; create it (mkdir -p " + dir
                    + ") or name another log file");
        } else if (!Files.isWritable(dir)) {
            f.problem("log_file", name + ": its directory " + dir + " is not writable by you (the log is rotated"
                    + " there); name a log file in a directory of yours");
        } else if (uid.getAsInt() == 0 && writableByOthers(dir)) {
            f.problem("log_file", name + " is in " + dir + ", which other users can write, and this runs as root;"
                    + " name a log file in a directory only root can write, e.g. /var/log/memory-daemon.log");
        }
        return p;
    }

    /**
     * A metrics file the check can replace (a temporary file beside it, then rename): named {@code *.prom}, as
     * node_exporter's textfile collector reads nothing else, in a directory of the user's choice they can write.
     */
    static Path metricsFile(Fields f, IntSupplier uid) {
        Path p = f.path("metrics_file");
        Path dir = p.toAbsolutePath().getParent();
        String name = "metrics_file " + p;
        if (!p.getFileName().toString().endsWith(".prom") || p.getFileName().toString().equals(".prom")) {
            f.problem("metrics_file", name + " does not end in .prom, the only files node_exporter's textfile"
                    + " collector reads; write e.g. 'metrics_file " + ConfigParser.example("metrics_file") + "'");
            return p;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                f.problem("metrics_file", name + " is a symbolic link; name the file it points to (the metrics are"
                        + " not written through links)");
                return p;
            }
            if (!a.isRegularFile()) {
                f.problem("metrics_file", name + " exists and is not a regular file; name a file, e.g. 'metrics_file "
                        + ConfigParser.example("metrics_file") + "'");
                return p;
            }
            int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (owner != uid.getAsInt()) {
                f.problem("metrics_file", name + " belongs to another user (uid " + owner + "); name a file of"
                        + " yours (one per user, e.g. memory_daemon_<user>.prom)");
                return p;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not there yet: the first run creates it, if its directory allows
        }
        if (!Files.isDirectory(dir)) {
            f.problem("metrics_file", name + ": its directory " + dir + " does not exist; create it (mkdir -p " + dir
                    + ") or name another file");
        } else if (!Files.isWritable(dir)) {
            f.problem("metrics_file", name + ": its directory " + dir + " is not writable by you (the file is"
                    + " replaced through a temporary file there); ask the admin to let you write it, or name"
                    + " another directory node_exporter reads");
        }
        return p;
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
