// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import io.memorydaemon.check.Uids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What lstat(2) says of a name, and why it is not one of the tool's own files if it is not. */
record FileStat(long uid, int links, Object key, boolean link, boolean regular, boolean directory) {

    static Optional<FileStat> of(Path p) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(p,
                    "unix:uid,nlink,fileKey,isSymbolicLink,isRegularFile,isDirectory", NOFOLLOW_LINKS);
            return Optional.of(new FileStat(Uids.of((Integer) a.get("uid")), (Integer) a.get("nlink"), a.get("fileKey"),
                    (Boolean) a.get("isSymbolicLink"), (Boolean) a.get("isRegularFile"),
                    (Boolean) a.get("isDirectory")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The same inode. */
    boolean sameFile(FileStat other) {
        return key.equals(other.key);
    }

    /** Why this is not the tool's own file (or directory), if it is not. */
    Optional<String> problem(boolean wantDirectory) {
        if (link) {
            return Optional.of("is a symbolic link");
        }
        if (wantDirectory ? !directory : !regular) {
            return Optional.of(wantDirectory ? "is not a directory" : "is not a regular file");
        }
        long me = Me.UID;
        if (uid != me) {
            return Optional.of("is owned by uid " + uid + ", not by this user (uid " + me + ")");
        }
        // a hard link planted in a shared directory would make a run as root write into the linked file
        if (!wantDirectory && links > 1) {
            return Optional.of("has " + links + " hard links");
        }
        return Optional.empty();
    }

    /** The effective uid of this process. */
    static long myUid() {
        return Me.UID;
    }

    /** The effective uid, which owns what this process creates. */
    private static final class Me {
        static final long UID = ProcStat.uids(Path.of("/proc"), ProcessHandle.current().pid())
                .map(u -> u[1])
                .orElseThrow(() -> new IllegalStateException("cannot read this process's uid from /proc/self/status"));
    }
}
