// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The system watcher's md.conf: it decides which users' processes die, so only root may have written it. The file
 * and its directory must be root's, written by no one else (the file may be group-readable by the service's group:
 * {@code root:memory-daemon 0640} keeps an SMTP password from other users).
 */
final class SystemConfigFile {
    private static final int GROUP_WRITE = 0020;
    private static final int OTHERS_WRITE = 0002;

    private SystemConfigFile() { }

    static void check(Path file) throws ConfigException {
        Path abs = file.toAbsolutePath();
        Optional<String> problem = problem(abs, "md.conf " + abs);
        if (problem.isEmpty() && abs.getParent() != null) {
            problem = problem(abs.getParent(), "its directory " + abs.getParent());
        }
        if (problem.isPresent()) {
            throw new ConfigException(abs + ": " + problem.get() + "; the system watcher reads only an md.conf root"
                    + " alone can change: chown root:memory-daemon " + abs + " && chmod 640 " + abs);
        }
    }

    private static Optional<String> problem(Path p, String name) throws ConfigException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:uid,gid,mode,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ConfigException(p + ": not found; the package installs /etc/memory-daemon/md.conf, or pass one"
                    + " with --config");
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(p + ": cannot be read (" + e.getMessage() + "); check the file and its"
                    + " permissions");
        }
        int mode = (Integer) a.get("mode");
        if ((Boolean) a.get("isSymbolicLink")) {
            return Optional.of(name + " is a symbolic link");
        }
        if ((Integer) a.get("uid") != 0) {
            return Optional.of(name + " is owned by uid " + a.get("uid") + ", not root");
        }
        if ((mode & OTHERS_WRITE) != 0 || ((mode & GROUP_WRITE) != 0 && (Integer) a.get("gid") != 0)) {
            return Optional.of(name + " can be written by users other than root (mode "
                    + Integer.toOctalString(mode & 07777) + ")");
        }
        return Optional.empty();
    }
}
