// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs test processes as an ordinary user: as root (CI) the checker under test must not run as root, so it runs
 * as {@code nobody}; run by an ordinary user, the tests are already that user and start processes unchanged.
 */
public record RunAs(String user, long uid, long gid) {

    /** The user the checker under test runs as: {@code nobody} when the tests run as root, else the tests' own. */
    public static RunAs checkerUser() {
        return Root.is() ? lookup("nobody") : lookup(Shell.run("id", "-un").strip());
    }

    public static RunAs lookup(String user) {
        return new RunAs(user, Long.parseLong(Shell.run("id", "-u", user).strip()),
                Long.parseLong(Shell.run("id", "-g", user).strip()));
    }

    /**
     * A uid no passwd entry names (a directory user's, say above 2^31): processes run as it through setpriv, files
     * are given to it by number. Only root can do either.
     */
    public static RunAs numeric(long uid) {
        return new RunAs(Long.toString(uid), uid, uid);
    }

    private boolean isNumeric() {
        return user.equals(Long.toString(uid));
    }

    /** Whether this is the user the tests run as: then no setpriv, and nothing to chown. */
    public boolean isSelf() {
        return uid == Root.uid();
    }

    /** The command prefixed so that it runs as this user with no supplementary groups. */
    public List<String> command(List<String> command) {
        if (isSelf()) {
            return List.copyOf(command);
        }
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--"));
        full.addAll(command);
        return full;
    }

    /** Gives the user a directory tree the test made (as root); the tests' own user has it already. */
    public void own(Path dir) {
        if (isSelf()) {
            return;
        }
        if (isNumeric()) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            var owner = users.lookupPrincipalByName(user);
            var group = users.lookupPrincipalByGroupName(Shell.run("id", "-gn", user).strip());
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setOwner(p, owner);
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
