// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Optional;

/** A lock file shared by every check and watcher of one user, so two runs never act on one event. */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The lock, or empty when another run holds it. Released by the kernel if this process dies. Its directory is
     * made (0700) if missing, the file created 0600.
     *
     * <p>A lock file that is a symbolic link or someone else's is refused with {@link UnsafeFileException}, and the
     * caller fails (exit 1) without acting. A run that cannot lock cannot know whether another run is acting on the
     * same event (a watcher may hold the lock on the file a link replaced), and two runs acting at once can kill two
     * processes where one was enough; the one harm memory-daemon can do is to kill the user's work, so it does not
     * guess. The refusal is repeated on every run, in the log and on stderr, until the file is removed.
     */
    public static Optional<RunLock> tryAcquire(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            OwnedFiles.createDirectories(dir);
        }
        FileChannel channel = OwnedFiles.openOrCreate(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RunLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
