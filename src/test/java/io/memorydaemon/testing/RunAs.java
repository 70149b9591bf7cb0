// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs test processes as an ordinary user (tests run as root; the checker under test must not). */
public record RunAs(String user, int uid, int gid) {

    /** The system's {@code nobody} user. */
    public static RunAs nobody() {
        return lookup("nobody");
    }

    public static RunAs lookup(String user) {
        return new RunAs(user, Integer.parseInt(Shell.run("id", "-u", user).strip()),
                Integer.parseInt(Shell.run("id", "-g", user).strip()));
    }

    /** The command prefixed so that it runs as this user with no supplementary groups. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--"));
        full.addAll(command);
        return full;
    }

    /** Gives the user a directory tree the test made (as root). */
    public void own(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            var owner = users.lookupPrincipalByName(user);
            var group = users.lookupPrincipalByGroupName(Shell.run("id", "-gn", user).strip());
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setOwner(p, owner);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
