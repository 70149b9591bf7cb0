// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cgroups of users' service managers ({@code /user.slice/user-UID.slice/user@UID.service/…}) and the processes
 * in each, read from the cgroup v2 tree: a few dozen small files for a whole login server, where asking every
 * process for its {@code /proc/<pid>/cgroup} would double the scan. {@code cgroup.procs} may be read by anyone.
 */
final class UserManagerCgroups {
    /** Deep enough for {@code app.slice/app-x.slice/unit.scope/sub}: a unit's own sub-cgroups belong to it. */
    private static final int MAX_DEPTH = 8;

    private final Optional<Path> root;

    UserManagerCgroups(Optional<Path> root) {
        this.root = root;
    }

    /** The cgroup v2 hierarchy as {@code proc}'s mount table has it: /sys/fs/cgroup, or its unified half. */
    static UserManagerCgroups of(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("self").resolve("mountinfo"), StandardCharsets.UTF_8)) {
                int dash = line.indexOf(" - ");
                String[] f = line.split(" ");
                if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ") && f.length > 4) {
                    return new UserManagerCgroups(Optional.of(Path.of(f[4])));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no mount table: no cgroups known
        }
        return new UserManagerCgroups(Optional.empty());
    }

    /** The cgroup v2 mount, for {@code cgroup.kill}. */
    Optional<Path> root() {
        return root;
    }

    /** Pid → cgroup path (from the hierarchy's root, as /proc/PID/cgroup writes it) of every process under a user manager. */
    Map<Long, String> read() {
        Map<Long, String> byPid = new HashMap<>();
        if (root.isEmpty()) {
            return byPid;
        }
        Path slices = root.get().resolve("user.slice");
        try (DirectoryStream<Path> users = Files.newDirectoryStream(slices, "user-*.slice")) {
            for (Path user : users) {
                try (DirectoryStream<Path> managers = Files.newDirectoryStream(user, "user@*.service")) {
                    for (Path manager : managers) {
                        walk(manager, 0, byPid);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no user slices (no systemd, or no one logged in): nothing grouped by cgroup
        }
        return byPid;
    }

    private void walk(Path dir, int depth, Map<Long, String> byPid) throws IOException {
        String name = "/" + root.get().relativize(dir);
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                if (!line.isEmpty()) {
                    byPid.put(Long.parseLong(line.strip()), name);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return; // removed meanwhile
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir,
                p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path child : children) {
                walk(child, depth + 1, byPid);
            }
        } catch (IOException e) {
            // removed meanwhile
        }
    }
}
