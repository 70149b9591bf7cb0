// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one way to the files memory-daemon owns (the log and its rotations, md.lock, warned.state, the outbox):
 * never through a symbolic link, only if the running user owns them, created 0600 (directories 0700) whatever
 * the umask. The log may sit in a shared sticky directory such as /tmp, where another user can plant a link to
 * a file of theirs, or (for a run as root) to any file at all; the other files live in the user's own
 * directory, where a link only appears by mistake, but one rule for all keeps every writer honest.
 *
 * <p>Java gives no fstat of an opened channel, so a file is stat'ed without following links before and after
 * {@code open(O_NOFOLLOW)}, and the two must be the same inode, a regular file of this user with one link.
 * Swapping the name between the two stats and back needs the right to rename this user's file, which in a
 * sticky directory only this user and root have.
 */
public final class OwnedFiles {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /** The metrics file only: node_exporter reads it as another user (prometheus); it holds nothing secret. */
    private static final Set<PosixFilePermission> READABLE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(FILE_MODE);
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(DIR_MODE);
    /** A rotation by another run between the two stats also changes the inode; it settles at once, a swap does not. */
    private static final int ATTEMPTS = 3;

    private OwnedFiles() { }

    /**
     * Whether this process may create the tool's files in {@code dir}: it, or its nearest existing parent, is a
     * directory of this user (not another user's home that root is editing for them).
     */
    public static boolean mayCreateIn(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            Optional<FileStat> s = FileStat.of(p);
            if (s.isPresent()) {
                return s.get().problem(true).isEmpty();
            }
        }
        return false;
    }

    /** For appending: the log. */
    public static FileChannel append(Path file) throws IOException {
        return open(file, Set.of(CREATE, WRITE, APPEND));
    }

    /** For writing in place, created if missing: the lock file. */
    public static FileChannel openOrCreate(Path file) throws IOException {
        return open(file, Set.of(CREATE, WRITE));
    }

    /** A new file; fails if the name exists, whatever it is (a temporary file). */
    public static FileChannel createNew(Path file) throws IOException {
        return open(file, Set.of(CREATE_NEW, WRITE));
    }

    /**
     * Replaces {@code file} with {@code content}, never leaving half a file: written to {@code tmp} (a leftover
     * of a crash or a link there is unlinked first: that removes the name only, never what a link points to),
     * synced, then renamed over {@code file}; {@code tmp} is removed if any step fails.
     *
     * @param readableByOthers 0644 instead of 0600 whatever the umask: only the metrics file, which node_exporter
     *                         reads as its own user; nothing else of the tool's may be readable by others
     */
    public static void replaceWith(Path file, Path tmp, byte[] content, boolean readableByOthers) throws IOException {
        Files.deleteIfExists(tmp);
        try {
            try (FileChannel channel = readableByOthers ? createNewReadable(tmp) : createNew(tmp)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            replace(tmp, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** A new file, as {@link #createNew}, then made 0644 whatever the umask. */
    private static FileChannel createNewReadable(Path file) throws IOException {
        FileChannel channel = createNew(file);
        try {
            setMode(file, READABLE_MODE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** The file to read, or empty when there is none. */
    public static Optional<InputStream> read(Path file) throws IOException {
        try {
            return Optional.of(Channels.newInputStream(open(file, Set.of(READ))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Whether a directory entry is a regular file of this user with one link, without opening it. */
    public static boolean isOwnedFile(Path file) {
        try {
            Optional<FileStat> s = FileStat.of(file);
            return s.isPresent() && s.get().problem(false).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Renames {@code from} over {@code to}, atomically: rename(2) replaces a link at {@code to} rather than
     * writing through it, and moves a link at {@code from} rather than what it points to.
     */
    public static void replace(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Missing directories up to {@code dir} made 0700; existing ones are left as the user made them. */
    public static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            createDirectory(missing.pop());
        }
    }

    /** A directory the tool keeps files in (the outbox): made 0700 if missing, else a real directory of this user. */
    public static void directory(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        if (FileStat.of(dir).isEmpty()) {
            createDirectory(dir);
        }
        checkDirectory(dir);
    }

    /** Refuses {@code dir} unless it is a directory of this user, not a link; NoSuchFileException if missing. */
    public static void checkDirectory(Path dir) throws IOException {
        FileStat s = FileStat.of(dir).orElseThrow(() -> new NoSuchFileException(dir.toString()));
        Optional<String> problem = s.problem(true);
        if (problem.isPresent()) {
            throw new UnsafeFileException(dir, problem.get());
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PRIVATE_DIR);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return; // another run made it meanwhile
            }
            throw e;
        }
        setMode(dir, DIR_MODE);
    }

    private static FileChannel open(Path file, Set<OpenOption> options) throws IOException {
        Set<OpenOption> all = new HashSet<>(options);
        all.add(NOFOLLOW_LINKS);
        boolean fresh = options.contains(CREATE_NEW);
        for (int attempt = 1; ; attempt++) {
            Optional<FileStat> before = FileStat.of(file);
            if (before.isPresent() && !fresh) {
                refuseIfUnsafe(file, before.get());
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, all, PRIVATE_FILE);
            } catch (FileSystemException e) {
                // O_NOFOLLOW fails with ELOOP on a link planted since the stat
                if (FileStat.of(file).map(FileStat::link).orElse(false)) {
                    throw (UnsafeFileException) new UnsafeFileException(file, "is a symbolic link").initCause(e);
                }
                throw e;
            }
            try {
                Optional<FileStat> after = FileStat.of(file);
                if (after.isPresent()) {
                    refuseIfUnsafe(file, after.get());
                }
                boolean same = after.isPresent() && (before.isEmpty() || fresh || before.get().sameFile(after.get()));
                if (same) {
                    if (before.isEmpty() || fresh) {
                        setMode(file, FILE_MODE);
                    }
                    return channel;
                }
                if (attempt == ATTEMPTS) {
                    throw new UnsafeFileException(file, "was replaced while memory-daemon opened it");
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
        }
    }

    private static void refuseIfUnsafe(Path file, FileStat s) throws UnsafeFileException {
        Optional<String> problem = s.problem(false);
        if (problem.isPresent()) {
            throw new UnsafeFileException(file, problem.get());
        }
    }

    /** Explicitly, as the umask masks the mode given at creation; never through a link (fchmod after O_NOFOLLOW). */
    private static void setMode(Path p, Set<PosixFilePermission> mode) throws IOException {
        Files.getFileAttributeView(p, PosixFileAttributeView.class, NOFOLLOW_LINKS).setPermissions(mode);
    }
}
