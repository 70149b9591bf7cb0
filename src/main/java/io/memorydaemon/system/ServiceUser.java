// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The system watcher started by root without systemd becomes what memory-daemon.service makes it: the system user
 * memory-daemon (the package makes it), its state directory its own (0700), CAP_KILL and CAP_SYS_PTRACE only
 * (ambient and bounding), no new privileges. setpriv(1) of util-linux does the change, and this process is replaced
 * by it, so nothing stays root.
 */
public final class ServiceUser {
    public static final String NAME = "memory-daemon";
    /** The unit's AmbientCapabilities= and CapabilityBoundingSet=, in setpriv's words. */
    private static final String CAPS = "-all,+kill,+sys_ptrace";

    /** Why root cannot hand over: one line with what to run. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private ServiceUser() { }

    /**
     * setpriv's command that runs {@code command} as the service user with the unit's capabilities.
     *
     * @param setpriv setpriv's absolute path (execv does not search the PATH)
     */
    public static List<String> setpriv(String setpriv, List<String> command) {
        List<String> argv = new ArrayList<>(List.of(setpriv, "--reuid=" + NAME, "--regid=" + NAME, "--init-groups",
                "--inh-caps=" + CAPS, "--ambient-caps=" + CAPS, "--bounding-set=" + CAPS, "--no-new-privs", "--"));
        argv.addAll(command);
        return argv;
    }

    /** Where setpriv is: on {@code PATH}, else in the usual directories (a root shell of su may lack /usr/bin). */
    public static Optional<Path> findSetpriv(Map<String, String> env) {
        return Commands.find("setpriv", env.getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin");
    }

    /**
     * Makes {@code stateDir} a directory of the service user, mode 0700, as systemd's {@code StateDirectory=} would:
     * created if missing; a directory of root's or the service user's gets that owner and mode (its files keep
     * theirs: the watcher names any it cannot use). Anything else is refused.
     */
    public static void prepareStateDirectory(Path stateDir) throws Refused {
        String fix = "install -d -o " + NAME + " -g " + NAME + " -m 700 " + stateDir;
        UserPrincipalLookupService users = stateDir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = users.lookupPrincipalByName(NAME);
            group = users.lookupPrincipalByGroupName(NAME);
        } catch (UserPrincipalNotFoundException e) {
            throw new Refused("the system watcher runs as the system user " + NAME + ", which does not exist;"
                    + " install the package, or run: useradd --system --user-group --home-dir " + stateDir
                    + " --no-create-home --shell /usr/sbin/nologin " + NAME);
        } catch (IOException e) {
            throw new Refused("cannot look up the system user " + NAME + ": " + e.getMessage());
        }
        try {
            if (!Files.exists(stateDir, NOFOLLOW_LINKS)) {
                Files.createDirectories(stateDir.getParent());
                Files.createDirectory(stateDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            PosixFileAttributeView view = Files.getFileAttributeView(stateDir, PosixFileAttributeView.class,
                    NOFOLLOW_LINKS);
            PosixFileAttributes now = view.readAttributes();
            if (!now.isDirectory()) {
                throw new Refused(stateDir + " is not a directory; remove it, or run: " + fix);
            }
            String owner = now.owner().getName();
            if (!owner.equals("root") && !owner.equals(NAME)) {
                throw new Refused(stateDir + " belongs to " + owner + ", not " + NAME + "; run: " + fix);
            }
            view.setOwner(user);
            view.setGroup(group);
            view.setPermissions(PosixFilePermissions.fromString("rwx------"));
            if ((int) Files.getAttribute(stateDir, "unix:uid", NOFOLLOW_LINKS) == 0) {
                // root under another name: the watcher would hand over to root again, and again
                throw new Refused("the system user " + NAME + " has uid 0; give it a uid of its own");
            }
        } catch (IOException e) {
            throw new Refused("cannot make " + stateDir + " the state directory of " + NAME + " ("
                    + e.getMessage() + "); run: " + fix);
        }
    }

    /** Its uid, from /etc/passwd (where useradd writes a system user); empty when it does not exist. */
    public static OptionalLong uid() {
        return uid(Path.of("/etc/passwd"));
    }

    static OptionalLong uid(Path passwd) {
        try {
            for (String line : Files.readAllLines(passwd, java.nio.charset.StandardCharsets.UTF_8)) {
                var entry = Users.parse(line);
                if (entry.isPresent() && entry.get().getValue().equals(NAME)) {
                    return OptionalLong.of(entry.get().getKey());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable passwd: as if the user did not exist
        }
        return OptionalLong.empty();
    }
}
